package netrec.runtime.bridge;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;

/**
 * What instrumented JDK methods call. When the first class netrec weaves loads, this class and its {@link Hooks} are
 * renamed to {@code jdk.internal.misc.NetrecBridge} and defined inside java.base, so code inlined into java.base can
 * call them without the boot class path being touched (which would cost CDS and print a warning in every JVM). It uses
 * JDK types only, and reaches netrec's engine through {@link #hooks}, which the engine's side fills in as it is
 * initialized (see {@link #hooks()}); until then, and whenever the engine fails, every call answers "carry on as
 * usual".
 *
 * <p>An interface rather than method handles: a JVM then spins no lambda forms at start, and the JIT inlines each
 * call. No lambdas and no string concatenation: this class runs inside early-boot JDK code.
 */
public final class NetrecBridge {
    /** The engine, or null until its side of the bridge is initialized. */
    public static volatile Hooks hooks;
    /**
     * The engine's side of the bridge, which the agent defines (renamed to implement {@link Hooks} here) with this
     * class, in the system class loader where netrec's classes are.
     */
    private static final String ENGINE_SIDE = "netrec.runtime.EngineHooks";
    /** The engine's side failed to initialize: every call carries on as usual, without trying again. */
    private static volatile boolean engineUnreachable;

    /**
     * What the engine answers: the one declaration of netrec's hooks. The engine implements it directly; each
     * static method of the same name here is its null-safe form, which carries on as usual when the engine is
     * absent or fails.
     */
    public interface Hooks {
        Connect connectStart(Socket socket, SocketImpl current, SocketAddress endpoint);

        void connectEnd(Socket socket, SocketAddress endpoint, Throwable failure);

        void plainSent(Socket socket, byte[] bytes, int offset, int length);

        IOException plainReceived(Socket socket, byte[] bytes, int offset, int count);

        /**
         * An SSLSocket's write begins with {@code bytes}: true when they were taken now (the handshake is done), so
         * {@link #tlsSent} is not to be called for them as the write returns.
         */
        boolean tlsSending(Socket socket, byte[] bytes, int offset, int length);

        /**
         * A write whose bytes were taken as it began failed: they may never have reached the server. {@code tls}: the
         * write was an SSLSocket's plaintext, else a plain socket's bytes.
         */
        void sendFailed(Socket socket, boolean tls);

        void tlsSent(Socket socket, byte[] bytes, int offset, int length);

        void tlsReceived(Socket socket, byte[] bytes, int offset, int count);

        void closed(Socket socket);

        Socket tlsLayerStart(Socket plain, String host, int port, boolean autoClose);

        TlsSocket tlsSocketCreate(SSLSocketFactory factory, Object[] arguments);

        void tlsLayerEnd(Socket tls, Socket plain, String host, int port);

        Lookup lookupStart(String host);

        /** A lookup the resolver answered with {@code addresses}, or failed with {@code failure}. */
        void lookupEnd(String host, InetAddress[] addresses, Throwable failure);

        String[] applicationProtocols(String[] protocols);

        /** True when the JDK HttpClient must not try {@code Upgrade: h2c} ({@code http2=downgrade}). */
        boolean skipsH2cUpgrade();

        Connect channelConnectStart(SocketChannel channel, SocketAddress endpoint);

        void channelConnectEnd(SocketChannel channel, SocketAddress endpoint, Throwable failure);

        void channelConnectFinished(SocketChannel channel, boolean connected, Throwable failure);

        void channelSent(SocketChannel channel, ByteBuffer[] buffers, int offset, int[] before);

        IOException channelReceived(SocketChannel channel, ByteBuffer[] buffers, int offset, int[] before, long count);

        void channelClosed(SocketChannel channel);

        SSLEngine tlsEngineCreate(String host, int port);

        void tlsEngineSent(SSLEngine engine, ByteBuffer[] sources, int offset, int[] before);

        void tlsEngineReceived(SSLEngine engine, ByteBuffer[] destinations, int offset, int[] before);

        /**
         * A datagram of {@code bytes} is about to go to {@code target}: null to send it; its size (an Integer) when
         * replay answered it instead; an IOException to fail the send with.
         */
        Object datagramSend(DatagramChannel channel, byte[] bytes, InetSocketAddress target);

        /** A datagram of {@code bytes} arrived from {@code sender}: the sender the application is told. */
        SocketAddress datagramReceived(DatagramChannel channel, byte[] bytes, SocketAddress sender);

        /** A datagram is about to be written on a connected channel: what to fail with, or null to go ahead. */
        IOException datagramWrite(DatagramChannel channel);

        /** The JVM begins to exit with {@code status} ({@code System.exit}, {@code Runtime.exit}, a signal). */
        void exiting(int status);

        /** {@code thread} ends with an uncaught exception. */
        void uncaught(Thread thread);

        /** Before an asynchronous channel connects: as {@link #channelConnectStart}. */
        Connect asyncConnectStart(AsynchronousSocketChannel channel, SocketAddress endpoint);

        /** An asynchronous channel connected to {@code endpoint}: its local address is known now. */
        void asyncConnectEnd(AsynchronousSocketChannel channel, SocketAddress endpoint);

        /**
         * A read ({@code write} false) or a write of {@code buffers} begins on an asynchronous channel: true when
         * netrec follows the channel, and then {@link #asyncFinished} reports what it moved.
         */
        boolean asyncStart(AsynchronousSocketChannel channel, boolean write, ByteBuffer[] buffers);

        /** The read or write begun last on {@code channel} has finished (moved bytes, failed or timed out). */
        void asyncFinished(AsynchronousSocketChannel channel, boolean write);

        /** A read on an asynchronous channel found the end of the stream: what it fails with instead, or null. */
        IOException asyncEndOfInput(AsynchronousSocketChannel channel);

        void asyncClosed(AsynchronousSocketChannel channel);

        /** The current thread begins to write on {@code connection}, a socket or a channel. */
        void writing(Object connection);

        /** A client takes {@code channel}'s connection for an exchange, on the current thread (from its pool). */
        void channelClaimed(SocketChannel channel);

        /** {@code task}, handed to {@code executor}: what it runs instead (the task, bound to its test). */
        Runnable carry(Object executor, Runnable task);

        /** {@code task}, handed to {@code executor}: what it runs instead (the task, bound to its test). */
        Callable<?> carryCallable(Object executor, Callable<?> task);

        /**
         * {@code task}, handed to a library's event loop {@code executor}: what it runs instead (the task, bound to
         * the test the submitting thread works for, when it works for one itself).
         */
        Runnable carryToEventLoop(Object executor, Runnable task);

        /** {@code call}, a library's call its own threads run later, is made now, for the current thread's test. */
        void callQueued(Object call);

        /** {@code call} runs on the current thread: returns what to give {@link #callRan} once it has run. */
        Object callRuns(Object call);

        /** The call that {@link #callRuns} began has run: {@code before} is what it returned. */
        void callRan(Object before);

        /**
         * {@code listener}, added earlier, runs on the current thread: returns what to give {@link #callRan} once it
         * has run.
         */
        Object listenerRuns(Object listener);

        /**
         * The current thread begins to serve a library's waiters one after another: returns what to give
         * {@link #servingEnds}.
         */
        Object servingBegins();

        /** While serving, the current thread serves {@code waiter}, made earlier for the test that waits. */
        void servesFor(Object waiter);

        /** The serving {@link #servingBegins} began ends: {@code before} is what it returned. */
        void servingEnds(Object before);
    }

    /**
     * Where a connect goes: as the application asked (null), to another address, on another socket implementation
     * (replay's in-process one), or nowhere, failing with {@link #refusal}.
     */
    public static final class Connect {
        /** The address to connect to instead, or null. */
        public final SocketAddress destination;
        /** The socket implementation to connect with instead, or null. */
        public final SocketImpl implementation;
        /** What the connect throws instead of connecting, or null. */
        public final IOException refusal;

        private Connect(SocketAddress destination, SocketImpl implementation, IOException refusal) {
            this.destination = destination;
            this.implementation = implementation;
            this.refusal = refusal;
        }

        public static Connect to(SocketAddress destination) {
            return new Connect(destination, null, null);
        }

        public static Connect on(SocketImpl implementation) {
            return new Connect(null, implementation, null);
        }

        public static Connect refused(IOException refusal) {
            return new Connect(null, null, refusal);
        }
    }

    /** A DNS lookup's answer given instead of the resolver's: addresses, or a failure. Null: resolve as usual. */
    public static final class Lookup {
        /** The addresses to answer with, or null. */
        public final InetAddress[] addresses;
        /** What the lookup throws instead, or null. */
        public final UnknownHostException failure;

        private Lookup(InetAddress[] addresses, UnknownHostException failure) {
            this.addresses = addresses;
            this.failure = failure;
        }

        public static Lookup answer(InetAddress[] addresses) {
            return new Lookup(addresses, null);
        }

        public static Lookup failure(UnknownHostException failure) {
            return new Lookup(null, failure);
        }
    }

    /** A TLS socket a factory returns instead of making its own, or the failure it throws instead (its connect's). */
    public static final class TlsSocket {
        /** The socket to return, or null. */
        public final Socket socket;
        /** What to throw instead, or null. */
        public final IOException failure;

        private TlsSocket(Socket socket, IOException failure) {
            this.socket = socket;
            this.failure = failure;
        }

        public static TlsSocket of(Socket socket) {
            return new TlsSocket(socket, null);
        }

        public static TlsSocket failed(IOException failure) {
            return new TlsSocket(null, failure);
        }
    }

    private NetrecBridge() {
    }

    /**
     * The engine. The agent defines this bridge as a class it weaves loads, when the engine's side cannot be
     * initialized yet (a class that loads while another does cannot wait for it), so the first call initializes it;
     * its initializer fills {@link #hooks} in. Null when that fails, or while this thread is initializing it.
     */
    private static Hooks hooks() {
        Hooks hook = hooks;
        return hook != null || engineUnreachable ? hook : engineSide();
    }

    private static Hooks engineSide() {
        try {
            Class.forName(ENGINE_SIDE, true, ClassLoader.getSystemClassLoader());
        } catch (Throwable t) {
            engineUnreachable = true;
        }
        return hooks;
    }

    public static Connect connectStart(Socket socket, SocketImpl current, SocketAddress endpoint) {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            return hook.connectStart(socket, current, endpoint);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void connectEnd(Socket socket, SocketAddress endpoint, Throwable failure) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.connectEnd(socket, endpoint, failure);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static void plainSent(Socket socket, byte[] bytes, int offset, int length) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.plainSent(socket, bytes, offset, length);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static IOException plainReceived(Socket socket, byte[] bytes, int offset, int count) {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            return hook.plainReceived(socket, bytes, offset, count);
        } catch (Throwable t) {
            return null;
        }
    }

    /** See {@link Hooks#tlsSending}. */
    public static boolean tlsSending(Socket socket, byte[] bytes, int offset, int length) {
        Hooks hook = hooks();
        if (hook == null) {
            return false;
        }
        try {
            return hook.tlsSending(socket, bytes, offset, length);
        } catch (Throwable ignored) {
            return false; // the engine logs its own failures; the write is then taken as it returns
        }
    }

    /** See {@link Hooks#sendFailed}. */
    public static void sendFailed(Socket socket, boolean tls) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.sendFailed(socket, tls);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static void tlsSent(Socket socket, byte[] bytes, int offset, int length) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.tlsSent(socket, bytes, offset, length);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static void tlsReceived(Socket socket, byte[] bytes, int offset, int count) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.tlsReceived(socket, bytes, offset, count);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static void closed(Socket socket) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.closed(socket);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static Socket tlsLayerStart(Socket plain, String host, int port, boolean autoClose) {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            return hook.tlsLayerStart(plain, host, port, autoClose);
        } catch (Throwable t) {
            return null;
        }
    }

    /** The socket a TLS factory returns instead of its own, or what it throws instead; null: its own. */
    public static TlsSocket tlsSocketCreate(SSLSocketFactory factory, Object[] arguments) {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            return hook.tlsSocketCreate(factory, arguments);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void tlsLayerEnd(Socket tls, Socket plain, String host, int port) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.tlsLayerEnd(tls, plain, host, port);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static Lookup lookupStart(String host) {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            return hook.lookupStart(host);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void lookupEnd(String host, InetAddress[] addresses, Throwable failure) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.lookupEnd(host, addresses, failure);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static String[] applicationProtocols(String[] protocols) {
        Hooks hook = hooks();
        if (hook == null) {
            return protocols;
        }
        try {
            return hook.applicationProtocols(protocols);
        } catch (Throwable t) {
            return protocols;
        }
    }

    public static void exiting(int status) {
        Hooks hook = hooks();
        if (hook == null) {
            return;
        }
        try {
            hook.exiting(status);
        } catch (Throwable t) {
            // carry on exiting
        }
    }

    public static void uncaught(Thread thread) {
        Hooks hook = hooks();
        if (hook == null) {
            return;
        }
        try {
            hook.uncaught(thread);
        } catch (Throwable t) {
            // carry on as usual
        }
    }

    /** See {@link Hooks#writing}. */
    public static void writing(Object connection) {
        Hooks hook = hooks();
        if (hook == null) {
            return;
        }
        try {
            hook.writing(connection);
        } catch (Throwable t) {
            // carry on as usual
        }
    }

    /** See {@link Hooks#channelClaimed}. */
    public static void channelClaimed(SocketChannel channel) {
        Hooks hook = hooks();
        if (hook == null) {
            return;
        }
        try {
            hook.channelClaimed(channel);
        } catch (Throwable t) {
            // carry on as usual
        }
    }

    /** See {@link Hooks#carry}: {@code task} itself when the engine is absent or fails. */
    public static Runnable carry(Object executor, Runnable task) {
        Hooks hook = hooks();
        if (hook == null) {
            return task;
        }
        try {
            return hook.carry(executor, task);
        } catch (Throwable t) {
            return task;
        }
    }

    /** See {@link Hooks#carryToEventLoop}: {@code task} itself when the engine is absent or fails. */
    public static Runnable carryToEventLoop(Object executor, Runnable task) {
        Hooks hook = hooks();
        if (hook == null) {
            return task;
        }
        try {
            return hook.carryToEventLoop(executor, task);
        } catch (Throwable t) {
            return task;
        }
    }

    /** See {@link Hooks#callQueued}. */
    public static void callQueued(Object call) {
        Hooks hook = hooks();
        if (hook == null) {
            return;
        }
        try {
            hook.callQueued(call);
        } catch (Throwable t) {
            // carry on as usual
        }
    }

    /** See {@link Hooks#callRuns}: null when the engine is absent or fails. */
    public static Object callRuns(Object call) {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            return hook.callRuns(call);
        } catch (Throwable t) {
            return null;
        }
    }

    /** See {@link Hooks#listenerRuns}: null when the engine is absent or fails. */
    public static Object listenerRuns(Object listener) {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            return hook.listenerRuns(listener);
        } catch (Throwable t) {
            return null;
        }
    }

    /** See {@link Hooks#servingBegins}: null when the engine is absent or fails. */
    public static Object servingBegins() {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            return hook.servingBegins();
        } catch (Throwable t) {
            return null;
        }
    }

    /** See {@link Hooks#servesFor}. */
    public static void servesFor(Object waiter) {
        Hooks hook = hooks();
        if (hook == null) {
            return;
        }
        try {
            hook.servesFor(waiter);
        } catch (Throwable t) {
            // carry on as usual
        }
    }

    /** See {@link Hooks#servingEnds}. */
    public static void servingEnds(Object before) {
        Hooks hook = hooks();
        if (hook == null) {
            return;
        }
        try {
            hook.servingEnds(before);
        } catch (Throwable t) {
            // carry on as usual
        }
    }

    /** See {@link Hooks#callRan}. */
    public static void callRan(Object before) {
        Hooks hook = hooks();
        if (hook == null) {
            return;
        }
        try {
            hook.callRan(before);
        } catch (Throwable t) {
            // carry on as usual
        }
    }

    /** See {@link Hooks#carryCallable}: {@code task} itself when the engine is absent or fails. */
    public static Callable<?> carryCallable(Object executor, Callable<?> task) {
        Hooks hook = hooks();
        if (hook == null) {
            return task;
        }
        try {
            return hook.carryCallable(executor, task);
        } catch (Throwable t) {
            return task;
        }
    }

    public static boolean skipsH2cUpgrade() {
        Hooks hook = hooks();
        if (hook == null) {
            return false;
        }
        try {
            return hook.skipsH2cUpgrade();
        } catch (Throwable t) {
            return false;
        }
    }

    public static Connect channelConnectStart(SocketChannel channel, SocketAddress endpoint) {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            return hook.channelConnectStart(channel, endpoint);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void channelConnectEnd(SocketChannel channel, SocketAddress endpoint, Throwable failure) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.channelConnectEnd(channel, endpoint, failure);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    /** A non-blocking connect completed ({@code connected}) or failed; its local address is known only now. */
    public static void channelConnectFinished(SocketChannel channel, boolean connected, Throwable failure) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.channelConnectFinished(channel, connected, failure);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    /** Positions of {@code buffers[offset..offset+length)} before a scattering or gathering call. */
    public static int[] positions(ByteBuffer[] buffers, int offset, int length) {
        int[] positions = new int[length];
        for (int i = 0; i < length; i++) {
            positions[i] = buffers[offset + i].position();
        }
        return positions;
    }

    /** Positions of one buffer, in the form {@link #positions} gives. */
    public static int[] position(ByteBuffer buffer) {
        int[] position = new int[1];
        position[0] = buffer.position();
        return position;
    }

    /**
     * Bytes written from the buffers since {@code before}; the single-buffer and array forms both land here. Null
     * {@code before} (the buffers could not be read as the write began): nothing known sent, the write ended all the
     * same.
     */
    public static void channelSent(SocketChannel channel, ByteBuffer[] buffers, int offset, int[] before) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.channelSent(channel, buffers, offset, before);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    /** Bytes read into the buffers since {@code before}, or end of stream; returns what the read should throw. */
    public static IOException channelReceived(SocketChannel channel, ByteBuffer[] buffers, int offset, int[] before,
            long count) {
        Hooks hook = hooks();
        if (hook == null || before == null) {
            return null;
        }
        try {
            return hook.channelReceived(channel, buffers, offset, before, count);
        } catch (Throwable t) {
            return null;
        }
    }

    /** One buffer as the array the channel hooks take. */
    public static ByteBuffer[] one(ByteBuffer buffer) {
        ByteBuffer[] array = new ByteBuffer[1];
        array[0] = buffer;
        return array;
    }

    /**
     * Before a datagram goes from {@code data} (its remaining bytes) to {@code target}: null to send it; else the
     * Integer the send returns instead, the buffer consumed (replay answered it), or the IOException it throws.
     */
    public static Object datagramSend(DatagramChannel channel, ByteBuffer data, InetSocketAddress target) {
        Hooks hook = hooks();
        if (hook == null || data == null) {
            return null;
        }
        try {
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            Object decision = hook.datagramSend(channel, bytes, target);
            if (decision instanceof Integer) {
                data.position(data.limit());
            }
            return decision;
        } catch (Throwable t) {
            return null;
        }
    }

    /** After a datagram arrived in {@code buffer} from its position {@code before} on: the sender to return. */
    public static SocketAddress datagramReceived(DatagramChannel channel, ByteBuffer buffer, int before,
            SocketAddress sender) {
        Hooks hook = hooks();
        if (hook == null || sender == null || before < 0) {
            return sender;
        }
        try {
            ByteBuffer arrived = buffer.duplicate();
            arrived.flip();
            arrived.position(before);
            byte[] bytes = new byte[arrived.remaining()];
            arrived.get(bytes);
            SocketAddress told = hook.datagramReceived(channel, bytes, sender);
            return told == null ? sender : told;
        } catch (Throwable t) {
            return sender;
        }
    }

    /** After a datagram arrived in {@code packet} ({@code DatagramSocket.receive}): its sender is the one to tell. */
    public static void datagramReceivedPacket(DatagramChannel channel, DatagramPacket packet) {
        Hooks hook = hooks();
        if (hook == null || packet == null || packet.getSocketAddress() == null) {
            return;
        }
        try {
            byte[] bytes = new byte[packet.getLength()];
            System.arraycopy(packet.getData(), packet.getOffset(), bytes, 0, bytes.length);
            SocketAddress told = hook.datagramReceived(channel, bytes, packet.getSocketAddress());
            if (told != null && told != packet.getSocketAddress()) {
                packet.setSocketAddress(told);
            }
        } catch (Throwable ignored) {
            // the engine logs its own failures; the application carries on
        }
    }

    /** Before a datagram is written on a connected channel: what the write fails with, or null. */
    public static IOException datagramWrite(DatagramChannel channel) {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            return hook.datagramWrite(channel);
        } catch (Throwable t) {
            return null;
        }
    }

    /** Bytes a socket adaptor's stream wrote ({@code SocketChannelImpl.blockingWriteFully}). */
    public static void channelSentBytes(SocketChannel channel, byte[] bytes, int offset, int length) {
        ByteBuffer[] written = null;
        int[] before = null;
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            buffer.position(offset + length);
            written = one(buffer);
            before = new int[1];
            before[0] = offset;
        } catch (RuntimeException badArguments) {
            // the write failed on them; it ended having sent nothing
        }
        channelSent(channel, written, 0, before);
    }

    /** Bytes a socket adaptor's stream read ({@code SocketChannelImpl.blockingRead}), or end of stream. */
    public static IOException channelReceivedBytes(SocketChannel channel, byte[] bytes, int offset, int count) {
        ByteBuffer read = ByteBuffer.wrap(bytes);
        read.position(offset + Math.max(count, 0));
        int[] before = new int[1];
        before[0] = offset;
        return channelReceived(channel, one(read), 0, before, count);
    }

    public static void channelClosed(SocketChannel channel) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.channelClosed(channel);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static SSLEngine tlsEngineCreate(String host, int port) {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            SSLEngine engine = hook.tlsEngineCreate(host, port);
            return engine == null ? null : new JavaBaseSslEngine(engine, host, port);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void tlsEngineSent(SSLEngine engine, ByteBuffer[] sources, int offset, int[] before) {
        Hooks hook = hooks();
        if (hook != null && before != null) {
            try {
                hook.tlsEngineSent(engine, sources, offset, before);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static void tlsEngineReceived(SSLEngine engine, ByteBuffer[] destinations, int offset, int[] before) {
        Hooks hook = hooks();
        if (hook != null && before != null) {
            try {
                hook.tlsEngineReceived(engine, destinations, offset, before);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static Connect asyncConnectStart(AsynchronousSocketChannel channel, SocketAddress endpoint) {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            return hook.asyncConnectStart(channel, endpoint);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void asyncConnectEnd(AsynchronousSocketChannel channel, SocketAddress endpoint) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.asyncConnectEnd(channel, endpoint);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    /**
     * A refused connect of an asynchronous channel: the channel is closed (as a failed connect closes it), and the
     * handler returned hears {@code refusal} where the JDK tells it the channel is closed.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static CompletionHandler asyncRefused(AsynchronousSocketChannel channel, CompletionHandler handler,
            IOException refusal) {
        try {
            channel.close();
        } catch (Throwable ignored) {
            // closing a channel that never connected
        }
        return handler == null ? null : new Refusing(handler, refusal);
    }

    /** The future a refused connect returns, failing with {@code refusal}. */
    public static Future<Void> asyncRefusedFuture(IOException refusal) {
        CompletableFuture<Void> failed = new CompletableFuture<>();
        failed.completeExceptionally(refusal);
        return failed;
    }

    /** A read into {@code dst} (or {@code dsts}) begins: true when netrec follows the channel. */
    public static boolean asyncReadStart(AsynchronousSocketChannel channel, ByteBuffer dst, ByteBuffer[] dsts) {
        return asyncStart(channel, false, dst, dsts);
    }

    /** A write from {@code src} (or {@code srcs}) begins. */
    public static void asyncWriteStart(AsynchronousSocketChannel channel, ByteBuffer src, ByteBuffer[] srcs) {
        asyncStart(channel, true, src, srcs);
    }

    private static boolean asyncStart(AsynchronousSocketChannel channel, boolean write, ByteBuffer one,
            ByteBuffer[] many) {
        Hooks hook = hooks();
        if (hook == null || (one == null && many == null)) {
            return false;
        }
        try {
            return hook.asyncStart(channel, write, one != null ? one(one) : many);
        } catch (Throwable t) {
            return false;
        }
    }

    /** The read or write begun last has finished: the JDK is about to tell the application. */
    public static void asyncFinished(AsynchronousSocketChannel channel, boolean write) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.asyncFinished(channel, write);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    /** The handler a followed read completes: the application's, told of the end of the stream through netrec. */
    @SuppressWarnings("rawtypes")
    public static CompletionHandler asyncReadHandler(AsynchronousSocketChannel channel, CompletionHandler handler) {
        return handler == null ? null : new EndOfInputHandler(channel, handler);
    }

    /** The future a followed read returns: the JDK's, with the end of the stream told through netrec. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Future asyncReadFuture(AsynchronousSocketChannel channel, Future future) {
        return future == null ? null : new EndOfInputFuture(channel, future);
    }

    public static void asyncClosed(AsynchronousSocketChannel channel) {
        Hooks hook = hooks();
        if (hook != null) {
            try {
                hook.asyncClosed(channel);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    /** What a read that found the end of the stream fails with instead, or null. */
    static IOException asyncEndOfInput(AsynchronousSocketChannel channel) {
        Hooks hook = hooks();
        if (hook == null) {
            return null;
        }
        try {
            return hook.asyncEndOfInput(channel);
        } catch (Throwable t) {
            return null;
        }
    }

    static boolean endOfStream(Object result) {
        return result instanceof Number && ((Number) result).longValue() < 0;
    }

    /** A refused connect's handler: the application's, told netrec's reason instead of "closed". */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static final class Refusing implements CompletionHandler {
        private final CompletionHandler handler;
        private final IOException refusal;

        Refusing(CompletionHandler handler, IOException refusal) {
            this.handler = handler;
            this.refusal = refusal;
        }

        @Override
        public void completed(Object result, Object attachment) {
            handler.failed(refusal, attachment);
        }

        @Override
        public void failed(Throwable failure, Object attachment) {
            handler.failed(refusal, attachment);
        }
    }

    /** A followed read's handler: the end of the stream is told to netrec first, which may fail the read instead. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static final class EndOfInputHandler implements CompletionHandler {
        private final AsynchronousSocketChannel channel;
        private final CompletionHandler handler;

        EndOfInputHandler(AsynchronousSocketChannel channel, CompletionHandler handler) {
            this.channel = channel;
            this.handler = handler;
        }

        @Override
        public void completed(Object result, Object attachment) {
            IOException instead = endOfStream(result) ? asyncEndOfInput(channel) : null;
            if (instead != null) {
                handler.failed(instead, attachment);
            } else {
                handler.completed(result, attachment);
            }
        }

        @Override
        public void failed(Throwable failure, Object attachment) {
            handler.failed(failure, attachment);
        }
    }

    /** A followed read's future: the JDK's, with the end of the stream told to netrec once, which may fail it. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static final class EndOfInputFuture implements Future {
        private final AsynchronousSocketChannel channel;
        private final Future future;
        private volatile IOException instead;
        private volatile boolean told;

        EndOfInputFuture(AsynchronousSocketChannel channel, Future future) {
            this.channel = channel;
            this.future = future;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return future.cancel(mayInterruptIfRunning);
        }

        @Override
        public boolean isCancelled() {
            return future.isCancelled();
        }

        @Override
        public boolean isDone() {
            return future.isDone();
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            return result(future.get());
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
                TimeoutException {
            return result(future.get(timeout, unit));
        }

        private Object result(Object result) throws ExecutionException {
            if (endOfStream(result)) {
                if (!told) {
                    told = true;
                    instead = asyncEndOfInput(channel);
                }
                if (instead != null) {
                    throw new ExecutionException(instead);
                }
            }
            return result;
        }
    }

    /**
     * The SSLEngine replay hands a client, as a class of java.base: it passes every call to netrec's own engine. Some
     * clients trust only the JDK's engines with ALPN: Jetty's ALPN processor applies to an SSLEngine whose class is
     * in java.base, and Jetty's HTTP/2 client fails on any other.
     */
    public static final class JavaBaseSslEngine extends SSLEngine {
        private final SSLEngine engine;

        JavaBaseSslEngine(SSLEngine engine, String host, int port) {
            super(host, port);
            this.engine = engine;
        }

        @Override
        public SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination)
                throws SSLException {
            return engine.wrap(sources, offset, length, destination);
        }

        @Override
        public SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length)
                throws SSLException {
            return engine.unwrap(source, destinations, offset, length);
        }

        @Override
        public Runnable getDelegatedTask() {
            return engine.getDelegatedTask();
        }

        @Override
        public void closeInbound() throws SSLException {
            engine.closeInbound();
        }

        @Override
        public boolean isInboundDone() {
            return engine.isInboundDone();
        }

        @Override
        public void closeOutbound() {
            engine.closeOutbound();
        }

        @Override
        public boolean isOutboundDone() {
            return engine.isOutboundDone();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return engine.getSupportedCipherSuites();
        }

        @Override
        public String[] getEnabledCipherSuites() {
            return engine.getEnabledCipherSuites();
        }

        @Override
        public void setEnabledCipherSuites(String[] suites) {
            engine.setEnabledCipherSuites(suites);
        }

        @Override
        public String[] getSupportedProtocols() {
            return engine.getSupportedProtocols();
        }

        @Override
        public String[] getEnabledProtocols() {
            return engine.getEnabledProtocols();
        }

        @Override
        public void setEnabledProtocols(String[] protocols) {
            engine.setEnabledProtocols(protocols);
        }

        @Override
        public SSLSession getSession() {
            return engine.getSession();
        }

        @Override
        public SSLSession getHandshakeSession() {
            return engine.getHandshakeSession();
        }

        @Override
        public void beginHandshake() throws SSLException {
            engine.beginHandshake();
        }

        @Override
        public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
            return engine.getHandshakeStatus();
        }

        @Override
        public void setUseClientMode(boolean mode) {
            engine.setUseClientMode(mode);
        }

        @Override
        public boolean getUseClientMode() {
            return engine.getUseClientMode();
        }

        @Override
        public void setNeedClientAuth(boolean need) {
            engine.setNeedClientAuth(need);
        }

        @Override
        public boolean getNeedClientAuth() {
            return engine.getNeedClientAuth();
        }

        @Override
        public void setWantClientAuth(boolean want) {
            engine.setWantClientAuth(want);
        }

        @Override
        public boolean getWantClientAuth() {
            return engine.getWantClientAuth();
        }

        @Override
        public void setEnableSessionCreation(boolean flag) {
            engine.setEnableSessionCreation(flag);
        }

        @Override
        public boolean getEnableSessionCreation() {
            return engine.getEnableSessionCreation();
        }

        @Override
        public SSLParameters getSSLParameters() {
            return engine.getSSLParameters();
        }

        @Override
        public void setSSLParameters(SSLParameters parameters) {
            engine.setSSLParameters(parameters);
        }

        @Override
        public String getApplicationProtocol() {
            return engine.getApplicationProtocol();
        }

        @Override
        public String getHandshakeApplicationProtocol() {
            return engine.getHandshakeApplicationProtocol();
        }

        @Override
        public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
            engine.setHandshakeApplicationProtocolSelector(selector);
        }

        @Override
        public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
            return engine.getHandshakeApplicationProtocolSelector();
        }
    }
}
