package netrec.it;

/** The record/replay scenario through OkHttp 4. */
class OkHttpRecordReplayIT extends RecordReplayScenario {
    @Override
    String client() {
        return "okhttp";
    }

    @Override
    String protocolOverTls() {
        return "h2";
    }

    @Override
    boolean standsForConnectProxies() {
        return true;
    }

    @Override
    boolean answeredWithoutASocket() {
        return true;
    }
}
