package netrec.runtime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Message;
import netrec.cassette.match.PostgresLogin;
import org.junit.jupiter.api.Test;

class PostgresPasswordsTest {
    /** A startup message of protocol 3.0 with no parameters, then PostgreSQL's messages as text, lengths included. */
    private static final String STARTUP = "\0\0\0\u0009\0\u0003\0\0\0";
    private static final String OK_AND_READY = "R\0\0\0\u0008\0\0\0\0Z\0\0\0\u0005I";

    @Test
    void scramsProofAndSignatureAreTakenOutAndItsLoginStillAnsweredAtOnce() {
        List<Message> recorded = conversation(STARTUP,
                "R\0\0\0\u0017\0\0\0\nSCRAM-SHA-256\0\0",
                "p\0\0\0\u0029SCRAM-SHA-256\0\0\0\0\u0013n,,n=,r=clientnonce",
                "R\0\0\0\u002d\0\0\0\u000br=clientnonceserver,s=c2FsdA==,i=4096",
                "p\0\0\0\u002dc=biws,r=clientnonceserver,p=PROOF4SECRET",
                "R\0\0\0\u001a\0\0\0\u000cv=SIGNATURE4SECRET" + OK_AND_READY,
                "Q\0\0\0\rSELECT 1\0");

        List<Message> kept = PostgresPasswords.out(recorded);

        String all = text(kept);
        assertFalse(all.contains("PROOF4SECRET") || all.contains("SIGNATURE4SECRET"), all);
        assertEquals("p\0\0\0\u0018<redacted by netrec>", text(kept.get(2)));
        assertEquals("p\0\0\0\u0018<redacted by netrec>", text(kept.get(4)));
        assertEquals("R\0\0\0\u001c\0\0\0\u000c<redacted by netrec>" + OK_AND_READY, text(kept.get(5)));
        assertEquals(text(recorded.get(3)), text(kept.get(3)), "the salt and nonces prove nothing alone");
        assertEquals(text(recorded.get(6)), text(kept.get(6)));
        assertEquals(OK_AND_READY, text(PostgresLogin.answeredAtOnce(kept).get(1)));
    }

    @Test
    void anMd5HashIsTakenOut() {
        List<Message> kept = PostgresPasswords.out(conversation(STARTUP, "R\0\0\0\u000c\0\0\0\u0005salt",
                "p\0\0\0\u0028md50123456789abcdef0123456789abcdef\0", OK_AND_READY));
        assertEquals("p\0\0\0\u0018<redacted by netrec>", text(kept.get(2)));
        assertTrue(text(kept.get(1)).endsWith("salt"));
    }

    @Test
    void aConversationWithNoLoginIsKeptAsItIs() {
        List<Message> trust = conversation(STARTUP, OK_AND_READY);
        assertSame(trust, PostgresPasswords.out(trust));
        List<Message> redis = conversation("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", "$-1\r\n");
        assertSame(redis, PostgresPasswords.out(redis));
    }

    private static List<Message> conversation(String... turns) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < turns.length; i++) {
            messages.add(Message.of(i % 2 == 0 ? Message.Side.CLIENT : Message.Side.SERVER, i, Message.Kind.DATA,
                    turns[i].getBytes(StandardCharsets.ISO_8859_1)));
        }
        return messages;
    }

    private static String text(List<Message> messages) {
        StringBuilder all = new StringBuilder();
        messages.forEach(message -> all.append(text(message)));
        return all.toString();
    }

    private static String text(Message message) {
        return new String(message.bytes(), StandardCharsets.ISO_8859_1);
    }
}
