package netrec.cassette.yaml;

import netrec.cassette.ConnectFailure;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;

/**
 * Receives a cassette's entries one at a time, in recorded order, as {@link CassetteReader#read} parses them; an
 * entry is handed over whole and parsed, and nothing of it is kept by the reader afterwards.
 */
public interface EntryHandler {
    void interaction(Interaction interaction);

    default void lookup(HostLookup lookup) {
    }

    /** A connect that failed when recorded. */
    default void failure(ConnectFailure failure) {
    }

    /** A note that a recording may lack traffic, prefixed with the name of the file it is in. */
    default void incomplete(String note) {
    }
}
