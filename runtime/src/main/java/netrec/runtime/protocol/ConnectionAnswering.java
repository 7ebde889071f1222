package netrec.runtime.protocol;

import java.io.IOException;

/**
 * A protocol answering one replayed connection from the cassette: the client's bytes are fed as they arrive, and
 * each complete request is answered through {@link ClientConnection#send}, in order. When replay cannot answer,
 * the protocol fails the connection ({@link ClientConnection#fail}) and is {@link #closing} from then on.
 */
public interface ConnectionAnswering {
    /** Bytes the client sent. */
    void feed(byte[] bytes, int offset, int length) throws IOException;

    /** True between messages: no request is half-way. */
    boolean idle();

    /** True once no more requests will be answered: the connection closes after the answers already sent. */
    boolean closing();

    /** The client closed the connection, or it broke: what the protocol holds open for it closes too. */
    default void clientClosed() {
    }

    /**
     * The {@code host:port} the connection became a tunnel to (a proxy's CONNECT), or null: the bytes after it
     * belong to that server, and may start TLS.
     */
    default String tunnel() {
        return null;
    }

    /**
     * The client has sent nothing for a second: true when this protocol gives up on the connection (the client
     * stopped partway through a turn the recording goes on with, and will wait for an answer that never comes),
     * having failed it with a miss; false to go on waiting.
     */
    default boolean stalled() {
        return false;
    }
}
