package netrec.junit;

/** What a test does with its cassette. */
public enum NetrecMode {
    /** Calls go to the real network and are recorded; earlier recordings in the cassette are replaced. */
    RECORD,
    /** Offline: calls are answered from the cassette; a call it lacks fails the test. */
    REPLAY,
    /** Answers what the cassette has; what it lacks goes to the network and is added. */
    UPDATE,
    /** {@link #REPLAY} when the cassette has recordings, {@link #RECORD} when it has none. */
    AUTO
}
