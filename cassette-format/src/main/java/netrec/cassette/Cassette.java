package netrec.cassette;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a cassette directory holds, as loaded: interactions and DNS answers in recorded order (files by
 * name, which starts with the recording's start time, then order within a file), and notes of recordings that
 * were left incomplete.
 */
public final class Cassette {
    private final Path directory;
    private final List<Interaction> interactions;
    private final List<HostLookup> lookups;
    private final List<String> incompleteNotes;
    private final Map<String, String> bodyFiles;
    private final List<ConnectFailure> failures;

    /** A cassette whose interactions hold their responses (the body files are found in them). */
    public Cassette(Path directory, List<Interaction> interactions, List<HostLookup> lookups,
            List<String> incompleteNotes) {
        this(directory, interactions, lookups, incompleteNotes, bodyFilesOf(interactions));
    }

    public Cassette(Path directory, List<Interaction> interactions, List<HostLookup> lookups,
            List<String> incompleteNotes, Map<String, String> bodyFiles) {
        this(directory, interactions, lookups, incompleteNotes, bodyFiles, List.of());
    }

    public Cassette(Path directory, List<Interaction> interactions, List<HostLookup> lookups,
            List<String> incompleteNotes, Map<String, String> bodyFiles, List<ConnectFailure> failures) {
        this.failures = List.copyOf(failures);
        this.directory = directory;
        this.interactions = List.copyOf(interactions);
        this.lookups = List.copyOf(lookups);
        this.incompleteNotes = List.copyOf(incompleteNotes);
        this.bodyFiles = Collections.unmodifiableMap(new LinkedHashMap<>(bodyFiles));
    }

    private static Map<String, String> bodyFilesOf(List<Interaction> interactions) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Interaction interaction : interactions) {
            addBodyFiles(interaction, files);
        }
        return files;
    }

    /** Adds the body files {@code interaction} refers to, with its source, to {@code files} (first one kept). */
    public static void addBodyFiles(Interaction interaction, Map<String, String> files) {
        for (Body body : interaction.storedBodies()) {
            files.putIfAbsent(body.sha256(), interaction.source());
        }
    }

    public Path directory() {
        return directory;
    }

    public List<Interaction> interactions() {
        return interactions;
    }

    /** The connects that failed when recorded, in recorded order. */
    public List<ConnectFailure> failures() {
        return failures;
    }

    public List<HostLookup> lookups() {
        return lookups;
    }

    /**
     * Every body file the interactions refer to (request and response bodies, and messages'), by SHA-256, each with the
     * {@code file:line} of the first interaction that refers to it: what must be in {@code bodies/} to replay, known
     * without reading responses that are kept out of the heap.
     */
    public Map<String, String> bodyFiles() {
        return bodyFiles;
    }

    /** Why some recording into this cassette may have missed traffic; empty when none did. */
    public List<String> incompleteNotes() {
        return incompleteNotes;
    }
}
