package netrec.cassette;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One message of a conversation that is not request and response: a WebSocket message after the {@code 101}, or a
 * turn of a raw TCP conversation (what one side sent before the other spoke). It says which side sent it, when
 * (milliseconds after the conversation began, as the recorder's writer thread saw it: for reading; replay goes by
 * order, not by clock), what kind it is and its payload. A raw TCP client turn also says where it came among the
 * recording's client turns ({@link #order}): the order the servers got them in, across connections.
 *
 * <p>The payload is kept in the YAML when it is small: as {@code text} when it is UTF-8 a person can read, else as
 * {@code base64}. A larger one is a body file, as a large HTTP body is ({@link #stored}).
 */
public final class Message {
    /** Payloads up to this size are kept in the YAML; larger ones in a body file. */
    public static final int INLINE_LIMIT = 16 * 1024;

    /** Which end of the connection sent a message. */
    public enum Side {
        CLIENT, SERVER;

        /** As the YAML says it: {@code client} or {@code server}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a message is: a WebSocket frame type, or a TCP turn's bytes and the end of a TCP stream. */
    public enum Kind {
        TEXT, BINARY, PING, PONG, CLOSE,
        /** Bytes of a raw TCP turn. */
        DATA,
        /** The server ended its side of a raw TCP connection. */
        END;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The kind a label names, or null. */
        public static Kind of(String label) {
            for (Kind kind : values()) {
                if (kind.label().equals(label)) {
                    return kind;
                }
            }
            return null;
        }
    }

    private final Side from;
    private final long at;
    private final Kind kind;
    private final byte[] bytes;
    private final Body stored;
    private final int closeCode;
    private final long order;

    private Message(Side from, long at, Kind kind, byte[] bytes, Body stored, int closeCode) {
        this(from, at, kind, bytes, stored, closeCode, 0);
    }

    private Message(Side from, long at, Kind kind, byte[] bytes, Body stored, int closeCode, long order) {
        this.from = Objects.requireNonNull(from, "from");
        if (at < 0) {
            throw new IllegalArgumentException("a message's time is never negative: " + at);
        }
        this.at = at;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.bytes = bytes;
        this.stored = stored;
        this.closeCode = closeCode;
        if (order < 0) {
            throw new IllegalArgumentException("a turn's order is counted from 1: " + order);
        }
        this.order = order;
    }

    /** A message whose payload is {@code bytes}, kept in the YAML. */
    public static Message of(Side from, long at, Kind kind, byte[] bytes) {
        return new Message(from, at, kind, bytes.clone(), null, -1);
    }

    /** A message whose payload is in a body file. */
    public static Message stored(Side from, long at, Kind kind, Body body) {
        if (!body.isStored()) {
            return of(from, at, kind, body.isEmpty() ? new byte[0] : body.text().getBytes(StandardCharsets.UTF_8));
        }
        return new Message(from, at, kind, null, body, -1);
    }

    /** A WebSocket close frame with {@code code} (-1: none) and {@code reason}. */
    public static Message close(Side from, long at, int code, String reason) {
        if (code < -1 || code > 65535) {
            throw new IllegalArgumentException("a close code is 0 to 65535, not " + code);
        }
        return new Message(from, at, Kind.CLOSE, reason.getBytes(StandardCharsets.UTF_8), null, code);
    }

    /** The same message, the {@code order}th of the recording's client turns (0: not known). */
    public Message withOrder(long order) {
        return order == this.order ? this : new Message(from, at, kind, bytes, stored, closeCode, order);
    }

    public Side from() {
        return from;
    }

    /** Milliseconds after the conversation began. */
    public long at() {
        return at;
    }

    public Kind kind() {
        return kind;
    }

    /** True when the payload is in a body file ({@link #stored}); else {@link #bytes} has it. */
    public boolean isStored() {
        return stored != null;
    }

    /** The payload kept in the YAML; only when not {@link #isStored()}. */
    public byte[] bytes() {
        if (bytes == null) {
            throw new IllegalStateException("the payload is in a body file");
        }
        return bytes.clone();
    }

    /** The body file holding the payload; only when {@link #isStored()}. */
    public Body stored() {
        if (stored == null) {
            throw new IllegalStateException("the payload is kept inline");
        }
        return stored;
    }

    /** The payload's size in bytes. */
    public long size() {
        return stored != null ? stored.size() : bytes.length;
    }

    /**
     * Where this raw TCP client turn came among the recording's client turns, from 1, in the order the application
     * began to send them: which of the same turns recorded on several connections a server got, and answered, first.
     * 0 when not known (another message, or a cassette of format 5 or older).
     */
    public long order() {
        return order;
    }

    /** A close frame's status code, or -1 when it had none (or this is not a close frame). */
    public int closeCode() {
        return closeCode;
    }

    /** The payload as readable text, or null when it is not UTF-8 a person can read (or is in a file). */
    public String text() {
        return bytes == null ? null : readable(bytes);
    }

    /**
     * {@code bytes} as text when they are valid UTF-8 with no control characters but tab, CR and LF; else null.
     */
    public static String readable(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7f || c == '\uFEFF') {
                return null;
            }
        }
        return text;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Message)) {
            return false;
        }
        Message m = (Message) o;
        return from == m.from && at == m.at && kind == m.kind && Arrays.equals(bytes, m.bytes)
                && Objects.equals(stored, m.stored) && closeCode == m.closeCode && order == m.order;
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, at, kind, Arrays.hashCode(bytes), stored, closeCode, order);
    }

    @Override
    public String toString() {
        return from.label() + " " + kind.label() + " (" + size() + " bytes) at " + at + " ms";
    }
}
