package netrec.it;

/** The record/replay scenario through Reactor Netty's HttpClient asked for HTTP/2. */
class ReactorNettyHttp2RecordReplayIT extends Http2OnlyScenario {
    @Override
    String client() {
        return "reactor-netty-h2";
    }

    /** Netty's own DNS resolver, Reactor Netty's default, opens a UDP socket, which netrec does not see. */
    @Override
    String namedOnStderr() {
        return "netrec: UDP (";
    }

    /** Reactor Netty reports the HTTP/2 connection's failure as a PrematureCloseException of its own. */
    @Override
    boolean clientExceptionCarriesMissExplanation() {
        return false;
    }
}
