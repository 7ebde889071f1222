package netrec.it;

/** The record/replay scenario through Reactor Netty's HttpClient asked for HTTP/2. */
class ReactorNettyHttp2RecordReplayIT extends Http2OnlyScenario {
    @Override
    String client() {
        return "reactor-netty-h2";
    }

    /** Reactor Netty reports the HTTP/2 connection's failure as a PrematureCloseException of its own. */
    @Override
    boolean clientExceptionCarriesMissExplanation() {
        return false;
    }
}
