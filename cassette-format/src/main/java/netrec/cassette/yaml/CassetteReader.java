package netrec.cassette.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteIndex;
import netrec.cassette.CassetteLayout;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;

/**
 * Loads a cassette directory. Every error names the file and line and says what is wrong and what to do.
 *
 * <p>A recording file without its {@link CassetteYaml#FILE_END} line was being written when its JVM stopped (a
 * SIGKILL, a crash): its last entry may be cut short. Such a file loads up to its last whole entry, and the loss
 * is reported through {@code warnings}. In a finished file every error is an error.
 */
public final class CassetteReader {
    private final Consumer<String> warnings;
    private final Path indexDirectory;
    private boolean warned;

    public CassetteReader(Consumer<String> warnings) {
        this(warnings, null);
    }

    /**
     * A reader that keeps a {@link CassetteIndex} of each cassette it loads in {@code indexDirectory} (null: none),
     * and loads from it while the cassette is unchanged.
     */
    public CassetteReader(Consumer<String> warnings, Path indexDirectory) {
        this.warnings = w -> {
            warned = true;
            warnings.accept(w);
        };
        this.indexDirectory = indexDirectory;
    }

    /** Loads {@code directory}; a directory that does not exist yet is an empty cassette. */
    public Cassette load(Path directory) {
        CassetteLayout layout = new CassetteLayout(directory);
        List<Path> files = recordingFiles(layout);
        CassetteIndex index = indexDirectory == null || files.isEmpty() ? null
                : new CassetteIndex(indexDirectory, directory);
        Cassette indexed = index == null ? null : index.read(directory, files);
        if (indexed != null) {
            return indexed;
        }
        List<Interaction> interactions = new ArrayList<>();
        List<HostLookup> lookups = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        warned = false;
        for (Path file : files) {
            readFile(file, interactions, lookups, notes);
        }
        Cassette cassette = new Cassette(directory, interactions, lookups, notes);
        if (index != null && !warned) {
            index.write(cassette, files);
        }
        return cassette;
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

    private void readFile(Path file, List<Interaction> interactions, List<HostLookup> lookups, List<String> notes) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new CassetteException("cannot read " + file + ": " + e.getMessage(), e);
        }
        boolean finished = text.endsWith(CassetteYaml.FILE_END);
        int entries = 0;
        int lastGoodLine = 0;
        try (JsonParser parser = CassetteYaml.MAPPER.getFactory().createParser(text)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, file, parser,
                    "a cassette file is a YAML mapping that starts with 'version: " + CassetteLayout.FORMAT_VERSION + "'");
            expect(parser.nextToken() == JsonToken.FIELD_NAME && "version".equals(parser.currentName()), file, parser,
                    "the first key must be 'version'");
            parser.nextToken();
            checkVersion(parser.getValueAsString(), file, parser);
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
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    int line = parser.currentTokenLocation().getLineNr();
                    JsonNode node = CassetteYaml.MAPPER.readTree(parser);
                    EntryReader entry = new EntryReader(file, line);
                    entry.readInto(node, interactions, lookups, notes);
                    entries++;
                    lastGoodLine = line;
                }
            }
        } catch (CassetteException | JsonProcessingException e) {
            if (finished) {
                throw e instanceof CassetteException ? (CassetteException) e : syntaxError(file, (JsonProcessingException) e);
            }
            warnings.accept("netrec: " + file + " was not closed by its recorder (the JVM was killed?) and ends in "
                    + "an unreadable entry; loaded its first " + entries + " entries"
                    + (lastGoodLine > 0 ? " (up to line " + lastGoodLine + ")" : "") + " and skipped the rest");
        } catch (IOException e) {
            throw new CassetteException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkVersion(String version, Path file, JsonParser parser) {
        if (!String.valueOf(CassetteLayout.FORMAT_VERSION).equals(version)) {
            throw new CassetteException(where(file, parser.currentTokenLocation()) + "cassette format version "
                    + version + " is not one this netrec reads (it reads version " + CassetteLayout.FORMAT_VERSION
                    + "); use the netrec that recorded it, or record again");
        }
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
