package netrec.cassette.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.cassette.BodyChecksums;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.ConnectFailure;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.cache.CassetteCache;

/**
 * Loads a cassette directory. Every error names the file and line and says what is wrong and what to do.
 *
 * <p>Files are streamed: the parser reads them through a small buffer and each entry becomes the model as soon as
 * it is parsed, so reading needs the heap of one entry whatever the file's size, and no size limit applies.
 *
 * <p>A recording file of any format version from 1 to {@link CassetteYaml#RECORDING_VERSION} loads: each entry of
 * an older one is brought up to date as it is read ({@link RecordingUpgrades}), so it becomes the same model a file
 * written today would. A newer version is refused, saying which version the file has and which this netrec reads.
 *
 * <p>A recording file without its {@link CassetteYaml#FILE_END} line was being written when its JVM stopped (a
 * SIGKILL, a crash): its last entry may be cut short. Such a file loads every entry known whole, and says so
 * through {@code warnings}; its last entry is left out, with a warning, unless a {@link CassetteYaml#BATCH_END}
 * line follows it. Every other error, in any file, is an error naming the file and line: an entry is loaded whole
 * or not at all.
 */
public final class CassetteReader {
    private final Consumer<String> warnings;
    private final Path cacheDirectory;
    /** The protocols an interaction may name, with the shape each declares; null: any. */
    private Map<String, Interaction.Shape> protocols;
    private boolean warned;

    public CassetteReader(Consumer<String> warnings) {
        this(warnings, null);
    }

    /**
     * A reader that keeps a {@link CassetteCache} of each cassette it loads in {@code cacheDirectory} (null: none),
     * and loads from it while the cassette is unchanged; the checksums of body files found whole are kept there too
     * ({@link BodyChecksums}).
     */
    public CassetteReader(Consumer<String> warnings, Path cacheDirectory) {
        this.warnings = w -> {
            warned = true;
            warnings.accept(w);
        };
        this.cacheDirectory = cacheDirectory;
    }

    /**
     * Takes only the protocols {@code shapes} names, each read as the shape it declares; any other is refused as one
     * this netrec does not replay. Without it, a reader takes any protocol name, shaped as its entries are.
     */
    public CassetteReader knowing(Map<String, Interaction.Shape> shapes) {
        this.protocols = Map.copyOf(shapes);
        return this;
    }

    /**
     * Loads {@code directory}; a directory that does not exist yet is an empty cassette. With a cache directory,
     * the responses are moved out of the heap as they are read (see {@link CassetteCache}), so that loading needs
     * the heap of the requests alone.
     */
    public Cassette load(Path directory) {
        CassetteLayout layout = new CassetteLayout(directory);
        List<Path> files = recordingFiles(layout);
        if (cacheDirectory != null) {
            BodyChecksums.jvm().keepIn(cacheDirectory);
        }
        CassetteCache cache = cacheDirectory == null || files.isEmpty() ? null
                : new CassetteCache(cacheDirectory, directory);
        Cassette cached = cache == null ? null : cache.read(directory, files);
        if (cached != null) {
            return cached;
        }
        CassetteCache.Writer writer = null;
        try {
            writer = cache == null ? null : cache.writer(files);
        } catch (IOException unwritable) {
            // a cache is only a shortcut: load into the heap, as without one
        }
        try {
            return load(directory, files, writer);
        } catch (CacheUnwritable e) {
            return load(directory, files, null);
        } finally {
            closeQuietly(writer);
        }
    }

    private Cassette load(Path directory, List<Path> files, CassetteCache.Writer writer) {
        Collected collected = new Collected(writer);
        warned = false;
        for (Path file : files) {
            readFile(file, collected);
        }
        try {
            if (writer != null) {
                writer.finishResponses();
            }
        } catch (IOException e) {
            throw new CacheUnwritable();
        }
        Cassette cassette = new Cassette(directory, collected.interactions, collected.lookups, collected.notes,
                collected.bodyFiles, collected.failures);
        if (writer != null && !warned) {
            writer.publish(cassette);
        }
        return cassette;
    }

    private static void closeQuietly(CassetteCache.Writer writer) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            // only a temporary file is left behind
        }
    }

    /** The cache could not be written (a full disk, say): the cassette is read again into the heap, as without one. */
    private static final class CacheUnwritable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CacheUnwritable() {
            super(null, null, false, false);
        }
    }

    /** The entries of a cassette as loaded, with the responses moved to the cache's file when there is one. */
    private final class Collected implements EntryHandler {
        final List<Interaction> interactions = new ArrayList<>();
        final List<HostLookup> lookups = new ArrayList<>();
        final List<ConnectFailure> failures = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, String> bodyFiles = new LinkedHashMap<>();
        private final CassetteCache.Writer writer;

        Collected(CassetteCache.Writer writer) {
            this.writer = writer;
        }

        @Override
        public void interaction(Interaction interaction) {
            Cassette.addBodyFiles(interaction, bodyFiles);
            try {
                interactions.add(writer == null ? interaction : writer.keep(interaction));
            } catch (IOException e) {
                throw new CacheUnwritable();
            }
        }

        @Override
        public void lookup(HostLookup lookup) {
            lookups.add(lookup);
        }

        @Override
        public void failure(ConnectFailure failure) {
            failures.add(failure);
        }

        @Override
        public void incomplete(String note) {
            notes.add(note);
        }
    }

    /**
     * Hands every entry of the cassette in {@code directory} to {@code handler}, in recorded order, holding no more
     * than one entry at a time: for a pass over a cassette of any size (list, verify) that keeps nothing.
     */
    public void read(Path directory, EntryHandler handler) {
        for (Path file : recordingFiles(new CassetteLayout(directory))) {
            readFile(file, handler);
        }
    }

    private static List<Path> recordingFiles(CassetteLayout layout) {
        if (!Files.isDirectory(layout.interactions())) {
            if (Files.exists(layout.directory()) && !Files.isDirectory(layout.directory())) {
                throw new CassetteException(layout.directory() + " is a file, but a cassette is a directory; "
                        + "point cassette= at a directory (it is created when recording starts)");
            }
            return List.of();
        }
        try (Stream<Path> files = Files.list(layout.interactions())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new CassetteException("cannot list " + layout.interactions() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams one recording file: the parser reads it in small buffers (long runs of plain text held aside by
     * {@link LongRuns}, so reading stays linear in the file's size) and each entry is handed on once it is known
     * whole, that is once the next entry has begun, or at the end of a file that its recorder closed or that ends
     * with {@link CassetteYaml#BATCH_END}. Anything malformed is an error naming the file and line, but for one
     * thing: in a file its recorder never closed (killed), the last entry, the one a kill can cut, is left out with
     * a warning.
     */
    private void readFile(Path file, EntryHandler handler) {
        FileTail tail;
        try {
            tail = FileTail.of(file);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new CassetteException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (tail.empty) {
            throw new CassetteException(file + ":1: the file is empty, so it is not a recording (a recorder killed "
                    + "in the instant after creating it leaves one, and so does a failed copy); delete it");
        }
        int entries = 0;
        ObjectNode held = null;
        int heldLine = 0;
        int version = 0;
        try (InputStream in = Files.newInputStream(file);
                LongRuns runs = new LongRuns(new InputStreamReader(in, StandardCharsets.UTF_8));
                JsonParser parser = CassetteYamlFactory.FACTORY.createParser(runs)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, file, parser, "a cassette file is a YAML mapping "
                    + "that starts with 'version: " + CassetteYaml.RECORDING_VERSION + "'");
            expect(parser.nextToken() == JsonToken.FIELD_NAME && "version".equals(parser.currentName()), file, parser,
                    "the first key must be 'version'");
            parser.nextToken();
            version = version(parser.getValueAsString(), file, parser);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"interactions".equals(key)) {
                    parser.skipChildren();
                    continue;
                }
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                expect(value == JsonToken.START_ARRAY, file, parser, "'interactions' must be a list");
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.START_OBJECT) {
                    int line = parser.currentTokenLocation().getLineNr();
                    ObjectNode entry = (ObjectNode) runs.restore(YamlTree.read(parser));
                    if (held != null) {
                        hand(file, heldLine, held, version, handler);
                        entries++;
                    }
                    held = entry;
                    heldLine = line;
                }
                if (next != JsonToken.END_ARRAY) {
                    int line = parser.currentTokenLocation().getLineNr();
                    if (tail.finished || line < lastEntryLine(file)) {
                        expect(false, file, parser, "each entry of 'interactions' must be a mapping (- recorded-at: "
                                + "...)");
                    }
                    cutShort(file, held, heldLine, version, handler, entries);
                    return;
                }
            }
        } catch (JsonProcessingException e) {
            int errorLine = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            if (tail.finished || errorLine < lastEntryLine(file)) {
                throw syntaxError(file, e);
            }
            cutShort(file, held, heldLine, version, handler, entries);
            return;
        } catch (NoSuchFileException e) {
            return; // removed since it was listed: nothing to read
        } catch (IOException e) {
            throw new CassetteException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (held != null && (tail.finished || tail.batchEnded)) {
            hand(file, heldLine, held, version, handler);
            entries++;
        } else if (held != null) {
            warnings.accept("netrec: " + file + " was not closed by its recorder (the JVM was killed?), and its last "
                    + "entry, at line " + heldLine + ", may have been cut short by the kill: loaded the " + entries
                    + " entries before it, left that one out");
            return;
        }
        if (!tail.finished) {
            warnings.accept("netrec: " + file + " was not closed by its recorder (the JVM was killed?); its "
                    + entries + " entries are whole and loaded");
        }
    }

    /**
     * A killed recording ends in an entry cut short: the entry before it, {@code held}, is whole (another began after
     * it) and is handed on; the cut one is left out, with a warning.
     */
    private void cutShort(Path file, ObjectNode held, int heldLine, int version, EntryHandler handler, int entries) {
        if (held != null) {
            hand(file, heldLine, held, version, handler);
            entries++;
        }
        warnings.accept("netrec: " + file + " was not closed by its recorder (the JVM was killed?), and its last "
                + "entry, at line " + lastEntryLine(file) + ", was cut short: loaded the " + entries
                + " entries before it, left that one out");
    }

    private void hand(Path file, int line, ObjectNode entry, int version, EntryHandler handler) {
        new EntryReader(file, line, protocols).readInto(RecordingUpgrades.upgrade(entry, version), handler);
    }

    /**
     * The line of the last list entry in {@code file} ({@code "  - "} or {@code "- "} at the start of a line, as
     * recorders write them), or 1 when it has none; read only for a killed recording that ends unreadable.
     */
    private static int lastEntryLine(Path file) {
        int last = 1;
        int line = 0;
        try (java.io.BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (String text; (text = reader.readLine()) != null; ) {
                line++;
                if (text.startsWith("  - ") || text.startsWith("- ")) {
                    last = line;
                }
            }
        } catch (IOException e) {
            return Integer.MAX_VALUE;
        }
        return last == 1 ? Integer.MAX_VALUE : last;
    }

    /**
     * What the ends of a recording file say: finished (closed by its recorder, or not a recorder's file), ended
     * after a whole batch, or empty.
     */
    private static final class FileTail {
        final boolean finished;
        final boolean batchEnded;
        final boolean empty;

        private FileTail(boolean finished, boolean batchEnded, boolean empty) {
            this.finished = finished;
            this.batchEnded = batchEnded;
            this.empty = empty;
        }

        /**
         * Reads the ends of {@code file}. Only a recorder's file (it starts as {@link CassetteYaml#fileStart} writes)
         * can have been cut by a kill; any other file is read as finished, end line or not (one written by hand).
         */
        static FileTail of(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                String tail = read(channel, Math.max(0, size - 64), (int) Math.min(size, 64));
                String head = read(channel, 0, (int) Math.min(size, 64));
                boolean recorders = head.matches("(?s)version: \\d+\nrecording:\n  started: .*");
                return new FileTail(tail.endsWith(CassetteYaml.FILE_END) || !recorders,
                        tail.endsWith(CassetteYaml.BATCH_END), size == 0);
            }
        }

        private static String read(FileChannel channel, long from, int length) throws IOException {
            ByteBuffer bytes = ByteBuffer.allocate(length);
            while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) >= 0) {
                // read until full
            }
            return new String(bytes.array(), StandardCharsets.ISO_8859_1);
        }
    }

    /** The format version of a recording file: one this netrec reads, from 1 to the one it writes. */
    private static int version(String text, Path file, JsonParser parser) {
        int current = CassetteYaml.RECORDING_VERSION;
        int version;
        try {
            version = Integer.parseInt(String.valueOf(text).trim());
        } catch (NumberFormatException e) {
            version = 0;
        }
        if (version > current) {
            throw new CassetteException(where(file, parser.currentTokenLocation()) + "cassette format version "
                    + version + " is newer than this netrec reads (it reads versions 1 to " + current + "); a newer "
                    + "netrec recorded this file: use that netrec or a newer one, or record again with this one");
        }
        if (version < 1) {
            throw new CassetteException(where(file, parser.currentTokenLocation()) + "'version' is '" + text
                    + "', not a cassette format version; it is a whole number, 1 to " + current + " (this netrec "
                    + "writes " + current + ")");
        }
        return version;
    }

    private static void expect(boolean condition, Path file, JsonParser parser, String rule) {
        if (!condition) {
            throw new CassetteException(where(file, parser.currentTokenLocation()) + rule);
        }
    }

    private static CassetteException syntaxError(Path file, JsonProcessingException e) {
        return new CassetteException(where(file, e.getLocation()) + "not valid YAML: " + e.getOriginalMessage()
                + "; fix the file by hand or record again", e);
    }

    static String where(Path file, JsonLocation location) {
        return file + (location == null || location.getLineNr() < 1 ? ": " : ":" + location.getLineNr() + ": ");
    }
}
