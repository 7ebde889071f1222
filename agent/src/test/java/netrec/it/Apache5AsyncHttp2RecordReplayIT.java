package netrec.it;

/** The record/replay scenario through Apache HttpClient 5's async HTTP/2 client. */
class Apache5AsyncHttp2RecordReplayIT extends Http2OnlyScenario {
    @Override
    String client() {
        return "apache5-async-h2";
    }
}
