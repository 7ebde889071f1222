package netrec.runtime.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import netrec.runtime.base.Log;
import netrec.runtime.base.NetrecThread;
import netrec.runtime.tap.Tap;

/**
 * The real server's side of a conversation update mode went on with ({@code TcpFetch}, {@code WebSocketFetch}):
 * netrec's own connection there, recorded as the application's would be. What is sent to the server is recorded
 * before what the server answers meanwhile; the server's bytes are read, and recorded, on a thread of netrec's until
 * the server closes, and then the client's side ends too.
 */
public final class JoinedServer {
    /** Where the server's bytes go as they come. */
    public interface Received {
        void bytes(byte[] buffer, int length) throws IOException;
    }

    private final ClientConnection client;
    private final Socket upstream;
    private final InputStream in;
    private final OutputStream out;
    private final Tap recorded;
    private volatile boolean ended;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Joins {@code upstream}, netrec's connection to the server {@code client} meant to reach, recorded as
     * {@code recorded}.
     */
    public JoinedServer(ClientConnection client, Socket upstream, Tap recorded) throws IOException {
        this.client = client;
        this.upstream = upstream;
        this.in = upstream.getInputStream();
        this.out = upstream.getOutputStream();
        this.recorded = recorded;
    }

    /**
     * Sends {@code bytes} to the server, recorded as the write begins: before whatever the server answers, and before
     * its close, which may end the recording while the write is still returning.
     */
    public synchronized void send(byte[] bytes, int offset, int length) throws IOException {
        recorded.sent(bytes, offset, length);
        try {
            out.write(bytes, offset, length);
            out.flush();
        } catch (IOException | RuntimeException e) {
            recorded.sendFailed();
            throw e;
        }
    }

    /** Reads what the server sent next into {@code buffer}, recorded; -1 at its end. */
    public int read(byte[] buffer) throws IOException {
        int n = in.read(buffer);
        if (n > 0) {
            recorded.received(buffer, 0, n);
        }
        return n;
    }

    /**
     * From now on, a thread of netrec's hands the server's bytes to {@code received} as they come, until the server
     * closes or the connection breaks; then this side closes, and the client reads the end of the stream.
     */
    public void pumpTo(Received received) {
        new NetrecThread("update-" + client.host() + ":" + client.port(), () -> pump(received)).start();
    }

    private void pump(Received received) {
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = read(buffer)) >= 0) {
                received.bytes(buffer, n);
            }
            recorded.endOfInput();
        } catch (IOException e) {
            if (Log.debugEnabled()) {
                Log.debug("update: the conversation with " + client + " ended: " + e);
            }
        } finally {
            ended = true;
            close();
            try {
                client.serverClosed();
            } catch (IOException e) {
                Log.debug("update: closing the client's side of " + client + ": " + e);
            }
        }
    }

    /** True once the server closed, or the connection to it broke. */
    public boolean ended() {
        return ended;
    }

    /**
     * The client closed its side: so does netrec's towards the server, whose answers still coming go to the client
     * until it closes too.
     */
    public void clientClosed() {
        try {
            if (!closed.get()) {
                upstream.shutdownOutput();
            }
        } catch (IOException | RuntimeException e) { // a TLS socket that cannot half-close
            close();
        }
    }

    /**
     * Closes netrec's connection to the server, once, and ends its recording; a send blocked on a server that reads
     * nothing fails then.
     */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        recorded.closed();
        try {
            upstream.close();
        } catch (IOException e) {
            Log.debug("update: closing netrec's connection to " + client + ": " + e);
        }
    }
}
