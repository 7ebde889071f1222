package netrec.cassette.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SaslAuthenticate requests as Kafka's clients send them: version 2 (flexible) from Kafka 2.x on, 1 before. */
class KafkaSaslLoginTest {
    @Test
    void aPlainLoginsCredentialsAreTakenOutAndAnyOthersMatchThem() {
        for (int version : new int[] {1, 2}) {
            byte[] recorded = KafkaSaslLogin.redacted(authenticate(version, "\0alice\0alice-secret"));
            String text = new String(recorded, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("alice"), text);
            assertTrue(text.contains("<redacted by netrec>"), text);
            assertEquals(recorded.length - 4, BigEndian.int32(recorded, 0), "the size follows");

            TurnMatch turn = new TurnMatch(recorded, 3, List.of(), List.of());
            for (String credentials : List.of("\0alice\0another, much longer password", "\0bob\0x", "")) {
                byte[] sent = authenticate(version, credentials);
                assertEquals(TurnMatch.State.MATCHED, turn.compare(sent, sent.length), version + " " + credentials);
                assertEquals(sent.length, turn.length());
            }
            byte[] otherClient = authenticate(version, "\0alice\0alice-secret", "other-client");
            assertEquals(TurnMatch.State.DIVERGED, turn.compare(otherClient, otherClient.length));
        }
    }

    @Test
    void credentialsOfAnyLengthAreTakenOutAndMatched() {
        String scramFinal = "c=biws,r=" + "n".repeat(120) + ",p=" + "P".repeat(88); // SCRAM-SHA-512's: over 127 bytes
        for (int version : new int[] {1, 2}) {
            byte[] recorded = KafkaSaslLogin.redacted(authenticate(version, scramFinal));
            String text = new String(recorded, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("c=biws"), text);
            assertEquals(recorded.length - 4, BigEndian.int32(recorded, 0), "the size follows");
            TurnMatch turn = new TurnMatch(recorded, 3, List.of(), List.of());
            for (String credentials : List.of(scramFinal, "x".repeat(20_000), "\0bob\0x")) {
                byte[] sent = authenticate(version, credentials);
                assertEquals(TurnMatch.State.MATCHED, turn.compare(sent, sent.length), version + " " + sent.length);
                assertEquals(sent.length, turn.length());
                assertEquals(TurnMatch.State.NEED_MORE, turn.compare(sent, sent.length - 2), "cut short");
            }
        }
    }

    @Test
    void otherRequestsAreKeptAsTheyAre() {
        byte[] handshake = request(17, 1, "PLAIN".getBytes(StandardCharsets.US_ASCII), "netrec-admin", false);
        assertSame(handshake, KafkaSaslLogin.redacted(handshake));
        byte[] cut = java.util.Arrays.copyOf(authenticate(2, "\0a\0b"), 20);
        assertSame(cut, KafkaSaslLogin.redacted(cut));
    }

    private static byte[] authenticate(int version, String credentials) {
        return authenticate(version, credentials, "netrec-admin");
    }

    private static byte[] authenticate(int version, String credentials, String clientId) {
        byte[] bytes = credentials.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (version >= 2) {
            for (int rest = bytes.length + 1; ; rest >>>= 7) { // an unsigned varint of the length + 1
                if (rest < 0x80) {
                    body.write(rest);
                    break;
                }
                body.write(rest & 0x7f | 0x80);
            }
            body.writeBytes(bytes);
            body.write(0); // tagged fields
        } else {
            body.writeBytes(BigEndian.int32(bytes.length));
            body.writeBytes(bytes);
        }
        return request(36, version, body.toByteArray(), clientId, version >= 2);
    }

    private static byte[] request(int apiKey, int version, byte[] body, String clientId, boolean flexible) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        byte[] id = clientId.getBytes(StandardCharsets.US_ASCII);
        int size = 8 + 2 + id.length + (flexible ? 1 : 0) + body.length;
        request.writeBytes(BigEndian.int32(size));
        request.writeBytes(new byte[] {0, (byte) apiKey, 0, (byte) version, 0, 0, 0, 4, 0, (byte) id.length});
        request.writeBytes(id);
        if (flexible) {
            request.write(0);
        }
        request.writeBytes(body);
        return request.toByteArray();
    }
}
