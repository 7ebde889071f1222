package netrec.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import netrec.runtime.base.JvmEnd;
import netrec.runtime.base.Log;
import netrec.runtime.base.NetrecThread;
import netrec.runtime.bridge.NetrecBridge;
import netrec.runtime.record.WriteOrder;
import netrec.runtime.replay.Replayer;
import netrec.runtime.replay.ReplayingTap;
import netrec.runtime.tap.Tap;
import netrec.runtime.tests.RunningTest;
import netrec.runtime.tests.TestThreads;

/**
 * The engine's side of the bridge: each hook of the JDK, handed to the room of the JVM's {@link Session} it
 * concerns. Connects, DNS and TLS made by replay are decisions ({@link Connections}, {@link NameLookups});
 * everything else is one call on the connection's {@link Tap}. netrec's own threads (its writer, its replay server,
 * update mode's fetches) are invisible here: every decision leaves their traffic as it is, and their connections
 * never get a tap.
 *
 * <p>The agent defines this class with its references to the bridge renamed, so it implements the bridge's
 * interface inside java.base; initializing it puts it in place. Nothing else in netrec may name this class: the
 * class loader would load it unrenamed. (Tests, which run without the agent, may.)
 */
final class EngineHooks implements NetrecBridge.Hooks {
    static {
        if (Engine.isInPlace()) {
            NetrecBridge.hooks = new EngineHooks(null);
        }
    }

    /** The session these hooks serve, given by netrec's own tests; null: the engine's, the JVM's. */
    private final Session given;
    private final AsyncOperations asyncOperations = new AsyncOperations();

    EngineHooks(Session given) {
        this.given = given;
    }

    /**
     * The session: the engine's starts now when the agent put its start off ({@link Engine#startOnFirstUse}). The
     * hooks of threads and executors, and of the JVM's end, never ask: they run in JVMs that make no network call.
     */
    private Session session() {
        Session session = given;
        return session != null ? session : Engine.started();
    }

    /** The session's connections, made by the first hook that needs them (see {@link Session}). */
    private Connections connections() {
        return session().connections();
    }

    private NameLookups names() {
        return session().names();
    }

    // ---- connects ----

    @Override
    public NetrecBridge.Connect connectStart(Socket socket, SocketImpl current, SocketAddress endpoint) {
        return connect(socket, current, endpoint);
    }

    @Override
    public void connectEnd(Socket socket, SocketAddress endpoint, Throwable failure) {
        if (!NetrecThread.isCurrent()) {
            connections().connectEnd(socket, socket.getLocalPort(), endpoint, failure);
        }
    }

    @Override
    public NetrecBridge.Connect channelConnectStart(SocketChannel channel, SocketAddress endpoint) {
        return connect(channel, null, endpoint);
    }

    @Override
    public void channelConnectEnd(SocketChannel channel, SocketAddress endpoint, Throwable failure) {
        if (!NetrecThread.isCurrent()) {
            connections().connectEnd(channel, localPort(channel), endpoint, failure);
        }
    }

    @Override
    public void channelConnectFinished(SocketChannel channel, boolean connected, Throwable failure) {
        if (!NetrecThread.isCurrent()) {
            connections().connectFinished(channel, localPort(channel), connected, failure);
        }
    }

    @Override
    public NetrecBridge.Connect asyncConnectStart(AsynchronousSocketChannel channel, SocketAddress endpoint) {
        return connect(channel, null, endpoint);
    }

    @Override
    public void asyncConnectEnd(AsynchronousSocketChannel channel, SocketAddress endpoint) {
        if (!NetrecThread.isCurrent()) {
            connections().connectEnd(channel, localPort(channel), endpoint, null);
        }
    }

    // ---- bytes ----

    @Override
    public void plainSent(Socket socket, byte[] bytes, int offset, int length) {
        Tap tap = plainTap(socket);
        if (tap != null && inBounds(bytes, offset, length)) {
            tap.sent(bytes, offset, length);
        }
    }

    @Override
    public IOException plainReceived(Socket socket, byte[] bytes, int offset, int count) {
        if (socket instanceof SSLSocket) {
            Tap tap = connections().tapOf(socket);
            return count < 0 && tap instanceof ReplayingTap ? tap.endOfInput() : null;
        }
        return received(connections().tapOf(socket), bytes, offset, count);
    }

    @Override
    public boolean tlsSending(Socket socket, byte[] bytes, int offset, int length) {
        WriteOrder.began(); // the TLS write begins; its records' plain writes are not numbered (see writing)
        Tap tap = connections().tapOf(socket);
        if (tap == null) {
            return false;
        }
        if (!inBounds(bytes, offset, length)) {
            tap.writeBegins(); // the write fails on its arguments, and its end (tlsSent) ends this
            return false;
        }
        return tap.sending(bytes, offset, length);
    }

    @Override
    public void sendFailed(Socket socket, boolean tls) {
        Tap tap = tls ? connections().tapOf(socket) : plainTap(socket);
        if (tap != null) {
            tap.sendFailed();
        }
    }

    @Override
    public void tlsSent(Socket socket, byte[] bytes, int offset, int length) {
        Tap tap = connections().tapOf(socket);
        if (tap != null) {
            tap.written(bytes, offset, length); // begun where tlsSending left it to the write's return
        }
    }

    @Override
    public void tlsReceived(Socket socket, byte[] bytes, int offset, int count) {
        received(connections().tapOf(socket), bytes, offset, count);
    }

    @Override
    public void writing(Object connection) {
        if (!(connection instanceof SSLSocket)) {
            WriteOrder.began(); // an SSLSocket's write was numbered as it began (tlsSending), not as its records go
        }
        if (connection instanceof SocketChannel) {
            Tap tap = connections().tapOf(connection);
            if (tap != null) {
                tap.writeBegins();
            }
        }
        connections().moving(connection);
    }

    @Override
    public void channelClaimed(SocketChannel channel) {
        connections().claimed(channel);
    }

    @Override
    public void channelSent(SocketChannel channel, ByteBuffer[] buffers, int offset, int[] before) {
        Tap tap = connections().tapOf(channel);
        if (tap != null) {
            byte[] bytes = new byte[0];
            try {
                bytes = before == null ? bytes : moved(buffers, offset, before);
            } finally {
                tap.written(bytes, 0, bytes.length); // the write begun ends, whatever it sent
            }
        }
    }

    @Override
    public IOException channelReceived(SocketChannel channel, ByteBuffer[] buffers, int offset, int[] before,
            long count) {
        Tap tap = connections().tapOf(channel);
        if (tap == null || count == 0) {
            return null;
        }
        connections().moving(channel);
        byte[] bytes = count < 0 ? null : moved(buffers, offset, before);
        return received(tap, bytes, 0, count < 0 ? -1 : bytes.length);
    }

    @Override
    public void tlsEngineSent(SSLEngine engine, ByteBuffer[] sources, int offset, int[] before) {
        Tap tap = NetrecThread.isCurrent() ? null : connections().engineTap(engine);
        if (tap != null) {
            byte[] bytes = moved(sources, offset, before);
            tap.sent(bytes, 0, bytes.length);
        }
    }

    @Override
    public void tlsEngineReceived(SSLEngine engine, ByteBuffer[] destinations, int offset, int[] before) {
        Tap tap = NetrecThread.isCurrent() ? null : connections().engineTap(engine);
        if (tap != null) {
            byte[] bytes = moved(destinations, offset, before);
            tap.received(bytes, 0, bytes.length);
        }
    }

    @Override
    public boolean asyncStart(AsynchronousSocketChannel channel, boolean write, ByteBuffer[] buffers) {
        Tap tap = connections().tapOf(channel);
        if (tap == null) {
            return false;
        }
        if (!(tap instanceof ReplayingTap)) {
            // a replayed channel's bytes are replay's own: only its end of stream is told
            asyncOperations.started(channel, write, buffers);
        }
        return true;
    }

    @Override
    public void asyncFinished(AsynchronousSocketChannel channel, boolean write) {
        AsyncOperations.Operation done = asyncOperations.finished(channel, write);
        Tap tap = done == null ? null : connections().tapOf(channel);
        if (tap == null) {
            return;
        }
        byte[] bytes = moved(done.buffers, 0, done.before);
        if (bytes.length > 0) {
            if (write) {
                tap.sent(bytes, 0, bytes.length);
            } else {
                tap.received(bytes, 0, bytes.length);
            }
        }
    }

    @Override
    public IOException asyncEndOfInput(AsynchronousSocketChannel channel) {
        Tap tap = connections().tapOf(channel);
        return tap == null ? null : tap.endOfInput();
    }

    @Override
    public void asyncClosed(AsynchronousSocketChannel channel) {
        asyncOperations.closed(channel);
        connections().closed(channel);
    }

    @Override
    public void closed(Socket socket) {
        connections().closed(socket);
    }

    @Override
    public void channelClosed(SocketChannel channel) {
        connections().closed(channel);
    }

    // ---- TLS ----

    @Override
    public Socket tlsLayerStart(Socket plain, String host, int port, boolean autoClose) {
        Tap tap = connections().tapOf(plain);
        return tap == null ? null : tap.layerTlsStart(plain, host, port, autoClose);
    }

    @Override
    public void tlsLayerEnd(Socket tls, Socket plain, String host, int port) {
        connections().tlsLayered(tls, plain, host, port);
    }

    @Override
    public NetrecBridge.TlsSocket tlsSocketCreate(SSLSocketFactory factory, Object[] arguments) {
        Replayer replayer = NetrecThread.isCurrent() ? null : connections().replayer();
        if (replayer == null) {
            return null;
        }
        try {
            return NetrecBridge.TlsSocket.of(replayer.tls().connecting(factory, arguments));
        } catch (IOException e) {
            return NetrecBridge.TlsSocket.failed(e);
        }
    }

    @Override
    public SSLEngine tlsEngineCreate(String host, int port) {
        Replayer replayer = host == null || NetrecThread.isCurrent() ? null : connections().replayer();
        return replayer == null ? null : replayer.tls().engine(host, port);
    }

    @Override
    public String[] applicationProtocols(String[] protocols) {
        return protocols == null || !http2Downgraded() ? protocols : Http2Downgrade.withoutH2(protocols);
    }

    @Override
    public boolean skipsH2cUpgrade() {
        return http2Downgraded();
    }

    private boolean http2Downgraded() {
        Session session = session();
        return session.active() && session.options().http2Downgraded();
    }

    // ---- the JVM's end ----

    @Override
    public void exiting(int status) {
        JvmEnd.exiting(status);
    }

    @Override
    public void uncaught(Thread thread) {
        JvmEnd.uncaught(thread);
    }

    // ---- UDP ----

    @Override
    public Object datagramSend(DatagramChannel channel, byte[] bytes, InetSocketAddress target) {
        return NetrecThread.isCurrent() ? null : names().datagramSend(channel, bytes, target);
    }

    @Override
    public SocketAddress datagramReceived(DatagramChannel channel, byte[] bytes, SocketAddress sender) {
        if (NetrecThread.isCurrent()) {
            return sender;
        }
        try {
            return names().datagramReceived(channel, bytes, sender);
        } catch (RuntimeException e) {
            Log.internalError("following a datagram", e);
            return sender;
        }
    }

    @Override
    public IOException datagramWrite(DatagramChannel channel) {
        if (NetrecThread.isCurrent()) {
            return null;
        }
        try {
            return names().datagramWrite(channel.getRemoteAddress());
        } catch (IOException notConnected) {
            return null;
        }
    }

    // ---- DNS ----

    @Override
    public NetrecBridge.Lookup lookupStart(String host) {
        if (NetrecThread.isCurrent()) {
            return null;
        }
        try {
            InetAddress[] answer = names().lookupStart(host);
            return answer == null ? null : NetrecBridge.Lookup.answer(answer);
        } catch (UnknownHostException e) {
            return NetrecBridge.Lookup.failure(e);
        }
    }

    @Override
    public void lookupEnd(String host, InetAddress[] addresses, Throwable failure) {
        if (!NetrecThread.isCurrent()) {
            names().lookupEnd(host, addresses, failure);
        }
    }

    /**
     * The session's decision as the bridge takes it. The bridge's types are made here alone: this class is defined
     * with its references to them renamed, and the session's are not.
     */
    private NetrecBridge.Connect connect(Object client, SocketImpl current, SocketAddress endpoint) {
        if (NetrecThread.isCurrent()) {
            return null;
        }
        try {
            ReplayingTap replayed = connections().connectStart(client, current, endpoint);
            if (replayed == null) {
                return null;
            }
            return replayed.implementation() != null ? NetrecBridge.Connect.on(replayed.implementation())
                    : NetrecBridge.Connect.to(replayed.destination());
        } catch (IOException refused) {
            return NetrecBridge.Connect.refused(refused);
        }
    }

    /** Bytes taken as a write begins are the application's arguments, not yet checked by the write. */
    private static boolean inBounds(byte[] bytes, int offset, int length) {
        return bytes != null && offset >= 0 && length >= 0 && length <= bytes.length - offset;
    }

    /**
     * The tap of a plain socket. An SSLSocket's own streams carry ciphertext, recorded as plaintext one layer up;
     * only the reason a replayed one ended is taken from them.
     */
    private Tap plainTap(Socket socket) {
        return socket instanceof SSLSocket ? null : connections().tapOf(socket);
    }

    /** Bytes read ({@code count} -1: the end of the stream): what the read throws instead, or null. */
    private static IOException received(Tap tap, byte[] bytes, int offset, int count) {
        if (tap == null || count == 0) {
            return null;
        }
        if (count < 0) {
            return tap.endOfInput();
        }
        tap.received(bytes, offset, count);
        return null;
    }

    private static int localPort(NetworkChannel channel) {
        try {
            SocketAddress local = channel.getLocalAddress();
            return local instanceof InetSocketAddress ? ((InetSocketAddress) local).getPort() : -1;
        } catch (IOException | RuntimeException closed) {
            return -1;
        }
    }

    /** The bytes each buffer moved past since {@code before}, concatenated. */
    private static byte[] moved(ByteBuffer[] buffers, int offset, int[] before) {
        int total = 0;
        for (int i = 0; i < before.length; i++) {
            total += Math.max(0, buffers[offset + i].position() - before[i]);
        }
        byte[] bytes = new byte[total];
        int at = 0;
        for (int i = 0; i < before.length && at < total; i++) {
            ByteBuffer buffer = buffers[offset + i];
            int n = buffer.position() - before[i];
            if (n > 0) {
                ByteBuffer view = buffer.duplicate();
                view.position(before[i]);
                view.get(bytes, at, n);
                at += n;
            }
        }
        return bytes;
    }

    // ---- work handed to executors, for tests running at once ----

    @Override
    public Runnable carry(Object executor, Runnable task) {
        return TestThreads.carry(executor, task);
    }

    @Override
    public Callable<?> carryCallable(Object executor, Callable<?> task) {
        return TestThreads.carry(executor, task);
    }

    @Override
    public Runnable carryToEventLoop(Object executor, Runnable task) {
        return TestThreads.carryToEventLoop(executor, task);
    }

    @Override
    public void callQueued(Object call) {
        TestThreads.queued(call);
    }

    @Override
    public Object callRuns(Object call) {
        return TestThreads.runs(call);
    }

    @Override
    public Object listenerRuns(Object listener) {
        return TestThreads.listenerRuns(listener);
    }

    @Override
    public Object servingBegins() {
        return TestThreads.servingBegins();
    }

    @Override
    public void servesFor(Object waiter) {
        TestThreads.servesFor(waiter);
    }

    @Override
    public void servingEnds(Object before) {
        TestThreads.servingEnds((RunningTest<?>) before);
    }

    @Override
    public void callRan(Object before) {
        TestThreads.bind((RunningTest<?>) before);
    }
}
