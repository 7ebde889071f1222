package netrec.cassette.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Message;
import org.junit.jupiter.api.Test;

/** Conversations as PostgreSQL 15 and pgjdbc have them, built message by message after the protocol's chapter. */
public class PostgresLoginTest {
    static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};
    static final byte[] STARTUP = startup("user", "netrec", "database", "netrec");
    static final byte[] SASL_REQUEST = concat(authentication(10, "SCRAM-SHA-256\0\0"));
    static final byte[] SASL_INITIAL = message('p', "SCRAM-SHA-256\0\0\0\0 n,,n=,r=clientnonce123456789012");
    static final byte[] SASL_CONTINUE = authentication(11,
            "r=clientnonce123456789012servernonce,s=c2FsdHNhbHQ=,i=4096");
    static final byte[] SASL_RESPONSE = message('p', "c=biws,r=clientnonce123456789012servernonce,p=PROOFPROOF=");
    static final byte[] AFTER_LOGIN = concat(authentication(0, ""), message('S', "server_version\u000015.8\0"),
            message('K', "\0\0\0\u0007\0\0\0\u0008"), message('Z', "I"));
    static final byte[] SASL_FINAL_AND_OK = concat(authentication(12, "v=SIGNATURESIGNATURE="), AFTER_LOGIN);
    static final byte[] QUERY = message('Q', "SELECT 1\0");
    static final byte[] ROWS = concat(message('C', "SELECT 1\0"), message('Z', "I"));

    @Test
    void aScramLoginIsAnsweredAtOnceWithWhatFollowedItsOk() {
        List<Message> recorded = conversation(SSL_REQUEST, "N".getBytes(StandardCharsets.US_ASCII), STARTUP,
                SASL_REQUEST, SASL_INITIAL, SASL_CONTINUE, SASL_RESPONSE, SASL_FINAL_AND_OK, QUERY, ROWS);

        List<Message> answered = PostgresLogin.answeredAtOnce(recorded);

        assertEquals(recorded.subList(0, 3), answered.subList(0, 3));
        assertArrayEquals(AFTER_LOGIN, answered.get(3).bytes());
        assertEquals(Message.Side.SERVER, answered.get(3).from());
        assertEquals(recorded.subList(8, 10), answered.subList(4, 6));
        assertEquals(6, answered.size());
    }

    @Test
    void anMd5OrClearPasswordLoginIsAnsweredAtOnceToo() {
        byte[] md5Request = authentication(5, "salt");
        byte[] md5 = message('p', "md5" + "0123456789abcdef0123456789abcdef" + "\0");
        List<Message> answered = PostgresLogin.answeredAtOnce(conversation(STARTUP, md5Request, md5, AFTER_LOGIN,
                QUERY, ROWS));
        assertEquals(4, answered.size());
        assertArrayEquals(AFTER_LOGIN, answered.get(1).bytes());

        List<Message> clear = PostgresLogin.answeredAtOnce(conversation(STARTUP, authentication(3, ""),
                message('p', "secret\0"), AFTER_LOGIN));
        assertEquals(2, clear.size());
    }

    @Test
    void updateModeAsksForThePasswordInClearAndMatchesAnyPassword() {
        List<Message> recorded = conversation(SSL_REQUEST, "N".getBytes(StandardCharsets.US_ASCII), STARTUP,
                SASL_REQUEST, SASL_INITIAL, SASL_CONTINUE, SASL_RESPONSE, SASL_FINAL_AND_OK, QUERY, ROWS);

        List<Message> asked = PostgresLogin.passwordAskedInClear(recorded);

        assertEquals(recorded.subList(0, 3), asked.subList(0, 3));
        assertArrayEquals(authentication(3, ""), asked.get(3).bytes());
        assertTrue(PostgresLogin.isAskedPassword(asked.get(4)));
        assertArrayEquals(AFTER_LOGIN, asked.get(5).bytes());
        assertEquals(recorded.subList(8, 10), asked.subList(6, 8));
        TurnMatch anyPassword = new TurnMatch(asked.get(4).bytes(), 2, List.of(), List.of());
        for (String password : List.of("", "hunter2", "a much longer password than the placeholder's length")) {
            byte[] sent = message('p', password + "\0");
            assertEquals(TurnMatch.State.MATCHED, anyPassword.compare(sent, sent.length), password);
            assertEquals(password, PostgresLogin.clearPassword(sent));
        }
        byte[] query = message('Q', "SELECT 1\0");
        assertEquals(TurnMatch.State.DIVERGED, anyPassword.compare(query, query.length));
        assertNull(PostgresLogin.clearPassword(query));
        assertEquals("netrec", PostgresLogin.user(STARTUP));
    }

    @Test
    void whatTheServerSentBeforeItsRequestIsKept() {
        byte[] negotiate = message('v', "\0\0\0\0\0\0\0\0");
        List<Message> answered = PostgresLogin.answeredAtOnce(conversation(STARTUP, concat(negotiate,
                authentication(5, "salt")), message('p', "md5x\0"), AFTER_LOGIN));
        assertArrayEquals(concat(negotiate, AFTER_LOGIN), answered.get(1).bytes());
    }

    @Test
    void trustAFailedLoginAndOtherProtocolsAreReplayedAsRecorded() {
        List<List<Message>> asRecorded = List.of(
                conversation(STARTUP, AFTER_LOGIN, QUERY, ROWS),
                conversation(STARTUP, authentication(5, "salt"), message('p', "md5x\0"),
                        message('E', "SFATAL\0C28P01\0Mpassword authentication failed\0\0")),
                conversation(SSL_REQUEST, "S".getBytes(StandardCharsets.US_ASCII), new byte[] {0x16, 3, 1, 0, 5, 1}),
                conversation("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII),
                        "+PONG\r\n".getBytes(StandardCharsets.US_ASCII)),
                conversation(STARTUP, authentication(5, "salt"), message('p', "md5x\0")),
                conversation(STARTUP, new byte[] {'R', 0, 0}));
        for (List<Message> recorded : asRecorded) {
            assertSame(recorded, PostgresLogin.answeredAtOnce(recorded), recorded.toString());
        }
    }

    @Test
    void theExchangeRunsFromAfterTheRequestToTheOk() {
        PostgresLogin login = PostgresLogin.in(conversation(STARTUP, SASL_REQUEST, SASL_INITIAL, SASL_CONTINUE,
                SASL_RESPONSE, SASL_FINAL_AND_OK, QUERY));
        assertNotNull(login);
        boolean[] carries = new boolean[7];
        for (int i = 0; i < carries.length; i++) {
            carries[i] = login.mayCarryExchange(i);
        }
        assertArrayEquals(new boolean[] {false, false, true, true, true, true, false}, carries);
        assertNull(PostgresLogin.in(conversation(STARTUP, AFTER_LOGIN)));
    }

    /** Messages that alternate between the client and the server, the client first, a millisecond apart. */
    public static List<Message> conversation(byte[]... turns) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < turns.length; i++) {
            messages.add(Message.of(i % 2 == 0 ? Message.Side.CLIENT : Message.Side.SERVER, i, Message.Kind.DATA,
                    turns[i]));
        }
        return messages;
    }

    static byte[] startup(String... parameters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 3, 0, 0});
        for (String parameter : parameters) {
            body.writeBytes((parameter + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        body.write(0);
        return concat(int32(body.size() + 4), body.toByteArray());
    }

    static byte[] authentication(int code, String rest) {
        return message('R', new String(int32(code), StandardCharsets.ISO_8859_1) + rest);
    }

    static byte[] message(char type, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
        return concat(new byte[] {(byte) type}, int32(bytes.length + 4), bytes);
    }

    static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
