package netrec.it;

/** The record/replay scenario through Jetty 12's HttpClient on its HTTP/2 transport. */
class JettyHttp2RecordReplayIT extends Http2OnlyScenario {
    @Override
    String client() {
        return "jetty-h2";
    }

    /** Jetty's HTTP/2 client reports the connection's failure as a bare ClosedChannelException. */
    @Override
    boolean clientExceptionCarriesMissExplanation() {
        return false;
    }
}
