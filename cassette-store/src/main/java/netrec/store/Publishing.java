package netrec.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import netrec.cassette.store.StoreAddress;

/**
 * {@code push}: a cassette folder into a store. Each file's bytes go to the object named by their SHA-256 unless the
 * store has it (from this cassette's last publishing, or any other cassette's), and the manifest last, in one write:
 * a reader sees the whole cassette or the one before it, and two machines publishing one name at once leave one of
 * the two whole. netrec's own {@code .netrec} folder (attempts, reports) and hidden files are never published.
 */
public final class Publishing {
    /** What a publishing did: the cassette's files and bytes, and how many of them had to be sent. */
    public record Result(Manifest manifest, int objects, int sent, long sentBytes) {
    }

    private Publishing() {
    }

    public static Result publish(Path cassette, StoreAddress address, ObjectStore store, String netrecVersion)
            throws IOException, InterruptedException {
        List<Manifest.Entry> files = files(cassette);
        Map<String, Path> objects = new LinkedHashMap<>();
        for (Manifest.Entry entry : files) {
            objects.putIfAbsent(entry.sha256(), cassette.resolve(entry.path()));
        }
        AtomicLong sentBytes = new AtomicLong();
        List<String> sent = Parallel.each(new ArrayList<>(objects.keySet()), sha256 -> {
            if (store.keep(address.objectKey(sha256))) {
                return null;
            }
            store.put(address.objectKey(sha256), objects.get(sha256));
            sentBytes.addAndGet(Files.size(objects.get(sha256)));
            return sha256;
        });
        Manifest manifest = new Manifest(address.name(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                netrecVersion, files);
        store.put(address.manifestKey(), manifest.toYaml());
        List<String> kept = new ArrayList<>(objects.keySet());
        kept.removeAll(sent);
        Parallel.each(kept, sha256 -> { // a gc that listed before the manifest was written may have removed one
            if (store.modified(address.objectKey(sha256)) == null) {
                store.put(address.objectKey(sha256), objects.get(sha256));
                sentBytes.addAndGet(Files.size(objects.get(sha256)));
            }
            return null;
        });
        return new Result(manifest, objects.size(), sent.size(), sentBytes.get());
    }

    /** The cassette's files with their SHA-256; a body whose bytes are not those its name says is refused. */
    static List<Manifest.Entry> files(Path cassette) throws IOException {
        if (Files.exists(cassette.resolve(Fetching.BODIES_ON_USE))) {
            throw new IOException(cassette + " was fetched with fetch=on-use and lacks the bodies no replay read, so "
                    + "it is not published: pull the cassette whole into another folder (java -jar netrec.jar pull "
                    + "ADDRESS DIR), copy your change there, and publish that");
        }
        if (!Files.isDirectory(cassette.resolve("interactions"))) {
            throw new IOException(cassette + " is no cassette with recordings (it has no interactions folder): "
                    + "record it first, then push it");
        }
        List<Manifest.Entry> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(cassette)) {
            for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String path = cassette.relativize(file).toString().replace('\\', '/');
                if (!Manifest.safePath(path) || path.startsWith(".") || path.contains("/.")) {
                    continue; // netrec's own .netrec, files being written (.partial-), an editor's hidden files
                }
                String sha256 = ObjectCache.sha256Hex(file);
                long size = Files.size(file);
                if (path.startsWith("bodies/") && !path.equals("bodies/" + sha256)) {
                    throw new IOException(file + " is damaged: its bytes have SHA-256 " + sha256 + ", not the one its "
                            + "name says; nothing was published (record the cassette again, or run "
                            + "'java -jar netrec.jar verify " + cassette + "')");
                }
                files.add(new Manifest.Entry(path, sha256, size));
            }
        }
        return files;
    }
}
