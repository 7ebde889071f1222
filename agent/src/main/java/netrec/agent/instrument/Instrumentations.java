package netrec.agent.instrument;

import java.util.List;

/**
 * Every JDK class netrec changes, one line each, from the wire up; then the two that say how the JVM ends; then the
 * executors, whose hand-offs carry the test a thread works for.
 */
public final class Instrumentations {
    private Instrumentations() {
    }

    public static List<NetworkInstrumentation> all() {
        return List.of(
                new DnsInstrumentation(),
                new SocketInstrumentation(),
                new SocketInputInstrumentation(),
                new SocketOutputInstrumentation(),
                new TlsSocketFactoryInstrumentation(),
                new TlsInputInstrumentation(),
                new TlsOutputInstrumentation(),
                new SocketChannelInstrumentation(),
                new AsyncSocketChannelInstrumentation(),
                new AsyncCompletionInstrumentation(),
                new DatagramChannelInstrumentation(),
                new SslContextInstrumentation(),
                new SslEngineInstrumentation(),
                new AlpnInstrumentation(),
                new H2cUpgradeInstrumentation(),
                new PooledConnectionInstrumentation(),
                new ExitStatusInstrumentation(),
                new UncaughtExceptionInstrumentation(),
                TaskHandoffInstrumentation.submit(),
                TaskHandoffInstrumentation.threadPool(),
                TaskHandoffInstrumentation.scheduledPool(),
                TaskHandoffInstrumentation.forkJoinPool(),
                TaskHandoffInstrumentation.threadPerStage());
    }
}
