package netrec.cassette;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 *
 * <p>Only bodies of {@value #NOTED_FROM} bytes or more are noted: hashing a smaller one takes under 50 microseconds,
 * less than reading its line would cost every JVM that starts. The folder is shared by every JVM on the machine, so
 * the file is read without a regular expression, and rewritten with one line per body when it has grown to hold
 * many more lines than bodies (lines that no longer parse, small bodies noted by an older netrec).
 */
public final class BodyChecksums {
    /** The smallest body whose CRC32C is noted. */
    static final long NOTED_FROM = 64 * 1024;
    private static final BodyChecksums JVM = new BodyChecksums(NOTED_FROM);
    private static final String FILE = "body-crc32c";
    /** How many lines the file may hold beyond one per body before it is rewritten. */
    private static final int SPARE_LINES = 1000;

    private final long notedFrom;
    private final Map<String, Found> found = new ConcurrentHashMap<>();
    private volatile Path file;
    private volatile boolean loaded = true;

    BodyChecksums(long notedFrom) {
        this.notedFrom = notedFrom;
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
        if (size < notedFrom) {
            return -1;
        }
        if (!loaded) {
            load();
        }
        Found known = found.get(sha256);
        return known != null && known.size == size ? known.crc32c : -1;
    }

    /** A file of {@code size} bytes whose CRC32C is {@code crc32c} was served whole, with the SHA-256 of its name. */
    void found(String sha256, long size, long crc32c) {
        if (size < notedFrom) {
            return;
        }
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
        int lines = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines++;
                noteLine(line);
            }
        } catch (NoSuchFileException none) {
            // nothing checked yet
        } catch (IOException | RuntimeException e) {
            // a memo only: bodies are hashed again
        }
        if (lines > found.size() + SPARE_LINES) {
            rewrite();
        }
    }

    /** Notes {@code SHA256 SIZE CRC32C-HEX}; any other line is left out. */
    private void noteLine(String line) {
        int space = line.indexOf(' ');
        int second = line.indexOf(' ', space + 1);
        if (space != 64 || second < 0 || !digits(line, 0, space, 16) || !digits(line, space + 1, second, 10)
                || second - space - 1 > 18 || !digits(line, second + 1, line.length(), 16)
                || line.length() - second - 1 > 8) {
            return;
        }
        long size = Long.parseLong(line, space + 1, second, 10);
        if (size >= notedFrom) {
            found.put(line.substring(0, space), new Found(size, Long.parseLong(line, second + 1, line.length(), 16)));
        }
    }

    /** Whether {@code text[from, to)} is one or more digits of {@code radix} (10, or 16 in lower case). */
    private static boolean digits(String text, int from, int to, int radix) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || radix == 16 && c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the file again with one line per body noted, beside it and then moved over it, so that a JVM reading
     * it meanwhile sees the old file or the new one. A line another JVM appends meanwhile may be lost: a memo only.
     */
    private void rewrite() {
        StringBuilder lines = new StringBuilder();
        found.forEach((sha256, known) -> lines.append(sha256).append(' ').append(known.size).append(' ')
                .append(Long.toHexString(known.crc32c)).append('\n'));
        Path fresh = file.resolveSibling(FILE + "." + ProcessHandle.current().pid());
        try {
            Files.writeString(fresh, lines, StandardCharsets.US_ASCII);
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(fresh);
            } catch (IOException ignored) {
                // left for the next rewrite to replace
            }
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
