package netrec.cassette.yaml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import netrec.cassette.CassetteLayout;

/**
 * One JVM's recording file, {@code interactions/<started>-<pid>-<n>.yaml}, or, for a test's cassette, one of a
 * stable name ({@link #named}). Each JVM writes its own file, so several JVMs recording into one cassette never
 * interleave. Text is appended in whole entries, one write per batch, each batch followed by
 * {@link CassetteYaml#BATCH_END}; the file is created only when the first entry is written, and starts with {@link CassetteYaml#fileStart}
 * (so with {@code version:}). Not thread-safe: one thread (a recorder's writer) appends, flushes and closes it.
 */
public final class RecordingFile {
    private final CassetteLayout layout;
    private final Instant started;
    /** The stable name without {@code .yaml}, or null for a name made of the start time, pid and a number. */
    private final String stableName;
    private final StringBuilder pending = new StringBuilder();
    private FileChannel channel;
    private Path path;

    /** The file of a recording into {@code layout} that started at {@code started} (its name and first lines). */
    public RecordingFile(CassetteLayout layout, Instant started) {
        this(layout, started, null);
    }

    private RecordingFile(CassetteLayout layout, Instant started, String stableName) {
        this.layout = layout;
        this.started = started;
        this.stableName = stableName;
    }

    /**
     * A recording file named {@code interactions/NAME.yaml}, so that recording the same thing again rewrites the
     * same file; if that file is there already (the recording adds to the cassette), the first free
     * {@code NAME-2.yaml}, {@code NAME-3.yaml}, ...
     */
    public static RecordingFile named(CassetteLayout layout, Instant started, String name) {
        return new RecordingFile(layout, started, name);
    }

    /** Queues {@code entry}, one whole list entry as {@link CassetteYaml} writes it, for the next {@link #flush}. */
    public void append(String entry) {
        pending.append(entry);
    }

    /** True when something appended is not written yet. */
    public boolean hasPending() {
        return pending.length() > 0;
    }

    /**
     * Writes what is pending in one write, creating the file first if needed, followed by
     * {@link CassetteYaml#BATCH_END}: once that line is in the file, every entry of the batch is known whole.
     */
    public void flush() throws IOException {
        if (pending.length() == 0) {
            return;
        }
        pending.append(CassetteYaml.BATCH_END);
        write();
    }

    private void write() throws IOException {
        if (channel == null) {
            open();
        }
        ByteBuffer bytes = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
        pending.setLength(0);
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /**
     * Flushes and writes the end line that marks the file as finished ({@link CassetteYaml#FILE_END}); a recording
     * that never had an entry leaves no file. Call it once.
     */
    public void close() throws IOException {
        if (channel == null && pending.length() == 0) {
            return;
        }
        pending.append(CassetteYaml.FILE_END);
        write();
        channel.close();
    }

    /** The file, or null until the first {@link #flush} of an entry has created it. */
    public Path path() {
        return path;
    }

    private void open() throws IOException {
        Files.createDirectories(layout.interactions());
        long pid = ProcessHandle.current().pid();
        DateTimeFormatter nameTime = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        for (int attempt = 0; ; attempt++) {
            String name = stableName != null ? stableName + (attempt == 0 ? "" : "-" + (attempt + 1)) + ".yaml"
                    : nameTime.format(started) + "-" + pid + "-" + ThreadLocalRandom.current().nextInt(1000, 10000)
                    + ".yaml";
            path = layout.interactions().resolve(name);
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                break;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > (stableName != null ? 1000 : 20)) {
                    throw e;
                }
            }
        }
        pending.insert(0, CassetteYaml.fileStart(started, pid, System.getProperty("java.version")));
    }
}
