package netrec.runtime.protocol.http1;

import netrec.cassette.Headers;

/** How the end of a message body is found (RFC 9112, section 6.3). */
public final class BodyFraming {
    public enum Kind {
        /** No body at all. */
        NONE,
        /** Exactly {@link #length()} bytes. */
        LENGTH,
        /** Chunked transfer coding; the body is the de-chunked bytes. */
        CHUNKED,
        /** Everything until the server closes the connection. */
        UNTIL_CLOSE,
        /** The connection stops carrying HTTP (a CONNECT tunnel, a 101 protocol switch). */
        TUNNEL
    }

    public static final BodyFraming NONE = new BodyFraming(Kind.NONE, 0);
    public static final BodyFraming CHUNKED = new BodyFraming(Kind.CHUNKED, -1);
    public static final BodyFraming UNTIL_CLOSE = new BodyFraming(Kind.UNTIL_CLOSE, -1);
    public static final BodyFraming TUNNEL = new BodyFraming(Kind.TUNNEL, -1);

    private final Kind kind;
    private final long length;

    private BodyFraming(Kind kind, long length) {
        this.kind = kind;
        this.length = length;
    }

    public Kind kind() {
        return kind;
    }

    public long length() {
        return length;
    }

    /** Framing of a request body. */
    public static BodyFraming ofRequest(HttpHead head) {
        if ("CONNECT".equals(head.method())) {
            return TUNNEL;
        }
        return fromHeaders(head.headers(), NONE);
    }

    /** Framing of a response body, which depends on the request it answers. */
    public static BodyFraming ofResponse(HttpHead head, String requestMethod) {
        int status = head.status();
        if (status == 101 || ("CONNECT".equals(requestMethod) && status / 100 == 2)) {
            return TUNNEL;
        }
        if ("HEAD".equals(requestMethod) || status / 100 == 1 || status == 204 || status == 304) {
            return NONE;
        }
        return fromHeaders(head.headers(), UNTIL_CLOSE);
    }

    private static BodyFraming fromHeaders(Headers headers, BodyFraming otherwise) {
        if (headers.contains("Transfer-Encoding")) {
            return headers.hasToken("Transfer-Encoding", "chunked") ? CHUNKED : UNTIL_CLOSE;
        }
        String length = headers.first("Content-Length");
        if (length != null) {
            try {
                String digits = length.split(",", -1)[0].trim(); // "," alone splits into two empty values
                if (!digits.matches("[0-9]{1,18}")) {
                    throw new NumberFormatException(digits); // a sign is not a length
                }
                long n = Long.parseLong(digits);
                return n == 0 ? NONE : new BodyFraming(Kind.LENGTH, n);
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }
}
