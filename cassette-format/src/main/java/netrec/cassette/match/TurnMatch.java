package netrec.cassette.match;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netrec.cassette.Redacted;

/**
 * Whether the bytes a client has sent so far are one recorded client turn: exactly, but for the parts the rules free
 * (byte ranges, and what a pattern matches in the recorded turn, which the bytes sent may fill with anything the
 * pattern matches) and the passwords the recorder took out (any password: a Redis one, {@link Redacted#BULK_STRING},
 * or a line protocol's, {@link Redacted#VALUE} before the line's CRLF; a MySQL login's, {@link MysqlLogin}), and
 * what a protocol netrec knows changes by itself from run to run ({@link KafkaRequests}). The bytes
 * sent may hold more than the turn (the next turn already, from a client that does not
 * wait); only the turn's share of them is taken.
 */
public final class TurnMatch {
    /** What a redacted RESP bulk string ({@link Redacted#BULK_STRING}) matches: any length, any value on one line. */
    private static final String ANY_BULK_STRING = "\\$[0-9]+\r\n[^\r\n]*";
    /** What a redacted value of a line ({@link Redacted#VALUE}, then CRLF: a line protocol's password) matches. */
    private static final String ANY_LINE_VALUE = "[^\r\n]*";
    /** What a MySQL handshake response's packet length and redacted authentication response match. */
    private static final String ANY_MYSQL_PACKET_LENGTH = "[\\x00-\\xff]{3}";
    private static final String ANY_MYSQL_RESPONSE = "[\\x00-\\xff]+?";
    /**
     * How the recorder wrote such values: the placeholder and the CRLF that ended the bulk string or the line; the
     * placeholder is what the pattern stands for.
     */
    private static final byte[] REDACTED_BULK_STRING = (Redacted.BULK_STRING + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDACTED_LINE_VALUE = (Redacted.VALUE + "\r\n").getBytes(StandardCharsets.US_ASCII);
    /** How the bytes sent so far compare with the turn. */
    public enum State { MATCHED, NEED_MORE, DIVERGED }

    private final byte[] recorded;
    /** Null when nothing is free: the bytes are compared as they are. */
    private final Pattern pattern;
    private final boolean[] freeByte;
    /** Where a MySQL handshake response's redacted authentication response is ({@link MysqlLogin}), or -1. */
    private final int redactedMysqlResponse;

    private int length;
    private int divergedAt;

    /** {@code turnNumber} counts the client's turns from 1. */
    TurnMatch(byte[] recorded, int turnNumber, List<FreeBytes> freeBytes, List<Pattern> freePatterns) {
        this.recorded = recorded;
        this.freeByte = new boolean[recorded.length];
        boolean anyFree = false;
        for (FreeBytes range : freeBytes) {
            for (int i = 0; i < recorded.length; i++) {
                if (range.frees(turnNumber, i)) {
                    freeByte[i] = true;
                    anyFree = true;
                }
            }
        }
        anyFree |= KafkaRequests.markVolatile(recorded, freeByte);
        int mysqlResponse = MysqlLogin.responseAt(recorded);
        this.redactedMysqlResponse = mysqlResponse >= 0 && MysqlLogin.isRedacted(recorded, mysqlResponse)
                ? mysqlResponse : -1;
        this.pattern = anyFree || !freePatterns.isEmpty() || indexOf(recorded, REDACTED_BULK_STRING, 0) >= 0
                || indexOf(recorded, REDACTED_LINE_VALUE, 0) >= 0 || redactedMysqlResponse >= 0
                ? compile(freePatterns) : null;
    }

    /** A pattern for the whole turn: literal bytes, any byte where a range frees one, each free piece's pattern. */
    private Pattern compile(List<Pattern> freePatterns) {
        String text = new String(recorded, StandardCharsets.ISO_8859_1);
        // which pattern, if any, covers each position of the recorded turn, and where its piece ends
        int[] pieceEnd = new int[recorded.length];
        String[] pieceRegex = new String[recorded.length];
        for (Pattern free : freePatterns) {
            Matcher m = free.matcher(text);
            while (m.find()) {
                if (m.end() > m.start() && pieceRegex[m.start()] == null) {
                    pieceRegex[m.start()] = free.pattern();
                    pieceEnd[m.start()] = m.end();
                }
            }
        }
        redactedPieces(REDACTED_BULK_STRING, Redacted.BULK_STRING, ANY_BULK_STRING, pieceRegex, pieceEnd);
        redactedPieces(REDACTED_LINE_VALUE, Redacted.VALUE, ANY_LINE_VALUE, pieceRegex, pieceEnd);
        if (redactedMysqlResponse >= 0) { // any response, so any packet length: the length byte and response
            pieceRegex[0] = ANY_MYSQL_PACKET_LENGTH;
            pieceEnd[0] = 3;
            pieceRegex[redactedMysqlResponse] = ANY_MYSQL_RESPONSE;
            pieceEnd[redactedMysqlResponse] = redactedMysqlResponse + MysqlLogin.redactedLength();
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < recorded.length) {
            if (pieceRegex[i] != null) {
                regex.append("(?:").append(pieceRegex[i]).append(')');
                i = pieceEnd[i];
            } else if (freeByte[i]) {
                regex.append("[\\x00-\\xff]");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(text.charAt(i))));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }

    /**
     * Notes each {@code written} (a placeholder and its CRLF) in the recorded turn as a free piece, the placeholder
     * standing for {@code regex}, unless a rule's pattern covers it already.
     */
    private void redactedPieces(byte[] written, String placeholder, String regex, String[] pieceRegex,
            int[] pieceEnd) {
        for (int at = indexOf(recorded, written, 0); at >= 0; at = indexOf(recorded, written, at + 1)) {
            if (pieceRegex[at] == null) {
                pieceRegex[at] = regex;
                pieceEnd[at] = at + placeholder.length();
            }
        }
    }

    /** Where {@code wanted} begins in {@code recorded} from {@code from} on, or -1. */
    private static int indexOf(byte[] recorded, byte[] wanted, int from) {
        outer:
        for (int i = from; i + wanted.length <= recorded.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (recorded[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Compares the bytes sent so far, {@code sent[0..count)}. */
    public State compare(byte[] sent, int count) {
        if (pattern == null) {
            int n = Math.min(count, recorded.length);
            for (int i = 0; i < n; i++) {
                if (sent[i] != recorded[i]) {
                    divergedAt = i;
                    return State.DIVERGED;
                }
            }
            length = recorded.length;
            return count >= recorded.length ? State.MATCHED : State.NEED_MORE;
        }
        Matcher m = pattern.matcher(new String(sent, 0, count, StandardCharsets.ISO_8859_1));
        if (m.lookingAt()) {
            length = m.end();
            return State.MATCHED;
        }
        if (m.hitEnd()) {
            return State.NEED_MORE;
        }
        divergedAt = firstDifference(sent, count);
        return State.DIVERGED;
    }

    /** After {@link State#MATCHED}: how many of the bytes sent the turn took. */
    public int length() {
        return length;
    }

    /** After {@link State#DIVERGED}: the first byte (from the turn's start) that differs, as far as it can tell. */
    public int divergedAt() {
        return divergedAt;
    }

    /** The recorded turn. */
    public byte[] recorded() {
        return recorded;
    }

    /** Where the bytes sent first differ from the recorded ones, outside the byte ranges that are free. */
    private int firstDifference(byte[] sent, int count) {
        int n = Math.min(count, recorded.length);
        for (int i = 0; i < n; i++) {
            if (sent[i] != recorded[i] && !freeByte[i]) {
                return i;
            }
        }
        return n;
    }
}
