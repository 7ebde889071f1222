package netrec.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import netrec.cassette.store.MachineCache;
import netrec.cassette.store.StoreAddress;

/**
 * The files of published cassettes on this machine, by SHA-256, shared by every cassette and JVM: a cassette fetched
 * once, or any other that shares its bodies, is fetched no more. A file appears whole or not at all (written aside,
 * checked against its SHA-256, then renamed), so JVMs fetching at once never see half of one; each use marks it, and
 * past its size ({@code NETREC_CACHE_SIZE}, 10g by default) the files used longest ago go. A cassette made from the
 * cache links its bodies there (hard links, on the same file system), so one trimmed away meanwhile stays whole in it.
 * The files are in the {@code objects} folder of the machine's cache ({@link MachineCache}), which also keeps each
 * cassette's last manifest, for a replay while the store is unreachable.
 */
public final class ObjectCache {
    static final long DEFAULT_SIZE = 10L << 30;
    private final Path objects;
    private final Path manifests;
    private final long maxBytes;

    public ObjectCache(Path directory, long maxBytes) {
        this.objects = directory.resolve("objects");
        this.manifests = directory.resolve("manifests");
        this.maxBytes = maxBytes;
    }

    /** The cache this environment names, or the default one. */
    public static ObjectCache fromEnvironment(Map<String, String> environment) throws IOException {
        String size = environment.get("NETREC_CACHE_SIZE");
        return new ObjectCache(MachineCache.directory(environment), size == null || size.isEmpty() ? DEFAULT_SIZE
                : parseSize(size));
    }

    /** {@code 500m}, {@code 20g}, {@code 1t} or a number of bytes. */
    static long parseSize(String size) throws IOException {
        String lower = size.trim().toLowerCase(Locale.ROOT);
        int shift = lower.endsWith("k") ? 10 : lower.endsWith("m") ? 20 : lower.endsWith("g") ? 30
                : lower.endsWith("t") ? 40 : 0;
        try {
            long number = Long.parseLong(shift == 0 ? lower : lower.substring(0, lower.length() - 1));
            if (number >= 0 && Long.numberOfLeadingZeros(number) > shift) {
                return number << shift;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IOException("NETREC_CACHE_SIZE=" + size + " is not a size: write bytes, or a number with k, m, g "
                + "or t (10g)");
    }

    /** The cached file with these bytes, marked as used now; null when the cache lacks it. */
    public Path find(String sha256) throws IOException {
        Path file = objects.resolve(sha256);
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            return file;
        } catch (NoSuchFileException absent) {
            return null;
        }
    }

    /**
     * Keeps {@code in}'s bytes as the file of {@code sha256}; fails, keeping nothing, when they are not those bytes
     * or not {@code size} of them (a damaged download, a store that changed an object).
     */
    public Path keep(String sha256, long size, InputStream in, String source) throws IOException {
        Files.createDirectories(objects);
        Path partial = objects.resolve(".partial-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            MessageDigest digest = sha256();
            long written;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
                written = in.transferTo(out);
            }
            String got = HexFormat.of().formatHex(digest.digest());
            if (!got.equals(sha256) || written != size) {
                throw new IOException(source + " does not hold what the manifest says: " + written + " bytes with "
                        + "SHA-256 " + got + ", not " + size + " bytes with SHA-256 " + sha256 + "; publish the "
                        + "cassette again");
            }
            partial.toFile().setReadOnly(); // a cassette links it: written in place there, it would change here
            Path file = objects.resolve(sha256);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Keeps {@code file}, a file of a cassette published from this machine, as the file of {@code sha256} unless the
     * cache has it: a hard link when {@code link} (a body, never written in place) and the file system allows it, a
     * copy otherwise (a recording, which its user may edit in place).
     */
    public void adopt(String sha256, Path file, boolean link) throws IOException {
        if (find(sha256) != null) {
            return;
        }
        if (link) {
            Files.createDirectories(objects);
            try {
                Files.createLink(objects.resolve(sha256), file);
                file.toFile().setReadOnly(); // as every object is: neither side is ever written in place
                return;
            } catch (FileAlreadyExistsException kept) { // by another JVM meanwhile
                return;
            } catch (IOException | UnsupportedOperationException elsewhere) { // another file system: copied below
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            keep(sha256, Files.size(file), in, file.toString());
        }
    }

    /**
     * The manifest last fetched for {@code address} from the store {@code where} describes (its endpoint or region:
     * the same name in another store, or under a mistyped endpoint, is another cassette); null when there is none.
     */
    public byte[] lastManifest(StoreAddress address, String where) throws IOException {
        Path file = manifests.resolve(sha256Hex(where + " " + address) + ".yaml");
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    public void rememberManifest(StoreAddress address, String where, byte[] manifest) throws IOException {
        Files.createDirectories(manifests);
        Path file = manifests.resolve(sha256Hex(where + " " + address) + ".yaml");
        Path partial = manifests.resolve(".partial-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.write(partial, manifest);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the files used longest ago until the cache is within its size; returns how many went. */
    public int trim() throws IOException {
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        List<Path> files = new ArrayList<>();
        long total = 0;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(objects)) {
            for (Path file : all) {
                if (!file.getFileName().toString().startsWith(".partial-")) {
                    files.add(file);
                }
            }
        }
        List<long[]> order = new ArrayList<>(); // [index, last use, size]
        for (int i = 0; i < files.size(); i++) {
            try {
                long size = Files.size(files.get(i));
                order.add(new long[] {i, Files.getLastModifiedTime(files.get(i)).toMillis(), size});
                total += size;
            } catch (NoSuchFileException trimmedMeanwhile) {
                // another JVM trims too
            }
        }
        order.sort((a, b) -> Long.compare(a[1], b[1]));
        int removed = 0;
        for (long[] file : order) {
            if (total <= maxBytes) {
                break;
            }
            Files.deleteIfExists(files.get((int) file[0]));
            total -= file[2];
            removed++;
        }
        return removed;
    }

    public Path directory() {
        return objects.getParent();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The SHA-256 of a file's bytes, in lower-case hex, as files are named in the cache and the store. */
    static String sha256Hex(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
