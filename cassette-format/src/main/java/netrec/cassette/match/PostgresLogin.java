package netrec.cassette.match;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import netrec.cassette.Message;
import netrec.cassette.Redacted;

/**
 * The login of a recorded PostgreSQL conversation: where the server asked for a password (in clear, md5, or the
 * SASL exchange of SCRAM-SHA-256, PostgreSQL's default since version 14) and where it said
 * {@code AuthenticationOk}. Replay answers a login as a server set to {@code trust} does: {@code AuthenticationOk}
 * straight after the client's startup message, then what the server sent after it when recorded
 * ({@link #answeredAtOnce}; update mode asks for the password in clear instead, {@link #passwordAskedInClear}).
 * So the client sends no password at all, and no password, SCRAM nonce or proof is needed
 * to replay: the cassette keeps none ({@code PostgresPasswords} takes them out as it is recorded). A client set to
 * insist that the server prove it knows the password (libpq's {@code require_auth}, pgjdbc's
 * {@code channelBinding=require}) refuses such a login, as it would refuse a real server set to {@code trust}.
 *
 * <p>The protocol (PostgreSQL's "Frontend/Backend Protocol", version 3): the client's startup message has no type
 * byte (an int32 length, then the version 3.x), possibly after an {@code SSLRequest} or {@code GSSENCRequest} the
 * server refused with {@code N}; every other message is a type byte and an int32 length that counts itself. The
 * server's {@code R} messages carry an int32 code: 0 for {@code AuthenticationOk}, 3 (password), 5 (md5) or 10
 * (SASL) for a request, 11 and 12 for SASL's continue and final steps.
 */
public final class PostgresLogin {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CLEARTEXT_PASSWORD = 3;
    private static final int SASL_CONTINUE = 11;
    /**
     * The password message update mode awaits: {@code p}, a length, and {@link Redacted#VALUE} ended by a NUL, which
     * matches any password ({@code TurnMatch}).
     */
    private static final byte[] ASKED_PASSWORD = askedPassword();
    private static final int SASL_FINAL = 12;

    /** The index of the server message holding the request for a password, and where in it that request begins. */
    private final int requestMessage;
    private final int requestAt;
    /** The index of the server message holding {@code AuthenticationOk}, and where in it that begins. */
    private final int okMessage;
    private final int okAt;

    private PostgresLogin(int requestMessage, int requestAt, int okMessage, int okAt) {
        this.requestMessage = requestMessage;
        this.requestAt = requestAt;
        this.okMessage = okMessage;
        this.okAt = okAt;
    }

    /**
     * The login of {@code messages}, a raw TCP conversation's: null when it is not PostgreSQL's, asked no password,
     * failed, or cannot be read (TLS was started, a message is in a body file).
     */
    public static PostgresLogin in(List<Message> messages) {
        int startup = startup(messages);
        if (startup < 0) {
            return null;
        }
        int requestMessage = -1;
        int requestAt = -1;
        for (int i = startup + 1; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (message.from() == Message.Side.CLIENT) {
                if (requestMessage < 0) {
                    return null; // the client spoke before the server asked anything: not a login netrec knows
                }
                continue;
            }
            if (message.kind() != Message.Kind.DATA || message.isStored()) {
                return null;
            }
            byte[] bytes = message.bytes();
            for (int at = 0; at < bytes.length; at = messageEnd(bytes, at)) {
                if (messageEnd(bytes, at) < 0) {
                    return null; // not PostgreSQL's messages, or cut
                }
                if (bytes[at] == 'E') {
                    return null; // the login failed: replayed as it was
                }
                int code = bytes[at] == 'R' && messageEnd(bytes, at) - at >= 9 ? BigEndian.int32(bytes, at + 5) : -1;
                if (code == 0) {
                    return requestMessage < 0 ? null : new PostgresLogin(requestMessage, requestAt, i, at);
                }
                if (code > 0 && code != SASL_CONTINUE && code != SASL_FINAL && requestMessage < 0) {
                    requestMessage = i;
                    requestAt = at;
                }
            }
        }
        return null;
    }

    /**
     * {@code messages} with their login answered at once: the client's startup message answered with
     * {@code AuthenticationOk} and what followed it when recorded; the request for a password, and the client's
     * and server's messages of the exchange, left out. {@code messages} itself when it holds no such login.
     */
    public static List<Message> answeredAtOnce(List<Message> messages) {
        PostgresLogin login = in(messages);
        if (login == null) {
            return messages;
        }
        List<Message> answered = new ArrayList<>(messages.subList(0, login.requestMessage));
        byte[] request = messages.get(login.requestMessage).bytes();
        Message ok = messages.get(login.okMessage);
        byte[] okBytes = ok.bytes();
        byte[] joined = new byte[login.requestAt + okBytes.length - login.okAt];
        System.arraycopy(request, 0, joined, 0, login.requestAt);
        System.arraycopy(okBytes, login.okAt, joined, login.requestAt, okBytes.length - login.okAt);
        answered.add(Message.of(Message.Side.SERVER, ok.at(), Message.Kind.DATA, joined).withOrder(ok.order()));
        answered.addAll(messages.subList(login.okMessage + 1, messages.size()));
        return answered;
    }

    /**
     * {@code messages} with their login answered as update mode answers it: the client's startup message answered
     * with a request for its password in clear ({@code AuthenticationCleartextPassword}), the client's password
     * message (matched as any password: {@link #ASKED_PASSWORD}), then {@code AuthenticationOk} and what followed it
     * when recorded. Update mode keeps the password the client sends so, to log in to the real server again when a
     * conversation goes on there ({@code PostgresLoginAgain}); it is never recorded. {@code messages} itself when
     * it holds no such login.
     */
    public static List<Message> passwordAskedInClear(List<Message> messages) {
        PostgresLogin login = in(messages);
        if (login == null) {
            return messages;
        }
        List<Message> asked = new ArrayList<>(messages.subList(0, login.requestMessage));
        Message request = messages.get(login.requestMessage);
        byte[] requestBytes = request.bytes();
        byte[] cleartext = Arrays.copyOf(requestBytes, login.requestAt + 9);
        cleartext[login.requestAt] = 'R';
        System.arraycopy(BigEndian.int32(8), 0, cleartext, login.requestAt + 1, 4);
        System.arraycopy(BigEndian.int32(CLEARTEXT_PASSWORD), 0, cleartext, login.requestAt + 5, 4);
        asked.add(Message.of(Message.Side.SERVER, request.at(), Message.Kind.DATA, cleartext));
        Message ok = messages.get(login.okMessage);
        asked.add(Message.of(Message.Side.CLIENT, request.at(), Message.Kind.DATA, ASKED_PASSWORD.clone())
                .withOrder(messages.get(login.requestMessage + 1).order()));
        byte[] okBytes = ok.bytes();
        asked.add(Message.of(Message.Side.SERVER, ok.at(), Message.Kind.DATA,
                Arrays.copyOfRange(okBytes, login.okAt, okBytes.length)).withOrder(ok.order()));
        asked.addAll(messages.subList(login.okMessage + 1, messages.size()));
        return asked;
    }

    /** True when {@code clientTurn} is a startup message and {@code serverAnswer} logs it in on trust. */
    public static boolean loggedIn(byte[] clientTurn, byte[] serverAnswer) {
        return isStartup(clientTurn) && serverAnswer.length >= 9 && serverAnswer[0] == 'R'
                && BigEndian.int32(serverAnswer, 5) == 0;
    }

    private static boolean isStartup(byte[] turn) {
        return turn.length >= 8 && BigEndian.int32(turn, 0) == turn.length && turn[4] == 0 && turn[5] == 3;
    }

    /** True when {@code message} is the password message {@link #passwordAskedInClear} awaits. */
    public static boolean isAskedPassword(Message message) {
        return message.from() == Message.Side.CLIENT && message.kind() == Message.Kind.DATA && !message.isStored()
                && Arrays.equals(message.bytes(), ASKED_PASSWORD);
    }

    /** The password in {@code turn}, a client's password message ({@code p}, then the password and a NUL); or null. */
    public static String clearPassword(byte[] turn) {
        int end = messageEnd(turn, 0);
        if (turn.length == 0 || turn[0] != 'p' || end != turn.length || turn[end - 1] != 0) {
            return null;
        }
        return new String(turn, 5, end - 6, StandardCharsets.UTF_8);
    }

    /** The user a startup message logs in as, or empty. */
    public static String user(byte[] startup) {
        String[] fields = new String(startup, 8, Math.max(0, startup.length - 8),
                StandardCharsets.UTF_8).split("\0", -1);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i].equals("user")) {
                return fields[i + 1];
            }
        }
        return "";
    }

    /**
     * True when the message at {@code index} may carry the login's exchange: the client's passwords and proofs, the
     * server's SASL steps; from the one after the request to the one holding {@code AuthenticationOk}.
     */
    public boolean mayCarryExchange(int index) {
        return index > requestMessage && index <= okMessage;
    }

    /** True when the message at {@code at} in {@code bytes}, one of the server's, is SASL's final step. */
    public static boolean saslFinal(byte[] bytes, int at) {
        return bytes[at] == 'R' && messageEnd(bytes, at) - at >= 9 && BigEndian.int32(bytes, at + 5) == SASL_FINAL;
    }

    /**
     * The index of the client's startup message: the first client message, or the one after an {@code SSLRequest}
     * or {@code GSSENCRequest} the server refused; -1 when the conversation does not begin so.
     */
    private static int startup(List<Message> messages) {
        int i = 0;
        while (i + 2 < messages.size() && encryptionRequest(messages.get(i)) && refused(messages.get(i + 1))) {
            i += 2;
        }
        if (i >= messages.size()) {
            return -1;
        }
        Message first = messages.get(i);
        if (first.from() != Message.Side.CLIENT || first.kind() != Message.Kind.DATA || first.isStored()) {
            return -1;
        }
        byte[] bytes = first.bytes();
        // a length that is the whole message, then protocol version 3.x
        return bytes.length >= 8 && BigEndian.int32(bytes, 0) == bytes.length && bytes[4] == 0 && bytes[5] == 3 ? i
                : -1;
    }

    private static boolean encryptionRequest(Message message) {
        if (message.from() != Message.Side.CLIENT || message.kind() != Message.Kind.DATA || message.isStored()) {
            return false;
        }
        byte[] bytes = message.bytes();
        return bytes.length == 8 && BigEndian.int32(bytes, 0) == 8
                && (BigEndian.int32(bytes, 4) == SSL_REQUEST || BigEndian.int32(bytes, 4) == GSSENC_REQUEST);
    }

    private static boolean refused(Message message) {
        return message.from() == Message.Side.SERVER && message.kind() == Message.Kind.DATA && !message.isStored()
                && message.bytes().length == 1 && message.bytes()[0] == 'N';
    }

    /**
     * True when {@code clientTurn} is a startup message and {@code serverAnswer} asks for a password: a login that
     * replay answered at once ({@link #answeredAtOnce}) cannot be sent to the real server again, since the client
     * never sent the password.
     */
    public static boolean passwordAsked(byte[] clientTurn, byte[] serverAnswer) {
        return isStartup(clientTurn) && serverAnswer.length >= 9 && serverAnswer[0] == 'R'
                && BigEndian.int32(serverAnswer, 5) != 0 && BigEndian.int32(serverAnswer, 5) < SASL_CONTINUE;
    }

    private static byte[] askedPassword() {
        byte[] value = Redacted.VALUE.getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[6 + value.length];
        message[0] = 'p';
        System.arraycopy(BigEndian.int32(message.length - 1), 0, message, 1, 4);
        System.arraycopy(value, 0, message, 5, value.length);
        return message;
    }

    /** Where the message (type byte and length) at {@code at} ends, or -1 when it is not whole in {@code bytes}. */
    public static int messageEnd(byte[] bytes, int at) {
        if (at + 5 > bytes.length) {
            return -1;
        }
        long end = at + 1L + (BigEndian.int32(bytes, at + 1) & 0xffffffffL);
        return BigEndian.int32(bytes, at + 1) < 4 || end > bytes.length ? -1 : (int) end;
    }
}
