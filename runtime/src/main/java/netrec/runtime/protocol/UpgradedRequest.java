package netrec.runtime.protocol;

import netrec.cassette.Body;
import netrec.cassette.Headers;

/**
 * The HTTP/1.1 request a connection switched protocols on ({@code Upgrade}, answered by {@code 101}), with that
 * {@code 101}: the protocol it switched to answers the request (as HTTP/2 does on its stream 1 after
 * {@code Upgrade: h2c}) or records the handshake with what follows it (as a WebSocket does).
 */
public final class UpgradedRequest {
    private final String method;
    private final String target;
    private final Headers headers;
    private final Body body;
    private final String switchReason;
    private final Headers switchHeaders;

    /** {@code switchReason} and {@code switchHeaders} are the {@code 101}'s (empty in replay, before it is sent). */
    public UpgradedRequest(String method, String target, Headers headers, Body body, String switchReason,
            Headers switchHeaders) {
        this.method = method;
        this.target = target;
        this.headers = headers;
        this.body = body;
        this.switchReason = switchReason;
        this.switchHeaders = switchHeaders;
    }

    /** The reason phrase of the {@code 101} that switched protocols. */
    public String switchReason() {
        return switchReason;
    }

    /** The header fields of the {@code 101} that switched protocols. */
    public Headers switchHeaders() {
        return switchHeaders;
    }

    public String method() {
        return method;
    }

    /** The request target as sent: path and query, or an absolute URI. */
    public String target() {
        return target;
    }

    /** As sent, the upgrade's own fields included. */
    public Headers headers() {
        return headers;
    }

    public Body body() {
        return body;
    }
}
