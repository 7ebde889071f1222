package netrec.cassette;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each body file was found to hold the last time it was served whole and its SHA-256 matched its name: its
 * size and CRC32C, by that SHA-256. A later serve checks the file against these instead of hashing it again.
 * CRC32C runs at memory speed (the JDK compiles it to the processor's {@code crc32} instruction); SHA-256 runs at
 * about 1.5 GB/s on a current core, so hashing every replayed byte halved the rate a large body was served at.
 *
 * <p>The check is as strict where it matters: a file of another size fails at its end, as before, and a change of
 * its bytes changes its CRC32C (every burst of up to 32 bits, and all other changes but one in four billion). The
 * damage this guards against is a truncated copy, a git-LFS pointer, an edited or corrupted file, not a forgery made
 * to collide. When the CRC32C differs, the file's SHA-256 decides, as it would have without this.
 *
 * <p>Bodies are content-addressed, so what holds for a SHA-256 holds in every cassette: one memo per JVM. Where
 * replay keeps its cassette indexes, it is also kept on disk ({@code body-crc32c} in that folder, a line per body),
 * so a later JVM serves a body checked by an earlier one at full speed too. A line that does not parse is ignored,
 * and a wrong one only costs speed: the SHA-256 decides.
 */
public final class BodyChecksums {
    private static final BodyChecksums JVM = new BodyChecksums();
    private static final String FILE = "body-crc32c";

    private final Map<String, Found> found = new ConcurrentHashMap<>();
    private volatile Path file;
    private volatile boolean loaded = true;

    BodyChecksums() {
    }

    /** The JVM's memo. */
    public static BodyChecksums jvm() {
        return JVM;
    }

    /**
     * Keeps the memo in {@code directory} (replay's folder of cassette indexes) from now on, and starts from what
     * is there. Nothing fails: a memo that cannot be read or written only means bodies are hashed again.
     */
    public synchronized void keepIn(Path directory) {
        Path in = directory.resolve(FILE);
        if (!in.equals(file)) {
            file = in;
            loaded = false;
        }
    }

    /** The CRC32C of the body {@code sha256} when a file of {@code size} bytes was found whole; -1 when unknown. */
    long crc32c(String sha256, long size) {
        if (!loaded) {
            load();
        }
        Found known = found.get(sha256);
        return known != null && known.size == size ? known.crc32c : -1;
    }

    /** A file of {@code size} bytes whose CRC32C is {@code crc32c} was served whole, with the SHA-256 of its name. */
    void found(String sha256, long size, long crc32c) {
        Found fresh = new Found(size, crc32c);
        Found before = found.put(sha256, fresh);
        if (before != null && before.size == size && before.crc32c == crc32c) {
            return;
        }
        Path to = file;
        if (to == null) {
            return;
        }
        byte[] line = (sha256 + " " + size + " " + Long.toHexString(crc32c) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            Files.createDirectories(to.getParent());
            try (OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                out.write(line);
            }
        } catch (IOException | RuntimeException e) {
            // a memo only: the next JVM hashes the body again
        }
    }

    private synchronized void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.split(" ");
                if (fields.length == 3 && fields[0].matches("[0-9a-f]{64}") && fields[1].matches("[0-9]{1,18}")
                        && fields[2].matches("[0-9a-f]{1,8}")) {
                    found.put(fields[0], new Found(Long.parseLong(fields[1]), Long.parseLong(fields[2], 16)));
                }
            }
        } catch (NoSuchFileException none) {
            // nothing checked yet
        } catch (IOException | RuntimeException e) {
            // a memo only: bodies are hashed again
        }
    }

    private static final class Found {
        final long size;
        final long crc32c;

        Found(long size, long crc32c) {
            this.size = size;
            this.crc32c = crc32c;
        }
    }
}
