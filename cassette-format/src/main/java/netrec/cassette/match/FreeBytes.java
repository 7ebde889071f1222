package netrec.cassette.match;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes {@code first} to {@code last} (inclusive, from 0) of each client turn of a raw TCP conversation, or of turn
 * {@code turn} alone (from 1; 0 for every turn): they may hold anything at replay ({@code free-bytes: [8-15, 3:20-27]}).
 */
final class FreeBytes {
    /** A free byte range as written: FIRST-LAST, or TURN:FIRST-LAST. */
    private static final Pattern WRITTEN = Pattern.compile("(?:([1-9][0-9]*):)?([0-9]+)-([0-9]+)");

    private final int turn;
    private final int first;
    private final int last;

    private FreeBytes(int turn, int first, int last) {
        this.turn = turn;
        this.first = first;
        this.last = last;
    }

    /** The range {@code written} says, or null when it is not one. */
    static FreeBytes parse(String written) {
        Matcher m = WRITTEN.matcher(written.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            int first = Integer.parseInt(m.group(2));
            int last = Integer.parseInt(m.group(3));
            return last < first ? null : new FreeBytes(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)), first,
                    last);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /** True when byte {@code offset} of client turn {@code turnNumber} (from 1) is free. */
    boolean frees(int turnNumber, int offset) {
        return (turn == 0 || turn == turnNumber) && offset >= first && offset <= last;
    }

    @Override
    public String toString() {
        return (turn == 0 ? "" : turn + ":") + first + "-" + last;
    }
}
