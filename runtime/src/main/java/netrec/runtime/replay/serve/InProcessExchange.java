package netrec.runtime.replay.serve;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.List;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.replay.tls.TlsRecordFraming;

/**
 * The two directions of a blocking connection that replay answers inside the JVM, with no socket underneath: what
 * the client writes is parsed as it arrives, each complete request is answered from the cassette on the writing
 * thread, and the answers wait, in order, for the client's reads. A read with nothing to answer waits for a write
 * from another thread, as a socket would, up to the socket's timeout. A request replay cannot answer fails the read
 * that would have got its answer, with replay's reason, right here on the client's thread.
 */
final class InProcessExchange {
    private final ReplayConnection connection;
    private final ServedConnection served;
    private final Queue<Answer> answers = new ArrayDeque<>();
    private Answer reading;
    private boolean inputShut;
    private boolean outputShut;
    private boolean closed;

    InProcessExchange(ReplayConnection connection, List<Protocol> protocols) {
        this.connection = connection;
        this.served = new ServedConnection(protocols, connection, answers::add);
        try {
            served.opened();
        } catch (IOException | RuntimeException e) {
            Log.internalError("answering a replayed connection as it opens", e);
            served.fail("netrec: internal error while replaying the connection to " + connection + ": " + e);
        }
    }

    synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new SocketException("Socket closed");
        }
        if (outputShut) {
            throw new SocketException("Socket output is shutdown");
        }
        if (length == 0 || served.closing()) {
            return;
        }
        if (served.awaitingFirstBytes() && TlsRecordFraming.startsFramed(bytes[offset])) {
            served.fail("netrec: replay answers " + connection + " inside the JVM as a plain socket, and TLS "
                    + "records were written to it (an SSLEngine driven over a java.net.Socket); replay serves TLS "
                    + "over blocking sockets through the JDK's SSLSocket, and over SSLEngine through SocketChannel");
            notifyAll();
            return;
        }
        try {
            served.feed(bytes, offset, length);
        } catch (RuntimeException e) {
            Log.internalError("answering a replayed request", e);
            served.fail("netrec: internal error while replaying a request to " + connection + ": " + e);
        }
        notifyAll();
    }

    /** Reads answer bytes, waiting at most {@code timeoutMillis} (0: for ever) for a request to be answered. */
    synchronized int read(byte[] bytes, int offset, int length, int timeoutMillis) throws IOException {
        long deadline = timeoutMillis == 0 ? 0 : System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            if (closed) {
                throw new SocketException("Socket closed");
            }
            if (inputShut) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            if (reading != null) {
                int n = reading.read(bytes, offset, length);
                if (n > 0) {
                    return n;
                }
                reading.close();
                reading = null;
            }
            reading = answers.poll();
            if (reading == null) {
                if (served.closing() || outputShut) {
                    long grace = connection.failureGraceLeftNanos();
                    if (grace > 0) {
                        waitReleased(grace); // the client's writer may still finish its request meanwhile
                        continue;
                    }
                    IOException miss = connection.failure();
                    if (miss != null) {
                        throw miss;
                    }
                    return -1;
                }
                waitForWrite(deadline);
            }
        }
    }

    /**
     * Waits for a write, the socket's timeout, or a second at most: a client stopped partway through a turn is then a
     * miss, and the read fails with it.
     */
    private void waitForWrite(long deadline) throws IOException {
        try {
            long left = deadline == 0 ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            long wait = Math.min(left, ServedConnection.STALL_NANOS);
            wait(wait / 1_000_000L, (int) (wait % 1_000_000L));
            served.stalled();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketException("Closed by interrupt");
        }
    }

    /** Waits {@code nanos} with this exchange's lock released, as a read waiting on the socket would. */
    private void waitReleased(long nanos) throws IOException {
        try {
            wait(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketException("Closed by interrupt");
        }
    }

    /** What the answers waiting to be read hold: reading that much never waits. */
    synchronized int available() throws IOException {
        if (closed || inputShut) {
            return 0;
        }
        int available = reading == null ? 0 : reading.available();
        for (Answer answer : answers) {
            available += answer.available();
        }
        return available;
    }

    synchronized void shutdownInput() {
        inputShut = true;
        notifyAll();
    }

    synchronized void shutdownOutput() {
        outputShut = true;
        notifyAll();
    }

    synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        notifyAll();
        if (reading != null) {
            reading.close();
        }
        for (Answer answer : answers) {
            answer.close();
        }
        answers.clear();
    }
}
