package netrec.cassette;

import java.nio.file.Path;
import java.util.List;

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

    public Cassette(Path directory, List<Interaction> interactions, List<HostLookup> lookups,
            List<String> incompleteNotes) {
        this.directory = directory;
        this.interactions = List.copyOf(interactions);
        this.lookups = List.copyOf(lookups);
        this.incompleteNotes = List.copyOf(incompleteNotes);
    }

    public Path directory() {
        return directory;
    }

    public List<Interaction> interactions() {
        return interactions;
    }

    public List<HostLookup> lookups() {
        return lookups;
    }

    /** Why some recording into this cassette may have missed traffic; empty when none did. */
    public List<String> incompleteNotes() {
        return incompleteNotes;
    }
}
