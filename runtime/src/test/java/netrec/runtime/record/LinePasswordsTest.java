package netrec.runtime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import netrec.cassette.Message;
import org.junit.jupiter.api.Test;

class LinePasswordsTest {
    @Test
    void ftpsPasswordIsTakenOutAndItsUserKept() {
        assertEquals(List.of("220 ready\r\n", "USER ada\r\n", "331 password?\r\n", "PASS <redacted by netrec>\r\n",
                "230 in\r\n"), out("220 ready\r\n", "USER ada\r\n", "331 password?\r\n", "PASS hunter2\r\n",
                "230 in\r\n"));
    }

    @Test
    void smtpAuthPlainKeepsItsMechanismAndLosesItsCredentials() {
        assertEquals(List.of("AUTH PLAIN <redacted by netrec>\r\n", "235 ok\r\n", "MAIL FROM:<a@b>\r\n"),
                out(null, "AUTH PLAIN AGFkYQBodW50ZXIy\r\n", "235 ok\r\n", "MAIL FROM:<a@b>\r\n"));
    }

    @Test
    void smtpAuthLoginLosesEveryAnswerToAChallenge() {
        assertEquals(List.of("250-x\r\n250 AUTH LOGIN\r\n", "AUTH LOGIN\r\n", "334 VXNlcm5hbWU6\r\n",
                "<redacted by netrec>\r\n", "334 UGFzc3dvcmQ6\r\n", "<redacted by netrec>\r\n", "235 ok\r\n",
                "QUIT\r\n"), out("250-x\r\n250 AUTH LOGIN\r\n", "AUTH LOGIN\r\n", "334 VXNlcm5hbWU6\r\n",
                "YWRh\r\n", "334 UGFzc3dvcmQ6\r\n", "aHVudGVyMg==\r\n", "235 ok\r\n", "QUIT\r\n"));
    }

    @Test
    void imapsLoginAndAuthenticateAndPop3sApopAndPlusChallengesLoseTheirSecrets() {
        assertEquals(List.of("a1 LOGIN <redacted by netrec>\r\n", "a1 OK\r\n",
                "a2 AUTHENTICATE PLAIN\r\n", "+ \r\n", "<redacted by netrec>\r\n", "a2 OK\r\n"),
                out(null, "a1 LOGIN ada \"hunter 2\"\r\n", "a1 OK\r\n", "a2 AUTHENTICATE PLAIN\r\n", "+ \r\n",
                        "AGFkYQBodW50ZXIy\r\n", "a2 OK\r\n"));
        assertEquals(List.of("APOP ada <redacted by netrec>\r\n", "+OK\r\n"),
                out(null, "APOP ada c4c9334bac560ecc979e58001b3e22fb\r\n", "+OK\r\n"));
    }

    @Test
    void redisInlineAuthLosesItsPasswordWithOrWithoutAUser() {
        assertEquals(List.of("AUTH <redacted by netrec>\r\n", "+OK\r\n", "GET a\r\n"),
                out(null, "AUTH hunter2\r\n", "+OK\r\n", "GET a\r\n"));
        assertEquals(List.of("AUTH ada <redacted by netrec>\r\n", "-WRONGPASS invalid username-password pair\r\n"),
                out(null, "AUTH ada hunter2\r\n", "-WRONGPASS invalid username-password pair\r\n"));
        assertEquals(List.of("AUTH <redacted by netrec>\r\n"), out(null, "AUTH hunter2\r\n"),
                "answered by no recorded turn: the client closed first");
        List<Message> smtp = conversation(null, "AUTH LOGIN\r\n", "334 VXNlcm5hbWU6\r\n");
        assertEquals("AUTH LOGIN\r\n", new String(LinePasswords.out(smtp).get(0).bytes(), StandardCharsets.US_ASCII),
                "an SMTP mechanism is not a password");
    }

    @Test
    void aMailOrAFileOrAConversationWithNoPasswordIsKeptAsItIs() {
        for (List<Message> kept : List.of(conversation(null, "DATA\r\n", "354 go\r\n",
                "PASS is not a password here\r\nbut a mail's text\r\n.\r\n"),
                conversation(null, "*2\r\n$4\r\nAUTH\r\n$7\r\nhunter2\r\n", "+OK\r\n"),
                conversation(null, "MAIL FROM:<a@b>\r\n", "334 odd\r\n", "RCPT TO:<c@d>\r\n"))) {
            assertSame(kept, LinePasswords.out(kept));
        }
    }

    /** The turns as kept, as text; {@code turns} alternate server and client, the server first (null: none). */
    private static List<String> out(String... turns) {
        return LinePasswords.out(conversation(turns)).stream()
                .map(message -> new String(message.bytes(), StandardCharsets.US_ASCII)).collect(Collectors.toList());
    }

    private static List<Message> conversation(String... turns) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < turns.length; i++) {
            if (turns[i] != null) {
                messages.add(Message.of(i % 2 == 0 ? Message.Side.SERVER : Message.Side.CLIENT, i,
                        Message.Kind.DATA, turns[i].getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return messages;
    }
}
