package netrec.it;

/** The record/replay scenario through Jetty 12's HttpClient (NIO selectors, SSLEngine). */
class JettyRecordReplayIT extends RecordReplayScenario {
    @Override
    String client() {
        return "jetty";
    }

    /** Jetty's SocketChannelEndPoint.fill() catches the IOException of a read and reports a bare end of stream. */
    @Override
    boolean clientExceptionCarriesMissExplanation() {
        return false;
    }
}
