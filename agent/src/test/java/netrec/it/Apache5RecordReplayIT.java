package netrec.it;

/** The record/replay scenario through Apache HttpClient 5 (classic, pooled). */
class Apache5RecordReplayIT extends RecordReplayScenario {
    @Override
    String client() {
        return "apache5";
    }

    @Override
    boolean answeredWithoutASocket() {
        return true;
    }
}
