package netrec.agent.instrument;

import java.util.List;
import java.util.Set;

/**
 * Every JDK class netrec changes, one line each, from the wire up; then the two that say how the JVM ends; then the
 * executors, whose hand-offs carry the test a thread works for.
 */
public final class Instrumentations {
    /**
     * The classes of {@link #all} on the network's path, by internal name, woven as they load. Named here as well, so
     * that the agent knows them without loading Byte Buddy, which {@link #all} builds the advice with
     * ({@code InstrumentationsTest} checks that the two agree).
     */
    public static final Set<String> ON_NETWORK_PATH = Set.of("java/net/InetAddress", "java/net/Socket",
            "java/net/Socket$SocketInputStream", "java/net/Socket$SocketOutputStream",
            "sun/security/ssl/SSLSocketFactoryImpl", "sun/security/ssl/SSLSocketImpl$AppInputStream",
            "sun/security/ssl/SSLSocketImpl$AppOutputStream", "sun/nio/ch/SocketChannelImpl",
            "sun/nio/ch/UnixAsynchronousSocketChannelImpl", "sun/nio/ch/AsynchronousSocketChannelImpl",
            "sun/nio/ch/DatagramChannelImpl", "sun/security/ssl/SSLContextImpl", "sun/security/ssl/SSLEngineImpl",
            "javax/net/ssl/SSLParameters", "jdk/internal/net/http/Exchange",
            "jdk/internal/net/http/PlainHttpConnection");
    /**
     * The classes of {@link #all} off the network's path, which JVMs that make no network call load too (the JVM's
     * end, threads, executors): woven once netrec starts, at the JVM's first network call or test.
     */
    public static final Set<String> OFF_NETWORK_PATH = Set.of("java/lang/Shutdown", "java/lang/Thread",
            "java/util/concurrent/AbstractExecutorService", "java/util/concurrent/ThreadPoolExecutor",
            "java/util/concurrent/ScheduledThreadPoolExecutor", "java/util/concurrent/ForkJoinPool",
            "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor");

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
