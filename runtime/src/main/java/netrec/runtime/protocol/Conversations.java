package netrec.runtime.protocol;

import java.util.List;
import netrec.cassette.Interaction;

/**
 * The raw TCP conversations recorded with one server, from which each replayed connection to it takes its own: a
 * conversation one connection took is not offered to another while others are left.
 */
public interface Conversations {
    /** Those no connection has taken yet, in recorded order. */
    List<Interaction> unused();

    /** All of them, in recorded order. */
    List<Interaction> all();

    /** Takes {@code conversation} for a connection; true when no connection had taken it before. */
    boolean take(Interaction conversation);
}
