package netrec.it;

import netrec.it.support.JdkIndependent;

/** The record/replay scenario through Jetty 12's HttpClient (NIO selectors, SSLEngine). */
@JdkIndependent("Jetty's client meets the JDK through SocketChannel, a Selector and SSLEngine, as Apache HttpClient "
        + "5's async client, Reactor Netty and the JDK HttpClient do on both JDKs "
        + "(Apache5AsyncHttp2RecordReplayIT, ReactorNettyHttp2RecordReplayIT, JdkHttpClientRecordReplayIT)")
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
