package netrec.cassette;

import java.util.Objects;

/**
 * The final response to a request. Interim {@code 1xx} responses (such as {@code 100 Continue}) are not kept:
 * replay answers the request with the final response alone, which every HTTP/1.1 client accepts.
 *
 * <p>Headers are as the server sent them, including {@code Transfer-Encoding} and {@code Content-Length}; replay
 * frames the body to agree with them.
 */
public final class RecordedResponse {
    private final int status;
    private final String reason;
    private final Headers headers;
    private final Body body;

    public RecordedResponse(int status, String reason, Headers headers, Body body) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("an HTTP status has three digits, not " + status);
        }
        this.status = status;
        this.reason = reason == null ? "" : reason;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
    }

    public int status() {
        return status;
    }

    /** The reason phrase; empty when the server sent none. */
    public String reason() {
        return reason;
    }

    public Headers headers() {
        return headers;
    }

    public Body body() {
        return body;
    }

    @Override
    public String toString() {
        return status + " " + reason;
    }
}
