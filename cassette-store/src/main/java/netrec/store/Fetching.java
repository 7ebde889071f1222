package netrec.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import netrec.cassette.store.StoreAddress;

/**
 * {@code pull}: a published cassette into a folder, through the machine's {@link ObjectCache}. The manifest comes from
 * the store, or, when the store gives no answer at all, the one this machine last fetched (said); each file from the
 * cache, else from the store into the cache, checked against its SHA-256. The folder gets the bodies as links into the
 * cache and the rest (recordings, rules, certificates: what a user edits) as copies, and keeps the manifest it was
 * made from in {@code .netrec}. A folder is written only when it is new, empty, or holds exactly what its last pull
 * or publishing of that cassette left: a file changed, added or removed since (a user's edit, a recording not yet
 * published) stops the fetch, naming it, and nothing is overwritten.
 */
public final class Fetching {
    private static final String PULLED_FROM = ".netrec/pulled-from";
    private static final String PULLED_MANIFEST = ".netrec/pulled-manifest.yaml";
    private static final String BODIES = "bodies/";
    /** Present while a fetch places its files: a folder holding it is a fetch cut short, never the user's edit. */
    private static final String FETCHING = ".netrec/fetching";
    /** Present in a copy fetched with bodies on use: the bodies no replay read are not in it, so it is never published. */
    static final String BODIES_ON_USE = ".netrec/bodies-on-use";

    /**
     * What a fetch did: the manifest, how many objects came from the store and their bytes, and, when the manifest
     * is the one this machine fetched last because the store gave no answer, what to say.
     */
    public record Result(Manifest manifest, int objects, int fetched, long fetchedBytes, String warning) {
    }

    private Fetching() {
    }

    /** {@code store} null: no store at all, the cache alone (the manifest last fetched). */
    public static Result fetch(StoreAddress address, ObjectStore store, ObjectCache cache, Path folder)
            throws IOException, InterruptedException {
        return fetch(address, store, cache, folder, false);
    }

    /**
     * As {@link #fetch(StoreAddress, ObjectStore, ObjectCache, Path)}; with {@code bodiesOnUse}, the bodies the cache
     * lacks are left out of the folder, for {@link #fetchBody} to bring as they are read (its recordings, rules and
     * certificates all come now).
     */
    public static Result fetch(StoreAddress address, ObjectStore store, ObjectCache cache, Path folder,
            boolean bodiesOnUse) throws IOException, InterruptedException {
        checkFolder(folder, address);
        String warning = null;
        byte[] yaml;
        try {
            if (store == null) {
                throw new ObjectStore.Unreachable("no store was given", null);
            }
            try (InputStream in = store.get(address.manifestKey())) {
                if (in == null) {
                    throw new NotInStore(address + " is not in the store (" + store.describe() + " has no "
                            + address.manifestKey() + "): push it first, or check the name");
                }
                yaml = in.readAllBytes();
            }
        } catch (ObjectStore.Unreachable unreachable) {
            yaml = cache.lastManifest(address, store == null ? "" : store.describe());
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
            Manifest.Entry entry = objects.get(sha256);
            if (cache.find(sha256) != null || bodiesOnUse && entry.path().startsWith(BODIES)) {
                return null;
            }
            if (store == null) {
                throw new IOException("the cache lacks " + entry.path() + " of " + address + " and no store was given");
            }
            try (InputStream in = store.get(address.objectKey(sha256))) {
                if (in == null) {
                    throw new IOException(address + " names " + entry.path() + ", whose object " + address.objectKey(
                            sha256) + " is not in the store: push the cassette again");
                }
                cache.keep(sha256, entry.size(), in, address.objectKey(sha256));
            }
            fetchedBytes.addAndGet(entry.size());
            return sha256;
        });
        Files.createDirectories(folder.resolve(".netrec"));
        Files.writeString(folder.resolve(FETCHING), address + "\n");
        place(manifest, cache, folder, address, bodiesOnUse);
        remember(folder, address, yaml);
        if (bodiesOnUse) {
            Files.writeString(folder.resolve(BODIES_ON_USE), address + "\n");
        } else {
            Files.deleteIfExists(folder.resolve(BODIES_ON_USE));
        }
        Files.delete(folder.resolve(FETCHING));
        cache.rememberManifest(address, store == null ? "" : store.describe(), yaml);
        cache.trim();
        return new Result(manifest, objects.size(), fetched.size(), fetchedBytes.get(), warning);
    }

    /** Records that {@code folder} now holds exactly the cassette {@code manifest} describes, as published there. */
    public static void remember(Path folder, StoreAddress address, byte[] manifest) throws IOException {
        Files.createDirectories(folder.resolve(".netrec"));
        Files.write(folder.resolve(PULLED_MANIFEST), manifest);
        Files.writeString(folder.resolve(PULLED_FROM), address + "\n");
    }

    /** Empties a copy of {@code address} (its {@code .netrec} kept): the store no longer has the cassette. */
    public static void empty(Path folder, StoreAddress address) throws IOException {
        checkFolder(folder, address);
        if (Files.isDirectory(folder)) {
            removeAllBut(folder, ".netrec");
            Files.deleteIfExists(folder.resolve(PULLED_MANIFEST));
        }
    }

    /** Refuses a folder that holds anything but what its last pull or publishing of {@code address} left there. */
    private static void checkFolder(Path folder, StoreAddress address) throws IOException {
        if (!Files.isDirectory(folder) || Files.exists(folder.resolve(FETCHING))) {
            return;
        }
        List<String> differences = new ArrayList<>();
        Path mark = folder.resolve(PULLED_FROM);
        Path pulled = folder.resolve(PULLED_MANIFEST);
        Map<String, Manifest.Entry> expected = new LinkedHashMap<>();
        boolean copyOfIt = Files.isRegularFile(mark) && Files.readString(mark).trim().equals(address.toString())
                && Files.isRegularFile(pulled);
        if (copyOfIt) {
            for (Manifest.Entry entry : Manifest.read(Files.readAllBytes(pulled), pulled.toString()).files()) {
                expected.put(entry.path(), entry);
            }
        }
        TreeSet<String> present = new TreeSet<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String path = folder.relativize(file).toString().replace('\\', '/');
                if (!path.startsWith(".netrec/")) {
                    present.add(path);
                }
            }
        }
        for (String path : present) {
            Manifest.Entry entry = expected.get(path);
            if (entry == null) {
                differences.add(path + " added");
            } else if (Files.size(folder.resolve(path)) != entry.size() || !path.startsWith("bodies/")
                    && !ObjectCache.sha256Hex(folder.resolve(path)).equals(entry.sha256())) {
                differences.add(path + " changed");
            }
        }
        for (String path : expected.keySet()) {
            if (!present.contains(path) && !path.startsWith(BODIES)) { // a body not fetched (yet): it comes again
                differences.add(path + " removed");
            }
        }
        if (differences.isEmpty()) {
            return;
        }
        String some = String.join(", ", differences.subList(0, Math.min(3, differences.size())))
                + (differences.size() > 3 ? " and " + (differences.size() - 3) + " more" : "");
        String push = "java -jar netrec.jar push " + folder + " " + address;
        if (copyOfIt) {
            throw new IOException(folder + " has changed since its last pull or publishing of " + address + " ("
                    + some + "), so nothing was overwritten: publish it (" + push + "), or move it away to start "
                    + "again from the store");
        }
        throw new IOException(folder + " holds files that are no pull of " + address + " (" + some.replace(" added",
                "") + "), so nothing was overwritten: pull into an empty or new folder"
                + (present.stream().anyMatch(path -> path.startsWith("interactions/")) ? ", or publish them first ("
                        + push + ")" : ""));
    }

    /**
     * The manifest's files in {@code folder}, replacing an earlier pull's (its {@code .netrec} reports kept); with
     * {@code bodiesOnUse}, but for the bodies the cache lacks.
     */
    private static void place(Manifest manifest, ObjectCache cache, Path folder, StoreAddress address,
            boolean bodiesOnUse) throws IOException {
        if (Files.isDirectory(folder)) {
            removeAllBut(folder, ".netrec");
        }
        for (Manifest.Entry entry : manifest.files()) {
            Path cached = cache.find(entry.sha256());
            if (cached == null && bodiesOnUse && entry.path().startsWith(BODIES)) {
                continue;
            }
            Path target = folder.resolve(entry.path());
            Files.createDirectories(target.getParent());
            if (cached == null) { // trimmed by another JVM since this fetch got it
                throw new IOException("the cache lost " + entry.path() + " of " + address + " while placing it (is "
                        + "NETREC_CACHE_SIZE smaller than the cassette?); pull again");
            }
            placeFile(entry, cached, target);
        }
    }

    /** A body linked to the cache's file of it (copied on another file system), any other file copied. */
    private static void placeFile(Manifest.Entry entry, Path cached, Path target) throws IOException {
        if (entry.path().startsWith(BODIES)) {
            try {
                Files.createLink(target, cached);
                return;
            } catch (FileAlreadyExistsException placedMeanwhile) {
                return;
            } catch (FileSystemException | UnsupportedOperationException otherFileSystem) {
                // copied below
            }
        }
        Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
        target.toFile().setWritable(true, true);
    }

    /**
     * Brings {@code body}, a file of the manifest of {@code address} whose copy {@code folder} was fetched with bodies
     * on use, from the cache, or else from {@code store} into the cache, and links it into the folder.
     *
     * @throws IOException when the store cannot give it
     */
    public static void fetchBody(StoreAddress address, ObjectStore store, ObjectCache cache, Path folder,
            Manifest.Entry body) throws IOException {
        String sha256 = body.sha256();
        Path cached = cache.find(sha256);
        if (cached == null) {
            try (InputStream in = store.get(address.objectKey(sha256))) {
                if (in == null) {
                    throw new IOException(address + " names " + body.path() + ", whose object "
                            + address.objectKey(sha256) + " is not in the store: push the cassette again");
                }
                cached = cache.keep(sha256, body.size(), in, address.objectKey(sha256));
            } catch (FileAlreadyExistsException keptMeanwhile) { // by another JVM
                cached = cache.find(sha256);
            }
        }
        Path target = folder.resolve(body.path());
        Files.createDirectories(target.getParent());
        placeFile(body, cached, target);
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
