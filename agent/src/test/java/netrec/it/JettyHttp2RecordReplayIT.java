package netrec.it;

import netrec.it.support.JdkIndependent;

/** The record/replay scenario through Jetty 12's HttpClient on its HTTP/2 transport. */
@JdkIndependent("Jetty's client meets the JDK through SocketChannel, a Selector and SSLEngine, as Apache HttpClient "
        + "5's async client, Reactor Netty and the JDK HttpClient do on both JDKs "
        + "(Apache5AsyncHttp2RecordReplayIT, ReactorNettyHttp2RecordReplayIT, JdkHttpClientRecordReplayIT)")
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
