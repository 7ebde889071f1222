package netrec.runtime.protocol;

import netrec.cassette.Body;
import netrec.cassette.Headers;

/**
 * The HTTP/1.1 request a connection switched protocols on ({@code Upgrade}, answered by {@code 101}): the protocol
 * it switched to answers it, as HTTP/2 does on its stream 1 after {@code Upgrade: h2c}.
 */
public final class UpgradedRequest {
    private final String method;
    private final String target;
    private final Headers headers;
    private final Body body;

    public UpgradedRequest(String method, String target, Headers headers, Body body) {
        this.method = method;
        this.target = target;
        this.headers = headers;
        this.body = body;
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
