package netrec.runtime.protocol;

/**
 * Whether the bytes a client has sent so far are one recorded client turn. The bytes sent may hold more than the turn
 * (the next turn already, from a client that does not wait); only the turn's share of them is taken.
 */
public interface TurnComparison {
    /** How the bytes sent so far compare with the turn. */
    enum State { MATCHED, NEED_MORE, DIVERGED }

    /** Compares the bytes sent so far, {@code sent[0..count)}. */
    State compare(byte[] sent, int count);

    /** After {@link State#MATCHED}: how many of the bytes sent the turn took. */
    int length();

    /** After {@link State#DIVERGED}: the first byte (from the turn's start) that differs, as far as it can tell. */
    int divergedAt();

    /** The recorded turn. */
    byte[] recorded();
}
