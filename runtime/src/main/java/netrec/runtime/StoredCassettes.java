package netrec.runtime;

import java.io.IOException;

/**
 * Cassettes kept in an object store ({@code cassette=s3://BUCKET/PREFIX/NAME}), used through this machine's copy of
 * each: fetched before the cassette is used, published after a recording that became the cassette. The agent provides
 * it (AWS's SDK is opened only then); its requests run on a thread of netrec's own, so they are never recorded and
 * replay never answers them.
 */
public interface StoredCassettes {
    /**
     * Takes this machine's copy of the cassette {@code address}, waiting while another JVM of the machine uses it,
     * and brings it up to the store's: whole, or with {@code bodiesOnUse} but for the bodies this machine lacks, which
     * are fetched as a replay first reads them.
     *
     * @throws IOException when it cannot: the store refuses, or the copy holds a recording not yet published
     */
    Copy take(String address, boolean bodiesOnUse) throws IOException;

    /** This machine's copy of a stored cassette, in use until {@link #release}. */
    interface Copy {
        /** False when the store has no such cassette: the copy is then empty. */
        boolean inStore();

        /** Why the copy is the one this machine fetched last (the store gave no answer); null when it is the store's. */
        String staleBecause();

        /** Publishes the copy as the cassette; says what was sent. */
        String publish() throws IOException;

        /** Lets other JVMs of the machine use the copy. */
        void release();
    }
}
