package netrec.it.websocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import netrec.it.support.TlsFront;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;

/**
 * A real WebSocket server (Java-WebSocket's), on loopback, plain or TLS, that agrees to permessage-deflate and to the
 * subprotocol {@code chat.v1}: it greets each client, echoes text ({@code late ...} after {@link #LATE_MILLIS}),
 * reverses binary, answers {@code push3} with three
 * messages at once and {@code pace3} with three messages {@link #PACE_MILLIS} apart, and closes with 1000 when the
 * client says {@code bye}.
 */
public final class EchoServer extends WebSocketServer implements AutoCloseable {
    /** How far apart the messages answering {@code pace3} go. */
    public static final long PACE_MILLIS = 300;
    /** How long a text starting with {@code late } waits for its echo: past update mode's wait for one (5 s). */
    public static final long LATE_MILLIS = 6_000;

    private final CountDownLatch started = new CountDownLatch(1);
    private final ScheduledExecutorService rearming = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "EchoServer-rearm");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger messages = new AtomicInteger();

    private TlsFront tls;

    private EchoServer() {
        super(new InetSocketAddress("127.0.0.1", 0), List.<Draft>of(new Draft_6455(
                List.of(deflateEverything()), List.of(new Protocol("chat.v1"), new Protocol("")))));
        setReuseAddr(true);
    }

    /**
     * Starts a server on a free loopback port; over TLS, the JDK's TLS ends in front of it ({@link TlsFront}), not
     * Java-WebSocket's own (first suspected for the stalls under load that {@code rearmStalledWrites} ends).
     */
    public static EchoServer start(boolean tls) throws Exception {
        EchoServer server = new EchoServer();
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) {
            throw new IOException("the WebSocket server did not start");
        }
        if (tls) {
            server.tls = TlsFront.to(server.getPort());
        }
        server.rearming.scheduleWithFixedDelay(server::rearmStalledWrites, 20, 20, TimeUnit.MILLISECONDS);
        return server;
    }

    private static PerMessageDeflateExtension deflateEverything() {
        PerMessageDeflateExtension deflate = new PerMessageDeflateExtension();
        deflate.setThreshold(0);
        return deflate;
    }

    /**
     * Works around a race in Java-WebSocket's server (1.6.0, and its main branch as of December 2026): when a
     * connection's key is selected readable and writable at once, its selector thread reads, then writes what is
     * queued and, finding nothing, drops its write interest ({@code doWrite}); a message queued by a worker thread
     * in between (the answer to what was just read) asks for write interest first and loses it, and waits in the
     * queue until the next message asks again. Under load, that left a client waiting 20 s for an echo or a close.
     * So a message left queued is asked for again here.
     */
    private void rearmStalledWrites() {
        for (WebSocket connection : getConnections()) {
            try {
                if (connection instanceof WebSocketImpl && !((WebSocketImpl) connection).outQueue.isEmpty()) {
                    onWriteDemand(connection);
                }
            } catch (RuntimeException closing) {
                // its key or the selector closed meanwhile: nothing left to send it
            }
        }
    }

    public int port() {
        return tls == null ? getPort() : tls.port();
    }

    /** How many messages clients sent. */
    public int messages() {
        return messages.get();
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        socket.send("welcome");
    }

    @Override
    public void onMessage(WebSocket socket, String message) {
        messages.incrementAndGet();
        if (message.equals("push3")) {
            for (int i = 1; i <= 3; i++) {
                socket.send("push " + i);
            }
        } else if (message.equals("pace3")) {
            Thread pushing = new Thread(() -> pushPaced(socket), "pace3");
            pushing.setDaemon(true);
            pushing.start();
        } else if (message.startsWith("late ")) {
            try { // its answer, and the next message's, come together once this thread takes up reading again
                Thread.sleep(LATE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            socket.send("echo: " + message);
        } else if (message.equals("bye")) {
            socket.close(1000, "see you");
        } else {
            socket.send("echo: " + message);
        }
    }

    /** Three messages, {@link #PACE_MILLIS} apart, as a server pushes what happens when it happens. */
    private static void pushPaced(WebSocket socket) {
        try {
            for (int i = 1; i <= 3; i++) {
                if (i > 1) {
                    Thread.sleep(PACE_MILLIS);
                }
                socket.send("push " + i);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer message) {
        messages.incrementAndGet();
        byte[] reversed = new byte[message.remaining()];
        for (int i = reversed.length - 1; i >= 0; i--) {
            reversed[i] = message.get();
        }
        socket.send(reversed);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket socket, Exception e) {
        if (socket == null) {
            started.countDown();
        } else {
            System.err.println("EchoServer: " + socket.getRemoteSocketAddress() + ": " + e);
        }
    }

    @Override
    public void close() throws Exception {
        rearming.shutdownNow();
        if (tls != null) {
            tls.close();
        }
        stop(2000);
    }
}
