package netrec.cassette.match;

import java.nio.charset.StandardCharsets;
import netrec.cassette.Redacted;

/**
 * The credentials of a Kafka client's SASL login: a {@code SaslAuthenticate} request's {@code auth_bytes} (with
 * PLAIN, the user name and the password in clear). The recorder writes them as {@value Redacted#VALUE}
 * ({@link #redacted}); replay matches any bytes there, and so any request size, so that a client logs in with any
 * password (PLAIN; SCRAM's client checks the server's proof, which replay cannot make for another nonce).
 *
 * <p>The request, alone in its client turn (a client waits for the login's answer before it sends anything else): a
 * 4-byte size, API key 36, its version, a correlation id and a client id (a 16-bit length), tagged fields from
 * version 2; then {@code auth_bytes}, a 32-bit length before version 2 and an unsigned varint of the length + 1 from
 * it (of any width), and the request's tagged fields.
 */
public final class KafkaSaslLogin {
    private static final int SASL_AUTHENTICATE = 36;
    private static final byte[] REDACTED = Redacted.VALUE.getBytes(StandardCharsets.US_ASCII);

    private KafkaSaslLogin() {
    }

    /** Where {@code auth_bytes}' length begins in {@code turn}, when it is one SaslAuthenticate request; else -1. */
    public static int authAt(byte[] turn) {
        if (turn.length < 15 || BigEndian.int32(turn, 0) != turn.length - 4
                || BigEndian.int16(turn, 4) != SASL_AUTHENTICATE) {
            return -1;
        }
        int version = BigEndian.int16(turn, 6);
        int clientId = BigEndian.int16(turn, 12);
        if (version < 0 || version > 2 || clientId < -1) {
            return -1;
        }
        int at = 14 + Math.max(clientId, 0);
        if (version < 2) {
            return at + 4 <= turn.length && at + 4 + (long) BigEndian.int32(turn, at) == turn.length ? at : -1;
        }
        // no tagged fields in the header; the credentials' length as a varint (any width); no tagged fields after
        if (at + 3 > turn.length || turn[at] != 0) {
            return -1;
        }
        at++;
        long[] length = uvarint(turn, at);
        return length != null && length[0] >= 1 && at + length[1] + (length[0] - 1) + 1 == turn.length
                && turn[turn.length - 1] == 0 ? at : -1;
    }

    /** The unsigned varint at {@code at}, and how many bytes it takes; null when it is not whole in {@code bytes}. */
    private static long[] uvarint(byte[] bytes, int at) {
        long value = 0;
        for (int i = 0; i < 5 && at + i < bytes.length; i++) {
            value |= (long) (bytes[at + i] & 0x7f) << (7 * i);
            if ((bytes[at + i] & 0x80) == 0) {
                return new long[] {value, i + 1};
            }
        }
        return null;
    }

    /** True from version 2, whose length is an unsigned varint of the length + 1. */
    static boolean compact(byte[] turn) {
        return BigEndian.int16(turn, 6) >= 2;
    }

    /**
     * {@code turn} with its {@code auth_bytes} written as {@value Redacted#VALUE}, the lengths following;
     * {@code turn} itself when it is no SaslAuthenticate request, or is redacted already.
     */
    public static byte[] redacted(byte[] turn) {
        int at = authAt(turn);
        if (at < 0 || isRedacted(turn, at)) {
            return turn;
        }
        boolean compact = compact(turn);
        long[] varint = compact ? uvarint(turn, at) : null;
        int after = compact ? at + (int) varint[1] + (int) varint[0] - 1 : at + 4 + BigEndian.int32(turn, at);
        int lengthBytes = compact ? 1 : 4; // the placeholder's length: one varint byte
        byte[] out = new byte[at + lengthBytes + REDACTED.length + turn.length - after];
        System.arraycopy(turn, 0, out, 0, at);
        if (compact) {
            out[at] = (byte) (REDACTED.length + 1);
        } else {
            System.arraycopy(BigEndian.int32(REDACTED.length), 0, out, at, 4);
        }
        System.arraycopy(REDACTED, 0, out, at + lengthBytes, REDACTED.length);
        System.arraycopy(turn, after, out, at + lengthBytes + REDACTED.length, turn.length - after);
        System.arraycopy(BigEndian.int32(out.length - 4), 0, out, 0, 4);
        return out;
    }

    /** True when the {@code auth_bytes} whose length begins at {@code at} are {@value Redacted#VALUE}. */
    static boolean isRedacted(byte[] turn, int at) {
        int lengthBytes = compact(turn) ? 1 : 4;
        int length = compact(turn) ? turn[at] - 1 : BigEndian.int32(turn, at);
        if (length != REDACTED.length || at + lengthBytes + length > turn.length) {
            return false;
        }
        for (int i = 0; i < REDACTED.length; i++) {
            if (turn[at + lengthBytes + i] != REDACTED[i]) {
                return false;
            }
        }
        return true;
    }

    /** How many bytes the redacted {@code auth_bytes} take in a recorded turn, their length included. */
    static int redactedLength(byte[] turn) {
        return (compact(turn) ? 1 : 4) + REDACTED.length;
    }
}
