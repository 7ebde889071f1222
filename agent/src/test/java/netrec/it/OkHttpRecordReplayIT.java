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
}
