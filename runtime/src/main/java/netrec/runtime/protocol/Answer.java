package netrec.runtime.protocol;

import java.io.ByteArrayInputStream;

/**
 * One response as replay sends it: its bytes as they go on the wire, read once from front to back, on the client's
 * own thread when its blocking socket is answered in-process, or on the replay server's thread.
 */
abstract class Answer extends ArrayReadInputStream {
    /**
     * Whether the connection may carry another request after this response: known at once for a recorded response,
     * once every byte was read for a forwarded one.
     */
    abstract boolean keepsConnection();

    /** An answer of fixed bytes, after which the connection stays open. */
    static Answer of(byte[] bytes) {
        return new Answer() {
            private final ByteArrayInputStream in = new ByteArrayInputStream(bytes);

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public int available() {
                return in.available();
            }

            @Override
            boolean keepsConnection() {
                return true;
            }
        };
    }
}
