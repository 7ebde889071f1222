package netrec.it;

import netrec.it.support.JdkIndependent;

/** The record/replay scenario through Reactor Netty's HttpClient (Netty over NIO, SslHandler over the JDK's SSLEngine). */
@JdkIndependent("Reactor Netty over HTTP/1.1 meets the JDK as over HTTP/2 (Netty's NIO transport, the JDK's "
        + "SSLEngine): ReactorNettyHttp2RecordReplayIT on both JDKs, and MissMessagesIT")
class ReactorNettyRecordReplayIT extends RecordReplayScenario {
    @Override
    String client() {
        return "reactor-netty";
    }
}
