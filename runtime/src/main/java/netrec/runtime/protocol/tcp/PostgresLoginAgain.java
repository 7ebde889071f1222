package netrec.runtime.protocol.tcp;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import netrec.cassette.match.BigEndian;
import netrec.cassette.match.PostgresLogin;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Update mode's PostgreSQL login to the real server, for a conversation that goes on there: replay asked the client
 * for its password in clear ({@link PostgresLogin#passwordAskedInClear}), and netrec now logs in with it as the
 * server asks: in clear, with md5, or with SCRAM-SHA-256 (RFC 5802, RFC 7677; the server's signature is checked). The
 * password is held only for this; what netrec sends is recorded, and the recorder takes the login's secrets out of
 * it as it does a client's ({@code PostgresPasswords}).
 */
final class PostgresLoginAgain {
    private static final int OK = 0;
    private static final int CLEARTEXT = 3;
    private static final int MD5 = 5;
    private static final int SASL = 10;
    private static final int SASL_CONTINUE = 11;
    private static final int SASL_FINAL = 12;
    private static final String SCRAM = "SCRAM-SHA-256";

    private final DataInputStream in;
    private final OutputStream out;
    /** What passed, in order: a message of netrec's, then the server's answer to it, and so on. */
    private final List<byte[]> steps = new ArrayList<>();

    private PostgresLoginAgain(InputStream in, OutputStream out) {
        this.in = new DataInputStream(in);
        this.out = out;
    }

    /**
     * Logs in with {@code password} as the server's answer {@code asked} to {@code startup} asks, up to the server's
     * {@code ReadyForQuery}; returns what passed, netrec's messages and the server's answers in turn.
     */
    static List<byte[]> logIn(InputStream in, OutputStream out, byte[] startup, byte[] asked, String password)
            throws IOException {
        PostgresLoginAgain login = new PostgresLoginAgain(in, out);
        int code = BigEndian.int32(asked, 5);
        try {
            if (code == CLEARTEXT) {
                login.send(password(password.getBytes(StandardCharsets.UTF_8)));
            } else if (code == MD5) {
                String user = PostgresLogin.user(startup);
                String inner = DigestUtils.md5Hex((password + user).getBytes(StandardCharsets.UTF_8));
                byte[] salted = concat(inner.getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(asked, 9, 13));
                login.send(password(("md5" + DigestUtils.md5Hex(salted)).getBytes(StandardCharsets.US_ASCII)));
            } else if (code == SASL && new String(asked, 9, asked.length - 9, StandardCharsets.US_ASCII)
                    .contains(SCRAM + "\0")) {
                login.scram(password);
            } else {
                throw new IOException("PostgreSQL asks for a login netrec cannot make (authentication request " + code
                        + ")");
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("this JVM cannot compute PostgreSQL's login (" + e.getMessage() + ")", e);
        }
        return login.steps;
    }

    private void scram(String password) throws IOException, GeneralSecurityException {
        byte[] nonce = new byte[18];
        new SecureRandom().nextBytes(nonce);
        String clientFirstBare = "n=,r=" + Base64.getEncoder().encodeToString(nonce);
        byte[] clientFirst = ("n,," + clientFirstBare).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream initial = new ByteArrayOutputStream();
        initial.writeBytes((SCRAM + "\0").getBytes(StandardCharsets.US_ASCII));
        initial.writeBytes(BigEndian.int32(clientFirst.length));
        initial.writeBytes(clientFirst);
        String serverFirst = new String(sasl(send(message('p', initial.toByteArray())), SASL_CONTINUE),
                StandardCharsets.US_ASCII);
        String serverNonce = attribute(serverFirst, "r");
        if (!serverNonce.startsWith(clientFirstBare.substring(5))) {
            throw new IOException("PostgreSQL's SCRAM nonce does not begin with netrec's");
        }
        byte[] salt = Base64.getDecoder().decode(attribute(serverFirst, "s"));
        int iterations = Integer.parseInt(attribute(serverFirst, "i"));
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        String withoutProof = "c=biws,r=" + serverNonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = hmac(MessageDigest.getInstance("SHA-256").digest(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        String clientFinal = withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        String serverFinal = new String(sasl(send(message('p', clientFinal.getBytes(StandardCharsets.US_ASCII))),
                SASL_FINAL), StandardCharsets.US_ASCII);
        String expected = Base64.getEncoder().encodeToString(hmac(hmac(salted, "Server Key"), authMessage));
        if (!attribute(serverFinal, "v").equals(expected)) {
            throw new IOException("PostgreSQL's SCRAM signature is not the one its password gives");
        }
    }

    /**
     * Sends {@code message}, and reads the server's answer: up to its next request, or to ReadyForQuery (through
     * SCRAM's final step and {@code AuthenticationOk}).
     */
    private byte[] send(byte[] message) throws IOException {
        out.write(message);
        out.flush();
        steps.add(message);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        while (true) {
            byte type = in.readByte();
            int length = in.readInt();
            if (length < 4 || length > 1 << 20) {
                throw new IOException("PostgreSQL's answer to the login cannot be read");
            }
            byte[] body = new byte[length - 4];
            in.readFully(body);
            answer.write(type);
            answer.writeBytes(BigEndian.int32(length));
            answer.writeBytes(body);
            if (type == 'E') {
                throw new IOException("PostgreSQL refused the login: " + new String(body, StandardCharsets.UTF_8)
                        .replace('\0', ' ').trim());
            }
            int code = type == 'R' && body.length >= 4 ? BigEndian.int32(body, 0) : -1;
            if (type == 'Z' || code > OK && code != SASL_FINAL) {
                byte[] whole = answer.toByteArray();
                steps.add(whole);
                return whole;
            }
        }
    }

    /** The data of the SASL step {@code code} that begins {@code answer}. */
    private static byte[] sasl(byte[] answer, int code) throws IOException {
        int end = PostgresLogin.messageEnd(answer, 0);
        if (end < 9 || answer[0] != 'R' || BigEndian.int32(answer, 5) != code) {
            throw new IOException("PostgreSQL did not go on with SCRAM as expected");
        }
        return Arrays.copyOfRange(answer, 9, end);
    }

    private static String attribute(String message, String name) throws IOException {
        for (String part : message.split(",")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IOException("PostgreSQL's SCRAM message has no '" + name + "'");
    }

    private static byte[] password(byte[] value) {
        return message('p', concat(value, new byte[1]));
    }

    private static byte[] message(char type, byte[] body) {
        byte[] message = new byte[5 + body.length];
        message[0] = (byte) type;
        System.arraycopy(BigEndian.int32(4 + body.length), 0, message, 1, 4);
        System.arraycopy(body, 0, message, 5, body.length);
        return message;
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
