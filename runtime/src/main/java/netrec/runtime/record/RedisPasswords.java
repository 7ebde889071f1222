package netrec.runtime.record;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import netrec.cassette.Redacted;

/**
 * Takes Redis passwords out of a raw TCP client turn: the password of {@code AUTH [username] password} and of
 * {@code HELLO protover AUTH username password}, as every client sends them (RESP arrays of bulk strings), each
 * written as {@value Redacted#BULK_STRING}, its length and value both, which replay matches with any password on one
 * line. A turn that is not RESP, or has no such command, is kept as it is, and so is what follows a part that is not
 * RESP (an inline command, {@code AUTH pw} typed in telnet; a command cut where the server answered).
 */
final class RedisPasswords {
    /** How many arguments of a command are looked at: HELLO's password comes by the seventh. */
    private static final int ARGUMENTS_LOOKED_AT = 8;
    private final byte[] turn;
    private int at;

    private RedisPasswords(byte[] turn) {
        this.turn = turn;
    }

    /** {@code turn} without its Redis passwords; the same array when it has none. */
    static byte[] out(byte[] turn) {
        return turn.length > 0 && turn[0] == '*' ? new RedisPasswords(turn).out() : turn;
    }

    private byte[] out() {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(turn.length);
        int copiedTo = 0;
        boolean changed = false;
        int[] starts = new int[ARGUMENTS_LOOKED_AT];
        int[] ends = new int[ARGUMENTS_LOOKED_AT];
        while (at < turn.length) {
            int count = header('*');
            if (count < 1 || !arguments(count, starts, ends)) {
                break; // not RESP from here (or cut where the server answered): the rest is kept as it is
            }
            int password = passwordIndex(starts, Math.min(count, ARGUMENTS_LOOKED_AT), count);
            if (password >= 0) {
                kept.write(turn, copiedTo, starts[password] - copiedTo);
                kept.writeBytes((Redacted.BULK_STRING + "\r\n").getBytes(StandardCharsets.US_ASCII));
                copiedTo = ends[password];
                changed = true;
            }
        }
        if (!changed) {
            return turn;
        }
        kept.write(turn, copiedTo, turn.length - copiedTo);
        return kept.toByteArray();
    }

    /** Reads a command's {@code count} bulk strings, noting where the first ones start and end; false if not RESP. */
    private boolean arguments(int count, int[] starts, int[] ends) {
        for (int i = 0; i < count; i++) {
            int start = at;
            int length = header('$');
            if (length < 0 || (long) at + length + 2 > turn.length || turn[at + length] != '\r'
                    || turn[at + length + 1] != '\n') {
                return false;
            }
            at += length + 2;
            if (i < starts.length) {
                starts[i] = start;
                ends[i] = at;
            }
        }
        return true;
    }

    /** Which argument of a command of {@code count} is its password, or -1; {@code seen} of them were noted. */
    private int passwordIndex(int[] starts, int seen, int count) {
        String command = argument(starts[0]);
        if (command.equalsIgnoreCase("AUTH") && (count == 2 || count == 3)) {
            return count - 1;
        }
        if (command.equalsIgnoreCase("HELLO")) {
            for (int i = 2; i + 2 < seen; i++) {
                if (argument(starts[i]).equalsIgnoreCase("AUTH")) {
                    return i + 2;
                }
            }
        }
        return -1;
    }

    /** The bulk string at {@code start}, as text (short ones only: a command name). */
    private String argument(int start) {
        int saved = at;
        at = start;
        int length = header('$');
        String text = length < 0 || length > 16 ? "" : new String(turn, at, length, StandardCharsets.US_ASCII);
        at = saved;
        return text;
    }

    /** Reads {@code type} and a decimal number ending in CRLF; the number, or -1 when that is not what is there. */
    private int header(char type) {
        if (at >= turn.length || turn[at] != type) {
            return -1;
        }
        long value = 0;
        int i = at + 1;
        for (; i < turn.length && turn[i] >= '0' && turn[i] <= '9'; i++) {
            value = value * 10 + (turn[i] - '0');
            if (value > Integer.MAX_VALUE) {
                return -1;
            }
        }
        if (i == at + 1 || i + 1 >= turn.length || turn[i] != '\r' || turn[i + 1] != '\n') {
            return -1;
        }
        at = i + 2;
        return (int) value;
    }
}
