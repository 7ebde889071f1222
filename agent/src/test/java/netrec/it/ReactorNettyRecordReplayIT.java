package netrec.it;

/** The record/replay scenario through Reactor Netty's HttpClient (Netty over NIO, SslHandler over the JDK's SSLEngine). */
class ReactorNettyRecordReplayIT extends RecordReplayScenario {
    @Override
    String client() {
        return "reactor-netty";
    }
}
