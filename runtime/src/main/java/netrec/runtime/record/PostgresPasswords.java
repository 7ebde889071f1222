package netrec.runtime.record;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Message;
import netrec.cassette.Redacted;
import netrec.cassette.match.BigEndian;
import netrec.cassette.match.PostgresLogin;

/**
 * Takes what a PostgreSQL login proves out of a raw TCP conversation ({@link PostgresLogin}): every message the
 * client sends between the server's request and its {@code AuthenticationOk} (a password in clear, an md5 hash,
 * SCRAM's first and final messages with the proof), and the server's SASL final step (SCRAM's signature), each
 * written with {@value Redacted#VALUE} as its whole content. With the server's salt or nonce beside them, each of
 * these would let anyone holding the cassette try passwords offline. Replay needs none of them: it answers the login
 * at once, as a server set to {@code trust} does (update mode asks for the password in clear, never recorded).
 */
final class PostgresPasswords {
    private static final byte[] REDACTED = Redacted.VALUE.getBytes(StandardCharsets.US_ASCII);
    private static final int SASL_FINAL = 12;

    private PostgresPasswords() {
    }

    /** {@code messages} without their login's passwords and proofs; the same list when there are none. */
    static List<Message> out(List<Message> messages) {
        PostgresLogin login = PostgresLogin.in(messages);
        if (login == null) {
            return messages;
        }
        List<Message> kept = new ArrayList<>(messages);
        for (int i = 0; i < messages.size(); i++) {
            if (login.mayCarryExchange(i)) {
                Message message = messages.get(i);
                byte[] out = out(message.bytes(), message.from() == Message.Side.CLIENT);
                kept.set(i, Message.of(message.from(), message.at(), message.kind(), out).withOrder(message.order()));
            }
        }
        return kept;
    }

    /**
     * {@code bytes}, whole messages, with the content of each of the client's ({@code fromClient}) and of each SASL
     * final step of the server's written as {@value Redacted#VALUE}; a client's bytes that are not whole messages
     * are all taken out.
     */
    private static byte[] out(byte[] bytes, boolean fromClient) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(bytes.length);
        for (int at = 0; at < bytes.length; ) {
            int end = PostgresLogin.messageEnd(bytes, at);
            if (end < 0) {
                if (fromClient) {
                    kept.writeBytes(REDACTED);
                } else {
                    kept.write(bytes, at, bytes.length - at);
                }
                break;
            }
            if (fromClient) {
                kept.write(bytes[at]);
                kept.writeBytes(BigEndian.int32(4 + REDACTED.length));
                kept.writeBytes(REDACTED);
            } else if (PostgresLogin.saslFinal(bytes, at)) {
                kept.write(bytes[at]);
                kept.writeBytes(BigEndian.int32(8 + REDACTED.length));
                kept.writeBytes(BigEndian.int32(SASL_FINAL));
                kept.writeBytes(REDACTED);
            } else {
                kept.write(bytes, at, end - at);
            }
            at = end;
        }
        return kept.toByteArray();
    }
}
