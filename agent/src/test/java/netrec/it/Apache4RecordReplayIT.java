package netrec.it;

/** The record/replay scenario through Apache HttpClient 4.5 (classic, pooled). */
class Apache4RecordReplayIT extends RecordReplayScenario {
    @Override
    String client() {
        return "apache4";
    }

    @Override
    boolean answeredWithoutASocket() {
        return true;
    }
}
