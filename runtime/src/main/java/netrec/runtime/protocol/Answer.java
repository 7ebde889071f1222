package netrec.runtime.protocol;

import java.io.ByteArrayInputStream;
import netrec.runtime.base.ArrayReadInputStream;

/**
 * Bytes replay sends the client in answer to one request, as they go on the wire, read once from front to back: on
 * the client's own thread when its blocking socket is answered in-process, or on the replay server's thread.
 */
public abstract class Answer extends ArrayReadInputStream {
    /**
     * Whether the connection may carry another request after this answer: known at once for a recorded response,
     * once every byte was read for a forwarded one.
     */
    public abstract boolean keepsConnection();

    /**
     * An answer of fixed bytes that is read no sooner than {@code notBeforeNanos} ({@link System#nanoTime}; 0 for at
     * once): a reader waits, as it would for a slow server. The connection stays open after it.
     */
    public static Answer at(byte[] bytes, long notBeforeNanos) {
        Answer now = of(bytes);
        if (notBeforeNanos == 0 || notBeforeNanos - System.nanoTime() <= 0) {
            return now;
        }
        return new Answer() {
            private boolean due;

            @Override
            public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
                if (!due) {
                    long wait = notBeforeNanos - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new java.io.InterruptedIOException("interrupted while keeping a replayed pace");
                        }
                    }
                    due = true;
                }
                return now.read(buffer, offset, length);
            }

            @Override
            public int available() throws java.io.IOException {
                return due ? now.available() : 0;
            }

            @Override
            public boolean keepsConnection() {
                return true;
            }
        };
    }

    /** An answer of fixed bytes, after which the connection stays open. */
    public static Answer of(byte[] bytes) {
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
            public boolean keepsConnection() {
                return true;
            }
        };
    }
}
