package netrec.cassette.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handshake responses laid out as MariaDB's Connector/J 3.5 sends them. */
class MysqlLoginTest {
    /** PROTOCOL_41, SECURE_CONNECTION, CONNECT_WITH_DB, PLUGIN_AUTH, CONNECT_ATTRS. */
    private static final int CAPABILITIES = 0x200 | 0x8000 | 0x8 | 0x80000 | 0x100000;

    @Test
    void theResponseIsTakenOutAndThePacketLengthFollows() {
        byte[] recorded = handshake("netrec", filled(32, 7));
        byte[] redacted = MysqlLogin.redacted(recorded);
        assertEquals(recorded.length - 32 + 20, redacted.length);
        assertEquals(redacted.length - 4, redacted[0] & 0xff);
        assertArrayEquals(handshake("netrec", "<redacted by netrec>".getBytes(StandardCharsets.US_ASCII)), redacted);
        assertSame(redacted, MysqlLogin.redacted(redacted), "already redacted");
    }

    @Test
    void aRedactedResponseMatchesAnyResponseOfAnyLengthAndNothingElse() {
        TurnMatch turn = new TurnMatch(MysqlLogin.redacted(handshake("netrec", filled(20, 1))), 1, List.of(),
                List.of());
        for (byte[] response : List.of(filled(20, 9), filled(32, 3), filled(1, 0))) {
            byte[] sent = handshake("netrec", response);
            assertEquals(TurnMatch.State.MATCHED, turn.compare(sent, sent.length), response.length + " bytes");
            assertEquals(sent.length, turn.length());
        }
        byte[] otherUser = handshake("root", filled(20, 9));
        assertEquals(TurnMatch.State.DIVERGED, turn.compare(otherUser, otherUser.length));
        byte[] otherDatabase = handshake("netrec", filled(20, 9), "latest");
        assertEquals(TurnMatch.State.DIVERGED, turn.compare(otherDatabase, otherDatabase.length),
                "the response is as long as its length byte says, not more: the database that follows still counts");
        byte[] arriving = Arrays.copyOf(handshake("netrec", filled(20, 9)), 50);
        assertEquals(TurnMatch.State.NEED_MORE, turn.compare(arriving, arriving.length));
    }

    @Test
    void otherPacketsAndAnEmptyResponseAreKeptAsTheyAre() {
        byte[] noPassword = handshake("netrec", new byte[0]);
        byte[] query = packet(0, "\u0003SELECT 1".getBytes(StandardCharsets.US_ASCII));
        byte[] resp = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
        for (byte[] turn : List.of(noPassword, query, resp, new byte[0])) {
            assertSame(turn, MysqlLogin.redacted(turn));
        }
    }

    @Test
    void aServersGreetingIsKnownAndNothingElse() {
        byte[] greeting = packet(0, ("\n10.11.14-MariaDB\0" + "\u0001\0\0\0" + "scramble").getBytes(
                StandardCharsets.ISO_8859_1));
        assertTrue(MysqlLogin.isGreeting(greeting));
        assertFalse(MysqlLogin.isGreeting(handshake("netrec", filled(20, 7))), "the client's handshake response");
        assertFalse(MysqlLogin.isGreeting(Arrays.copyOf(greeting, greeting.length - 1)), "cut short");
        assertFalse(MysqlLogin.isGreeting("220 smtp ready\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] handshake(String user, byte[] response) {
        return handshake(user, response, "netrec");
    }

    private static byte[] handshake(String user, byte[] response, String database) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(new byte[] {(byte) CAPABILITIES, (byte) (CAPABILITIES >>> 8), (byte) (CAPABILITIES >>> 16),
            (byte) (CAPABILITIES >>> 24)});
        payload.writeBytes(new byte[] {0, 0, 0, 64, 45});
        payload.writeBytes(new byte[19]);
        payload.writeBytes(new byte[] {12, 0, 0, 0}); // MariaDB's own capabilities, as its client sends them
        payload.writeBytes((user + "\0").getBytes(StandardCharsets.US_ASCII));
        payload.write(response.length);
        payload.writeBytes(response);
        payload.writeBytes((database + "\0mysql_native_password\0").getBytes(StandardCharsets.US_ASCII));
        payload.writeBytes("\u000c\u0005_name\u0005maria".getBytes(StandardCharsets.US_ASCII));
        return packet(1, payload.toByteArray());
    }

    private static byte[] packet(int sequence, byte[] payload) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.writeBytes(new byte[] {(byte) payload.length, (byte) (payload.length >>> 8),
            (byte) (payload.length >>> 16), (byte) sequence});
        packet.writeBytes(payload);
        return packet.toByteArray();
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
