package netrec.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code pull}: a published cassette into a folder, through the machine's {@link ObjectCache}. The manifest comes from
 * the store, or, when the store cannot be reached, the one this machine last fetched (said); each file from the cache,
 * else from the store into the cache, checked against its SHA-256. The folder gets the bodies as links into the cache
 * and the rest (recordings, rules, certificates: what a user edits) as copies. A folder that holds anything but an
 * earlier pull of the same cassette is refused, so nothing of a user's is overwritten.
 */
public final class Fetching {
    /** The mark a pulled folder carries: which cassette it is. */
    static final String PULLED_FROM = ".netrec/pulled-from";

    /** What a fetch did: the manifest, how many objects came from the store and their bytes, and what to say. */
    public record Result(Manifest manifest, int objects, int fetched, long fetchedBytes, String warning) {
    }

    private Fetching() {
    }

    /** {@code store} null: no store at all, the cache alone (the manifest last fetched). */
    public static Result fetch(StoreAddress address, ObjectStore store, ObjectCache cache, Path folder)
            throws IOException, InterruptedException {
        checkFolder(folder, address);
        String warning = null;
        byte[] yaml;
        try {
            if (store == null) {
                throw new IOException("no store was given");
            }
            try (InputStream in = store.get(address.manifestKey())) {
                if (in == null) {
                    throw new NotInStore(address + " is not in the store (" + store.describe() + " has no "
                            + address.manifestKey() + "): push it first, or check the name");
                }
                yaml = in.readAllBytes();
            }
        } catch (NotInStore absent) {
            throw absent;
        } catch (IOException unreachable) {
            yaml = cache.lastManifest(address);
            if (yaml == null) {
                throw new IOException("cannot read " + address + " (" + unreachable.getMessage() + "), and this "
                        + "machine has not fetched it before (" + cache.directory() + ")", unreachable);
            }
            warning = "the store could not be reached (" + unreachable.getMessage() + "): using the manifest of "
                    + address + " this machine fetched last";
        }
        Manifest manifest = Manifest.read(yaml, address.toString());
        Map<String, Manifest.Entry> objects = new LinkedHashMap<>();
        for (Manifest.Entry entry : manifest.files()) {
            objects.putIfAbsent(entry.sha256(), entry);
        }
        AtomicLong fetchedBytes = new AtomicLong();
        List<String> fetched = Parallel.each(new ArrayList<>(objects.keySet()), sha256 -> {
            if (cache.find(sha256) != null) {
                return null;
            }
            Manifest.Entry entry = objects.get(sha256);
            if (store == null) {
                throw new IOException("the cache lacks " + entry.path() + " of " + address + " and no store was given");
            }
            try (InputStream in = store.get(address.objectKey(sha256))) {
                if (in == null) {
                    throw new IOException(address + " names " + entry.path() + ", whose object " + address.objectKey(
                            sha256) + " is not in the store: push the cassette again (was the store's gc run with "
                            + "a grace shorter than a publishing?)");
                }
                cache.keep(sha256, entry.size(), in, address.objectKey(sha256));
            }
            fetchedBytes.addAndGet(entry.size());
            return sha256;
        });
        place(manifest, cache, folder, address);
        cache.rememberManifest(address, yaml);
        cache.trim();
        return new Result(manifest, objects.size(), fetched.size(), fetchedBytes.get(), warning);
    }

    private static void checkFolder(Path folder, StoreAddress address) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        Path mark = folder.resolve(PULLED_FROM);
        boolean empty;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            empty = !entries.iterator().hasNext();
        }
        if (!empty && !(Files.isRegularFile(mark) && Files.readString(mark).trim().equals(address.toString()))) {
            throw new IOException(folder + " already holds something else than " + address + ": pull into an empty "
                    + "or new folder, so nothing of yours is overwritten");
        }
    }

    /** The manifest's files in {@code folder}, replacing an earlier pull's (its {@code .netrec} reports kept). */
    private static void place(Manifest manifest, ObjectCache cache, Path folder, StoreAddress address)
            throws IOException {
        if (Files.isDirectory(folder)) {
            removeAllBut(folder, ".netrec");
        }
        for (Manifest.Entry entry : manifest.files()) {
            Path target = folder.resolve(entry.path());
            Files.createDirectories(target.getParent());
            Path cached = cache.find(entry.sha256());
            if (cached == null) { // trimmed by another JVM since this fetch got it
                throw new IOException("the cache lost " + entry.path() + " of " + address + " while placing it (is "
                        + "NETREC_CACHE_SIZE smaller than the cassette?); pull again");
            }
            if (entry.path().startsWith("bodies/")) {
                try {
                    Files.createLink(target, cached);
                    continue;
                } catch (FileSystemException | UnsupportedOperationException otherFileSystem) {
                    // copied below
                }
            }
            Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().setWritable(true, true);
        }
        mark(folder, address);
    }

    /** Marks {@code folder} as the copy of {@code address}, which a later fetch may bring up to date. */
    public static void mark(Path folder, StoreAddress address) throws IOException {
        Files.createDirectories(folder.resolve(".netrec"));
        Files.writeString(folder.resolve(PULLED_FROM), address + "\n");
    }

    /** Empties a copy of {@code address} (its {@code .netrec} kept): the store no longer has the cassette. */
    public static void empty(Path folder, StoreAddress address) throws IOException {
        checkFolder(folder, address);
        if (Files.isDirectory(folder)) {
            removeAllBut(folder, ".netrec");
        }
    }

    private static void removeAllBut(Path folder, String kept) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            List<Path> earlier = all.filter(path -> !folder.relativize(path).startsWith(kept))
                    .filter(path -> !path.equals(folder)).sorted((a, b) -> b.compareTo(a)).toList();
            for (Path path : earlier) {
                Files.delete(path);
            }
        }
    }

    /** The store answered, and has no such cassette: no cached manifest stands in for it. */
    public static final class NotInStore extends IOException {
        NotInStore(String message) {
            super(message);
        }
    }
}
