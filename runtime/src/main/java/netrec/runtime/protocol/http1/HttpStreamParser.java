package netrec.runtime.protocol.http1;

import java.io.IOException;

/**
 * Reads one direction of an HTTP/1.1 connection as it arrives, in pieces of any size, and reports each message:
 * its head, its body bytes (de-chunked), and its end. TCP segment and read boundaries carry no meaning here.
 *
 * <p>Once the stream turns out not to be HTTP/1.x, or becomes a tunnel, the parser stops reporting and ignores the
 * rest.
 */
public final class HttpStreamParser {
    /** Receives the messages of one direction. */
    public interface Listener {
        /** A head is complete; the answer says how its body is framed. */
        BodyFraming head(HttpHead head) throws IOException;

        void body(byte[] bytes, int offset, int length) throws IOException;

        /** The message ended: {@code complete} is false when the connection ended inside its body. */
        void end(boolean complete) throws IOException;

        /** The stream is not HTTP/1.x; nothing more is reported. */
        void notHttp(String why);

        /**
         * Bytes after the connection stopped carrying HTTP/1.x (a CONNECT tunnel, a {@code 101} protocol switch): they
         * belong to what follows, and are not parsed.
         */
        default void afterSwitch(byte[] bytes, int offset, int length) throws IOException {
        }
    }

    private enum State { HEAD, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, SWITCHED, IGNORE }

    private static final int MAX_HEAD = 256 * 1024;

    private final boolean requests;
    private final Listener listener;
    private State state = State.HEAD;
    private byte[] line = new byte[512];
    private int lineLength;
    /** True once the head being read has its start line, checked. */
    private boolean startLineChecked;
    private long remaining;

    public HttpStreamParser(boolean requests, Listener listener) {
        this.requests = requests;
        this.listener = listener;
    }

    /** True once the parser has stopped: not HTTP, or a tunnel or protocol switch. */
    public boolean stopped() {
        return state == State.IGNORE || state == State.SWITCHED;
    }

    /** True between messages, when nothing of a message has arrived yet. */
    public boolean idle() {
        return state == State.HEAD && lineLength == 0;
    }

    public void feed(byte[] bytes, int offset, int length) throws IOException {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            switch (state) {
                case HEAD:
                    i = readHead(bytes, i, end);
                    break;
                case FIXED: {
                    int n = (int) Math.min(remaining, end - i);
                    listener.body(bytes, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        finishMessage();
                    }
                    break;
                }
                case CHUNK_SIZE:
                    i = readLine(bytes, i, end);
                    if (state == State.CHUNK_SIZE && lineComplete()) {
                        startChunk();
                    }
                    break;
                case CHUNK_DATA: {
                    int n = (int) Math.min(remaining, end - i);
                    listener.body(bytes, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.CHUNK_END;
                    }
                    break;
                }
                case CHUNK_END:
                    i = readLine(bytes, i, end);
                    if (lineComplete()) {
                        lineLength = 0;
                        state = State.CHUNK_SIZE;
                    }
                    break;
                case TRAILERS:
                    i = readLine(bytes, i, end);
                    if (lineComplete()) {
                        boolean blank = lineLength <= 2;
                        lineLength = 0;
                        if (blank) {
                            finishMessage();
                        }
                    }
                    break;
                case UNTIL_CLOSE:
                    listener.body(bytes, i, end - i);
                    i = end;
                    break;
                case SWITCHED:
                    listener.afterSwitch(bytes, i, end - i);
                    return;
                default:
                    return;
            }
        }
    }

    /**
     * The connection switched protocols after the message that just ended (a {@code 101}): what follows goes to
     * {@link Listener#afterSwitch}. Called from {@link Listener#end}.
     */
    public void switchProtocols() {
        state = State.SWITCHED;
    }

    /** The connection ended in this direction. */
    public void endOfStream() throws IOException {
        switch (state) {
            case UNTIL_CLOSE:
                finishMessage();
                break;
            case FIXED:
            case CHUNK_SIZE:
            case CHUNK_DATA:
            case CHUNK_END:
            case TRAILERS:
                state = State.IGNORE;
                listener.end(false);
                break;
            default:
                break;
        }
        state = State.IGNORE;
    }

    private int readHead(byte[] bytes, int i, int end) throws IOException {
        while (i < end) {
            byte b = bytes[i++];
            if (lineLength == 0 && (b == '\r' || b == '\n')) {
                continue;
            }
            if (lineLength == 0) {
                startLineChecked = false;
            }
            append(b);
            if (b == '\n' && !startLineChecked && !(requests ? HttpHead.isRequestLine(line, 0, lineLength - 1)
                    : HttpHead.isStatusLine(line, 0, lineLength - 1))) {
                stop("its first line is not an HTTP/1.x " + (requests ? "request line" : "status line"));
                return end;
            }
            if (b == '\n') {
                startLineChecked = true;
            }
            if (b == '\n' && headEnds()) {
                HttpHead head = HttpHead.parse(line, lineLength, requests);
                lineLength = 0;
                if (head == null) {
                    stop("its first bytes are not an HTTP/1.x " + (requests ? "request" : "response"));
                    return end;
                }
                BodyFraming framing = listener.head(head);
                begin(framing);
                return i;
            }
            if (lineLength > MAX_HEAD) {
                stop("a message head is longer than " + MAX_HEAD + " bytes");
                return end;
            }
            if (lineLength == 16 && !looksLikeHttp()) {
                stop("its first bytes are not an HTTP/1.x " + (requests ? "request" : "response"));
                return end;
            }
        }
        return i;
    }

    private void begin(BodyFraming framing) throws IOException {
        switch (framing.kind()) {
            case NONE:
                finishMessage();
                break;
            case LENGTH:
                remaining = framing.length();
                state = State.FIXED;
                break;
            case CHUNKED:
                state = State.CHUNK_SIZE;
                break;
            case UNTIL_CLOSE:
                state = State.UNTIL_CLOSE;
                break;
            default:
                state = State.SWITCHED;
                listener.end(true);
        }
    }

    private void startChunk() throws IOException {
        String text = new String(line, 0, lineLength, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
        lineLength = 0;
        int semicolon = text.indexOf(';');
        String size = semicolon < 0 ? text : text.substring(0, semicolon).trim();
        try {
            if (!size.matches("[0-9a-fA-F]{1,15}")) {
                // a sign ("-EAD", found by Http1ParserFuzzTest) or a size past 2^60 is not a chunk size
                throw new NumberFormatException(size);
            }
            remaining = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            stop("a chunk size '" + text + "' is not hexadecimal");
            listener.end(false);
            return;
        }
        state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
    }

    private void finishMessage() throws IOException {
        state = State.HEAD;
        lineLength = 0;
        listener.end(true);
    }

    private void stop(String why) {
        state = State.IGNORE;
        listener.notHttp(why);
    }

    private int readLine(byte[] bytes, int i, int end) {
        while (i < end && !lineComplete()) {
            append(bytes[i++]);
            if (lineLength > MAX_HEAD) {
                stop("a chunk line is longer than " + MAX_HEAD + " bytes");
                return end;
            }
        }
        return i;
    }

    private boolean lineComplete() {
        return lineLength > 0 && line[lineLength - 1] == '\n';
    }

    private boolean headEnds() {
        return (lineLength >= 4 && line[lineLength - 4] == '\r' && line[lineLength - 3] == '\n'
                && line[lineLength - 2] == '\r') || (lineLength >= 2 && line[lineLength - 2] == '\n');
    }

    private boolean looksLikeHttp() {
        if (!requests) {
            return new String(line, 0, 7, java.nio.charset.StandardCharsets.ISO_8859_1).equals("HTTP/1.");
        }
        int i = 0;
        while (i < lineLength && (line[i] >= 'A' && line[i] <= 'Z' || line[i] == '_' || line[i] == '-')) {
            i++;
        }
        return i > 0 && (i == lineLength || line[i] == ' ');
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = java.util.Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }
}
