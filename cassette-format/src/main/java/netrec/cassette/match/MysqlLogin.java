package netrec.cassette.match;

import java.nio.charset.StandardCharsets;
import netrec.cassette.Redacted;

/**
 * The authentication response in a MySQL or MariaDB client's handshake response ({@code HandshakeResponse41} of the
 * client/server protocol): the hash of the password and the server's scramble ({@code mysql_native_password},
 * {@code caching_sha2_password}'s fast path), which with the scramble recorded beside it would let anyone holding
 * the cassette try passwords offline. The recorder writes it as {@value Redacted#VALUE} ({@link #redacted}); replay
 * matches any response there, and any packet length, so that a client logs in with any password.
 *
 * <p>The packet: a 3-byte little-endian length and a sequence number (1), then the capability flags (4 bytes, little
 * endian, {@code CLIENT_PROTOCOL_41} among them), the largest packet (4), the character set (1), 23 zero bytes (of
 * which a MariaDB client fills the last 4 with its own capabilities), the user name ending in a zero byte, then the
 * response's length (one byte, with {@code CLIENT_SECURE_CONNECTION} or {@code CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA};
 * a length under 251 is one byte in both) and the response.
 */
public final class MysqlLogin {
    private static final int PROTOCOL_41 = 0x200;
    private static final int SECURE_CONNECTION = 0x8000;
    private static final int LENGTH_ENCODED_RESPONSE = 0x200000;
    private static final int FILLER_AT = 4 + 9;
    private static final int USER_AT = FILLER_AT + 23;
    /** The filler's last bytes, in which a MariaDB client says its own capabilities to a MariaDB server. */
    private static final int MARIADB_CAPABILITIES = 4;
    private static final byte[] REDACTED = Redacted.VALUE.getBytes(StandardCharsets.US_ASCII);

    private MysqlLogin() {
    }

    /**
     * True when {@code serverTurn} is a MySQL or MariaDB server's greeting ({@code HandshakeV10}): a packet of
     * sequence number 0 whose first byte is the protocol version, 10. Its scramble is what the client's login
     * answers.
     */
    public static boolean isGreeting(byte[] serverTurn) {
        return serverTurn.length > 5 && (serverTurn[0] & 0xff | (serverTurn[1] & 0xff) << 8
                | (serverTurn[2] & 0xff) << 16) == serverTurn.length - 4 && serverTurn[3] == 0 && serverTurn[4] == 10;
    }

    /**
     * Where the authentication response's length byte is in {@code turn}, when the turn is one handshake response
     * packet with such a response; else -1.
     */
    public static int responseAt(byte[] turn) {
        if (turn.length < USER_AT + 2 || (turn[0] & 0xff | (turn[1] & 0xff) << 8 | (turn[2] & 0xff) << 16)
                != turn.length - 4 || turn[3] != 1) {
            return -1;
        }
        int capabilities = turn[4] & 0xff | (turn[5] & 0xff) << 8 | (turn[6] & 0xff) << 16 | (turn[7] & 0xff) << 24;
        if ((capabilities & PROTOCOL_41) == 0
                || (capabilities & (SECURE_CONNECTION | LENGTH_ENCODED_RESPONSE)) == 0) {
            return -1;
        }
        for (int i = FILLER_AT; i < USER_AT - MARIADB_CAPABILITIES; i++) {
            if (turn[i] != 0) {
                return -1;
            }
        }
        int at = USER_AT;
        while (at < turn.length && turn[at] != 0) {
            at++;
        }
        at++; // the user name's zero byte
        if (at >= turn.length || (turn[at] & 0xff) >= 251 || at + 1 + (turn[at] & 0xff) > turn.length) {
            return -1;
        }
        return at;
    }

    /**
     * {@code turn} with its authentication response written as {@value Redacted#VALUE}, the packet's length
     * following; {@code turn} itself when it is no handshake response, or its response is empty (no password).
     */
    public static byte[] redacted(byte[] turn) {
        int at = responseAt(turn);
        if (at < 0 || turn[at] == 0 || isRedacted(turn, at)) {
            return turn;
        }
        int length = turn[at] & 0xff;
        byte[] out = new byte[turn.length - length + REDACTED.length];
        System.arraycopy(turn, 0, out, 0, at);
        out[at] = (byte) REDACTED.length;
        System.arraycopy(REDACTED, 0, out, at + 1, REDACTED.length);
        System.arraycopy(turn, at + 1 + length, out, at + 1 + REDACTED.length, turn.length - at - 1 - length);
        int payload = out.length - 4;
        out[0] = (byte) payload;
        out[1] = (byte) (payload >>> 8);
        out[2] = (byte) (payload >>> 16);
        return out;
    }

    /** True when the response whose length byte is at {@code at} is {@value Redacted#VALUE}. */
    static boolean isRedacted(byte[] turn, int at) {
        if ((turn[at] & 0xff) != REDACTED.length) {
            return false;
        }
        for (int i = 0; i < REDACTED.length; i++) {
            if (turn[at + 1 + i] != REDACTED[i]) {
                return false;
            }
        }
        return true;
    }

    /** How many bytes the redacted response takes in a recorded turn, its length byte included. */
    static int redactedLength() {
        return 1 + REDACTED.length;
    }
}
