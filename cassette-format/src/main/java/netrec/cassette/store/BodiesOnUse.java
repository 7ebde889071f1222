package netrec.cassette.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cassette folders whose bodies come from their store only when a replay first reads them ({@code fetch=on-use}):
 * a body file such a folder lacks is fetched, then read. Every other folder's missing body is a damaged cassette.
 */
public final class BodiesOnUse {
    /** Brings one body of a cassette from its store into its folder. */
    public interface Fetcher {
        void fetch(String sha256) throws IOException;
    }

    private static final Map<Path, Fetcher> FOLDERS = new ConcurrentHashMap<>();

    private BodiesOnUse() {
    }

    /** From now on, the bodies {@code folder} lacks are fetched by {@code fetcher}. */
    public static void fetchInto(Path folder, Fetcher fetcher) {
        FOLDERS.put(folder.toAbsolutePath().normalize(), fetcher);
    }

    /** {@code folder}'s bodies are no longer fetched: its use has ended. */
    public static void stop(Path folder) {
        FOLDERS.remove(folder.toAbsolutePath().normalize());
    }

    /** Whether the bodies {@code folder} lacks are fetched as they are read. */
    public static boolean covers(Path folder) {
        return !FOLDERS.isEmpty() && FOLDERS.containsKey(folder.toAbsolutePath().normalize());
    }

    /** Fetches the body {@code sha256} into {@code folder}; false when that folder's bodies are not fetched on use. */
    public static boolean fetch(Path folder, String sha256) throws IOException {
        Fetcher fetcher = FOLDERS.isEmpty() ? null : FOLDERS.get(folder.toAbsolutePath().normalize());
        if (fetcher == null) {
            return false;
        }
        fetcher.fetch(sha256);
        return true;
    }
}
