package netrec.it;

import netrec.it.support.CoversJdkClasses;

/** The record/replay scenario through Reactor Netty's HttpClient asked for HTTP/2. */
@CoversJdkClasses("Netty's NIO transport over SocketChannel, and its SSLEngine")
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
