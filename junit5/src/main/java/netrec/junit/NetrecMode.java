package netrec.junit;

/** What a test does with its cassette: the agent's modes, with the same meanings. */
public enum NetrecMode {
    /**
     * Calls go to the real network and are recorded; once the test passes, the recording replaces what the cassette
     * had (a test that fails, or records nothing, leaves the cassette as it was).
     */
    RECORD,
    /** Offline: calls are answered from the cassette; a call it lacks fails the test. Never touches the network. */
    REPLAY,
    /** Answers what the cassette has; what it lacks goes to the network and is added, once the test passes. */
    UPDATE,
    /** {@link #RECORD} when the cassette has no recording yet, {@link #REPLAY} when it has one (VCR's {@code once}). */
    ONCE
}
