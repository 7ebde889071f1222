package netrec.cassette.match;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /**
     * How a redacted login's credentials say their length, matched in code: any bytes after it, exactly as many as it
     * says (a regular expression cannot count).
     */
    enum LengthPrefix {
        /** One byte, 0 to 250: a MySQL authentication response's. */
        BYTE,
        /** A 32-bit length: Kafka's {@code auth_bytes} before version 2. */
        INT32,
        /** An unsigned varint of the length + 1: Kafka's compact {@code auth_bytes}, from version 2. */
        UVARINT_PLUS_ONE
    }
    /**
     * How the recorder wrote such values: the placeholder and the CRLF that ended the bulk string or the line; the
     * placeholder is what the pattern stands for.
     */
    private static final byte[] REDACTED_BULK_STRING = (Redacted.BULK_STRING + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDACTED_LINE_VALUE = (Redacted.VALUE + "\r\n").getBytes(StandardCharsets.US_ASCII);
    /** A redacted NUL-ended value (a PostgreSQL password message's, {@link PostgresLogin#passwordAskedInClear}). */
    private static final byte[] REDACTED_C_STRING = (Redacted.VALUE + "\0").getBytes(StandardCharsets.US_ASCII);
    private static final String ANY_C_STRING = "[^\\x00]*";
    /** How the bytes sent so far compare with the turn. */
    public enum State { MATCHED, NEED_MORE, DIVERGED }

    private final byte[] recorded;
    /**
     * The turn cut into what is compared byte by byte (free bytes aside) and the pieces a pattern matches, in order;
     * null when there is no piece: the whole turn is compared byte by byte.
     */
    private final List<Piece> pieces;
    private final boolean[] freeByte;
    /** Where a MySQL handshake response's redacted authentication response is ({@link MysqlLogin}), or -1. */
    private final int redactedMysqlResponse;
    /** Where a Kafka SASL login's redacted {@code auth_bytes} are ({@link KafkaSaslLogin}), or -1. */
    private final int redactedKafkaAuth;

    private int length;
    private int divergedAt;

    /** {@code turnNumber} counts the client's turns from 1. */
    TurnMatch(byte[] recorded, int turnNumber, List<FreeBytes> freeBytes, List<Pattern> freePatterns) {
        this.recorded = recorded;
        this.freeByte = new boolean[recorded.length];
        for (FreeBytes range : freeBytes) {
            for (int i = 0; i < recorded.length; i++) {
                if (range.frees(turnNumber, i)) {
                    freeByte[i] = true;
                }
            }
        }
        KafkaRequests.markVolatile(recorded, freeByte);
        int mysqlResponse = MysqlLogin.responseAt(recorded);
        this.redactedMysqlResponse = mysqlResponse >= 0 && MysqlLogin.isRedacted(recorded, mysqlResponse)
                ? mysqlResponse : -1;
        int kafkaAuth = KafkaSaslLogin.authAt(recorded);
        this.redactedKafkaAuth = kafkaAuth >= 0 && KafkaSaslLogin.isRedacted(recorded, kafkaAuth) ? kafkaAuth : -1;
        boolean redactedPassword = redactedPassword(recorded);
        // a redacted login's credentials may be of any length, so its packet's or request's length too
        Arrays.fill(freeByte, 0, redactedMysqlResponse >= 0 ? 3 : redactedKafkaAuth >= 0 ? 4 : 0, true);
        Arrays.fill(freeByte, 1, redactedPassword ? 5 : 1, true);
        // free bytes are compared byte by byte, as the rest; a regular expression only where a piece may change length
        this.pieces = !freePatterns.isEmpty() || indexOf(recorded, REDACTED_BULK_STRING, 0) >= 0
                || indexOf(recorded, REDACTED_LINE_VALUE, 0) >= 0 || redactedMysqlResponse >= 0
                || redactedKafkaAuth >= 0 || redactedPassword ? pieces(freePatterns) : null;
    }

    /** True when {@code recorded} is PostgreSQL's password message with a redacted password: {@code p}, length, it. */
    private static boolean redactedPassword(byte[] recorded) {
        return recorded.length == 6 + Redacted.VALUE.length() && recorded[0] == 'p'
                && indexOf(recorded, REDACTED_C_STRING, 0) == 5;
    }

    /**
     * The pieces of the turn that a pattern matches, each with its own expression, in order. Between them the turn's
     * bytes are compared as they are: a single expression for the whole turn would recurse once per byte or piece
     * when compiled and matched, which a turn of some 100 KB overflows.
     */
    private List<Piece> pieces(List<Pattern> freePatterns) {
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
        if (redactedPassword(recorded)) { // any password (and so any message length, free bytes)
            pieceRegex[5] = ANY_C_STRING;
            pieceEnd[5] = 5 + Redacted.VALUE.length();
        }
        LengthPrefix[] piecePrefix = new LengthPrefix[recorded.length];
        if (redactedMysqlResponse >= 0) { // any response (and so any packet length, a free byte): its length and it
            piecePrefix[redactedMysqlResponse] = LengthPrefix.BYTE;
            pieceEnd[redactedMysqlResponse] = redactedMysqlResponse + MysqlLogin.redactedLength();
        }
        if (redactedKafkaAuth >= 0) { // any credentials (and so any request size, free bytes), with their length
            piecePrefix[redactedKafkaAuth] = KafkaSaslLogin.compact(recorded) ? LengthPrefix.UVARINT_PLUS_ONE
                    : LengthPrefix.INT32;
            pieceEnd[redactedKafkaAuth] = redactedKafkaAuth + KafkaSaslLogin.redactedLength(recorded);
        }
        Map<String, Pattern> compiled = new HashMap<>();
        List<Piece> pieces = new ArrayList<>();
        int i = 0;
        while (i < recorded.length) {
            if (piecePrefix[i] != null) {
                pieces.add(new Piece(i, pieceEnd[i], null, piecePrefix[i]));
                i = pieceEnd[i];
                continue;
            }
            if (pieceRegex[i] != null) {
                pieces.add(new Piece(i, pieceEnd[i], compiled.computeIfAbsent(pieceRegex[i], Pattern::compile), null));
                i = pieceEnd[i];
                continue;
            }
            int run = i;
            while (run < recorded.length && pieceRegex[run] == null && piecePrefix[run] == null) {
                run++;
            }
            pieces.add(new Piece(i, run, null, null));
            i = run;
        }
        return pieces;
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
        if (pieces == null) {
            State state = compareBytes(sent, 0, count, 0, recorded.length);
            length = recorded.length;
            return state;
        }
        CharSequence text = null;
        int at = 0;
        for (Piece piece : pieces) {
            if (piece.prefix != null) {
                int end = prefixedEnd(piece.prefix, sent, at, count);
                if (end == NEED_MORE) {
                    return State.NEED_MORE;
                }
                if (end < 0) {
                    divergedAt = piece.start;
                    return State.DIVERGED;
                }
                at = end;
                continue;
            }
            if (piece.pattern == null) {
                State state = compareBytes(sent, at, count, piece.start, piece.end);
                if (state != State.MATCHED) {
                    return state;
                }
                at += piece.end - piece.start;
                continue;
            }
            if (text == null) {
                text = new String(sent, 0, count, StandardCharsets.ISO_8859_1);
            }
            Matcher m = piece.pattern.matcher(text).region(at, count);
            if (m.lookingAt()) {
                at = m.end();
            } else if (m.hitEnd()) {
                return State.NEED_MORE;
            } else {
                divergedAt = piece.start;
                return State.DIVERGED;
            }
        }
        length = at;
        return State.MATCHED;
    }

    /**
     * Compares {@code sent[at..)} (of {@code count} bytes sent) with the recorded bytes {@code [start, end)}, free
     * bytes aside: {@link State#MATCHED} when all of them came alike.
     */
    private State compareBytes(byte[] sent, int at, int count, int start, int end) {
        int n = Math.min(end - start, count - at);
        for (int i = 0; i < n; i++) {
            if (sent[at + i] != recorded[start + i] && !freeByte[start + i]) {
                divergedAt = start + i;
                return State.DIVERGED;
            }
        }
        return n < end - start ? State.NEED_MORE : State.MATCHED;
    }

    private static final int NEED_MORE = -1;

    /**
     * Where the length-prefixed bytes at {@code at} in {@code sent} end; {@link #NEED_MORE} while they have not all
     * come, another negative number when the length cannot be one.
     */
    private static int prefixedEnd(LengthPrefix prefix, byte[] sent, int at, int count) {
        long length;
        int lengthBytes;
        switch (prefix) {
            case BYTE:
                if (at >= count) {
                    return NEED_MORE;
                }
                length = sent[at] & 0xff;
                lengthBytes = 1;
                if (length > 250) {
                    return -2;
                }
                break;
            case INT32:
                if (at + 4 > count) {
                    return NEED_MORE;
                }
                length = BigEndian.int32(sent, at);
                lengthBytes = 4;
                break;
            default:
                long value = 0;
                lengthBytes = 0;
                while (true) {
                    if (at + lengthBytes >= count) {
                        return NEED_MORE;
                    }
                    int b = sent[at + lengthBytes] & 0xff;
                    value |= (long) (b & 0x7f) << (7 * lengthBytes);
                    lengthBytes++;
                    if (b < 0x80) {
                        break;
                    }
                    if (lengthBytes == 5) {
                        return -2;
                    }
                }
                length = Math.max(0, value - 1); // 0: null bytes
                break;
        }
        long end = at + lengthBytes + length;
        if (length < 0 || end > Integer.MAX_VALUE) {
            return -2;
        }
        return end > count ? NEED_MORE : (int) end;
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

    /**
     * A part of the turn: compared byte by byte when it has neither, else matched by its pattern, or as any bytes
     * after a length ({@code prefix}).
     */
    private static final class Piece {
        final int start;
        final int end;
        final Pattern pattern;
        final LengthPrefix prefix;

        Piece(int start, int end, Pattern pattern, LengthPrefix prefix) {
            this.start = start;
            this.end = end;
            this.pattern = pattern;
            this.prefix = prefix;
        }
    }
}
