package netrec.runtime.protocol;

/**
 * How a client's turns compare with the recorded ones, under the cassette's rules for one conversation: byte for
 * byte, but for the parts {@code free-bytes} and {@code free-pattern} free (a raw TCP stream, compared as it
 * arrives), or as JSON or form bodies where {@code body:} says so (a whole message, such as a WebSocket's).
 */
public interface TurnJudge {
    /** A comparison of the client's bytes, as they arrive, with {@code recorded}, its client turn {@code number} (from 1). */
    TurnComparison turn(byte[] recorded, int number);

    /** Null when the whole message {@code actual} is the same as {@code recorded}; else what differs. */
    String difference(byte[] recorded, byte[] actual);
}
