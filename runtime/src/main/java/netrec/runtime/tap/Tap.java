package netrec.runtime.tap;

import java.io.IOException;
import java.net.Socket;

/**
 * What netrec does with one connection, decided once: when it connects, or at its first bytes for TLS over an
 * SSLEngine. A connection left alone has no tap. A recording tap copies the bytes the application moves; a replaying
 * tap answers from the cassette, so the bytes the application moves are the replay's own and need no copy. Every
 * hook of a connection after its connect is one call on its tap.
 *
 * <p>Called on the application's threads, never throws: a tap logs its own failures.
 */
public interface Tap {
    /** The connect finished from {@code localPort} ({@code -1} while a non-blocking connect is pending), or failed. */
    void connected(int localPort, Throwable failure);

    /** Bytes the application wrote. {@code bytes} is the application's: copy what is kept. */
    void sent(byte[] bytes, int offset, int length);

    /**
     * Bytes a blocking TLS write is about to send, once its handshake is done: true when the tap took them now, as
     * {@link #sent} (which is then not called for them), so that nothing read meanwhile comes before them; false when
     * they come as the write returns, with {@link #written}, the write begun as {@link #writeBegins} says.
     */
    default boolean sending(byte[] bytes, int offset, int length) {
        return false;
    }

    /** The write whose bytes were taken as it began failed: they may never have reached the server. */
    default void sendFailed() {
    }

    /**
     * A write begins whose bytes are only known as it returns ({@link #written}): a channel's, or an SSLSocket's
     * first. What the connection reads meanwhile answers them, and comes after them.
     */
    default void writeBegins() {
    }

    /** The write begun with {@link #writeBegins} returned, having sent these bytes (none when it failed). */
    default void written(byte[] bytes, int offset, int length) {
        sent(bytes, offset, length);
    }

    /** Bytes the application read. {@code bytes} is the application's: copy what is kept. */
    void received(byte[] bytes, int offset, int length);

    /** The application read the end of the stream: what that read throws instead (replay's reason), or null. */
    IOException endOfInput();

    /**
     * TLS is about to be layered on this connection, towards {@code host:port}: the socket to use instead (replay's
     * TLS without a handshake), or null to let the JDK layer its own.
     */
    Socket layerTlsStart(Socket plain, String host, int port, boolean autoClose);

    /** The JDK layered TLS on this connection as {@code tls}: the tap of the TLS socket, or null for none. */
    Tap layerTlsEnd(Socket tls, String host, int port);

    /** The application closed the connection. */
    void closed();
}
