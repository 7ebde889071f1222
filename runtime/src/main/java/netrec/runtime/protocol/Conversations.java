package netrec.runtime.protocol;

import java.util.List;
import netrec.cassette.Interaction;

/**
 * The raw TCP conversations recorded with one server, from which each replayed connection to it takes its own: a
 * conversation one connection took is not offered to another while others are left. They come in the order their
 * connections opened when recorded, which a replayed program follows as it opens its own.
 */
public interface Conversations {
    /** Those no connection has taken yet, in the order their connections opened. */
    List<Interaction> unused();

    /** All of them, in the order their connections opened. */
    List<Interaction> all();

    /** Takes {@code conversation} for a connection; true when no connection had taken it before. */
    boolean take(Interaction conversation);

    /**
     * Takes {@code conversation} for a connection if no connection has taken it: false, and nothing taken, when one
     * has (another connection may have chosen it at the same moment, from the same {@link #unused}).
     */
    boolean takeUnused(Interaction conversation);

    /** Gives back a conversation this connection took first and turned out not to follow: unused again. */
    void giveBack(Interaction conversation);

    /** Notes that {@code follower} follows {@code conversation} now, so that another connection may ask it. */
    void follow(Interaction conversation, Object follower);

    /** Who follows {@code conversation} now ({@link #follow}), or null. */
    Object follower(Interaction conversation);

    /**
     * Takes the recorded messages {@code from} (inclusive) to {@code to} (exclusive) of {@code conversation} for one
     * connection, so that no other is answered with them: true when none was taken before (all are now), false
     * otherwise (none is).
     */
    boolean takeTurns(Interaction conversation, int from, int to);

    /** True once a connection took the message at {@code index} of {@code conversation}. */
    boolean turnTaken(Interaction conversation, int index);

    /** Gives back the message at {@code index} of {@code conversation} ({@link #takeTurns}): not taken any more. */
    void giveBackTurn(Interaction conversation, int index);
}
