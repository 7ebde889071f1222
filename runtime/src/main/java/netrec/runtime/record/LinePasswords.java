package netrec.runtime.record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import netrec.cassette.Message;
import netrec.cassette.Redacted;

/**
 * Takes passwords out of line protocols' raw TCP conversations: FTP's and POP3's {@code PASS password}, POP3's {@code
 * APOP user digest}, SMTP's and POP3's {@code AUTH MECHANISM initial-response} and IMAP's {@code tag AUTHENTICATE
 * MECHANISM initial-response}, with each line the client sends to answer the server's challenges ({@code 334} or {@code
 * +}: {@code AUTH LOGIN}'s user name and password, {@code AUTH PLAIN}'s credentials sent after it), and IMAP's {@code
 * tag LOGIN user password}; and Redis's {@code AUTH [user] password} typed inline (RESP's is {@code RedisPasswords}').
 * Each is written as {@value Redacted#VALUE}, which replay matches with any value up to the
 * line's end. Only a client turn of one CRLF-ended line is looked at, so that a file sent on a data connection or a
 * mail's text is never changed.
 */
final class LinePasswords {
    private static final int LONGEST_LINE = 1024;
    private static final byte[] REDACTED = Redacted.VALUE.getBytes(StandardCharsets.US_ASCII);

    private LinePasswords() {
    }

    /** {@code messages} without the passwords of their lines; the same list when there are none. */
    static List<Message> out(List<Message> messages) {
        List<Message> kept = null;
        boolean authenticating = false;
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (message.from() != Message.Side.CLIENT || message.kind() != Message.Kind.DATA || message.isStored()) {
                continue;
            }
            String line = line(message.bytes());
            if (line == null) {
                authenticating = false;
                continue;
            }
            String command = line.toUpperCase(Locale.ROOT);
            // IMAP's commands come after a tag of the client's: "a1 LOGIN user password"
            int tag = line.indexOf(' ') + 1;
            String tagged = tag > 0 ? command.substring(tag) : "";
            int keep = -1;
            if (authenticating && challenged(messages, i)) {
                keep = 0; // an answer to the server's challenge: the whole line
            } else if (command.startsWith("PASS ")) {
                keep = "PASS ".length();
            } else if (command.startsWith("AUTH ") && afterWord(line, "AUTH ".length()) < 0
                    && answeredAsRedis(messages, i)) {
                keep = "AUTH ".length(); // Redis's inline AUTH password, typed as telnet types it
            } else if (command.startsWith("AUTH ") || command.startsWith("APOP ")) {
                keep = afterWord(line, "AUTH ".length()); // the mechanism (or Redis's user), APOP's user, stays
            } else if (tagged.startsWith("AUTHENTICATE ")) {
                keep = afterWord(line, tag + "AUTHENTICATE ".length());
            } else if (tagged.startsWith("LOGIN ")) {
                keep = tag + "LOGIN ".length(); // the user name and the password
            }
            authenticating = command.startsWith("AUTH ") || tagged.startsWith("AUTHENTICATE ")
                    || authenticating && keep == 0;
            if (keep >= 0) {
                if (kept == null) {
                    kept = new ArrayList<>(messages);
                }
                kept.set(i, Message.of(Message.Side.CLIENT, message.at(), Message.Kind.DATA, redacted(line, keep))
                        .withOrder(message.order()));
            }
        }
        return kept == null ? messages : kept;
    }

    /** The turn as one line without its CRLF, or null when it is not one short CRLF-ended line of text. */
    private static String line(byte[] turn) {
        int n = turn.length;
        if (n < 3 || n > LONGEST_LINE || turn[n - 2] != '\r' || turn[n - 1] != '\n') {
            return null;
        }
        for (int i = 0; i < n - 2; i++) {
            if (turn[i] < 0x20 || turn[i] > 0x7e) {
                return null;
            }
        }
        return new String(turn, 0, n - 2, StandardCharsets.US_ASCII);
    }

    /** Where what follows the word starting at {@code from} in {@code line} begins, or -1 with nothing after. */
    private static int afterWord(String line, int from) {
        int space = line.indexOf(' ', from);
        return space < 0 ? -1 : space + 1;
    }

    /**
     * True when the server's turn before the client's at {@code index} ends with a challenge: SMTP's {@code 334},
     * POP3's and IMAP's {@code +}.
     */
    private static boolean challenged(List<Message> messages, int index) {
        for (int i = index - 1; i >= 0; i--) {
            Message message = messages.get(i);
            if (message.from() == Message.Side.CLIENT) {
                return false;
            }
            if (message.kind() == Message.Kind.DATA && !message.isStored()) {
                String text = new String(message.bytes(), StandardCharsets.US_ASCII);
                int previous = text.lastIndexOf("\r\n", text.length() - 3);
                int lastLine = previous < 0 ? 0 : previous + 2;
                return text.endsWith("\r\n") && (text.startsWith("334", lastLine) || text.startsWith("+ ", lastLine)
                        || text.length() - lastLine == 3 && text.charAt(lastLine) == '+');
            }
        }
        return false;
    }

    /**
     * True when the server answered the client's turn at {@code index} as Redis answers {@code AUTH}: {@code +OK}, or
     * an error ({@code -WRONGPASS ...}), or its answer was not recorded (the client closed first: the word may be a
     * password); SMTP and POP3 answer an {@code AUTH} with a code or a challenge.
     */
    private static boolean answeredAsRedis(List<Message> messages, int index) {
        for (int i = index + 1; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (message.from() == Message.Side.CLIENT) {
                return false;
            }
            if (message.kind() == Message.Kind.DATA && !message.isStored()) {
                String text = new String(message.bytes(), StandardCharsets.US_ASCII);
                return text.equals("+OK\r\n") || text.startsWith("-") && text.endsWith("\r\n");
            }
        }
        return true;
    }

    private static byte[] redacted(String line, int keep) {
        byte[] head = line.substring(0, keep).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + REDACTED.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(REDACTED, 0, out, head.length, REDACTED.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }
}
