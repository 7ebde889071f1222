package netrec.runtime.protocol;

import java.io.IOException;

/**
 * One connection being recorded in a protocol: the bytes each way, in the order the application moved them, become
 * interactions. Runs on the recorder's writer thread only. TCP chunk boundaries carry no meaning.
 */
public interface ConversationRecording {
    /** Bytes the client sent; the recording's own from now on. */
    void sent(byte[] bytes) throws IOException;

    /** Bytes the client received; the recording's own from now on. */
    void received(byte[] bytes) throws IOException;

    /** The client read the end of the stream. */
    void receivedEnd() throws IOException;

    /**
     * The application's last write failed, after its bytes were handed over (taken as the write began): they may
     * never have reached the server, so nothing they finished is to be taken as the server's doing.
     */
    default void sendFailed() {
    }

    /** The connection closed: what is still half-way is dropped. */
    void closed() throws IOException;
}
