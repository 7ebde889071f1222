package netrec.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The few things netrec asks of an object store ({@link S3Store}): keys, bytes and times, nothing else. */
public interface ObjectStore extends Closeable {
    /** An object under a prefix, as a listing gives it. */
    record Stored(String key, long size, Instant lastModified) {
    }

    /**
     * Whether {@code key} is there; when it is, it counts as used now (marked so, unless it was written or marked
     * within the last hour), so that {@code gc}, which spares what was used within its grace, leaves it to the
     * cassette about to name it.
     */
    boolean keep(String key) throws IOException;

    /** When {@code key} was last written or marked as used; null when it is not there. */
    Instant modified(String key) throws IOException;

    void put(String key, Path file) throws IOException;

    void put(String key, byte[] bytes) throws IOException;

    /** The object's bytes; null when there is none. */
    InputStream get(String key) throws IOException;

    /** The folders right under {@code prefix} (keys up to the next {@code /}, with it). */
    List<String> folders(String prefix) throws IOException;

    /** Every object under {@code prefix}. */
    List<Stored> list(String prefix) throws IOException;

    void delete(List<String> keys) throws IOException;

    /** What to tell a user about where this store is, for messages. */
    String describe();

    /** The store gave no answer at all (refused, timed out, no route): unlike a refusal, nothing was decided. */
    final class Unreachable extends IOException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
