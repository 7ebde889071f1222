package netrec.runtime.protocol;

import netrec.cassette.Headers;

/**
 * An HTTP request a replayed client sent, whatever the HTTP version: its URI absolute ({@link RequestUri}), its
 * header fields as sent (HTTP/2's pseudo-headers left out), its body whole (empty when it has none, or while it is
 * still arriving).
 */
public final class ReplayedRequest {
    private static final byte[] NO_BODY = new byte[0];

    private final String method;
    private final String uri;
    private final Headers headers;
    private final byte[] body;
    private final int following;

    public ReplayedRequest(String method, String uri, Headers headers, byte[] body) {
        this(method, uri, headers, body, 0);
    }

    private ReplayedRequest(String method, String uri, Headers headers, byte[] body, int following) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
        this.following = following;
    }

    /** This request, sent on a connection answered so far from recorded connection {@code number}. */
    public ReplayedRequest following(int number) {
        return new ReplayedRequest(method, uri, headers, body, number);
    }

    /**
     * The recorded connection the replayed one it came on was answered from so far (its number in the recording), or
     * 0 when none: requests recorded alike answer from that one first.
     */
    public int following() {
        return following;
    }

    /** A request with no header fields and no body: the made-up request a conversation is keyed by. */
    public static ReplayedRequest of(String method, String uri) {
        return new ReplayedRequest(method, uri, Headers.none(), NO_BODY);
    }

    public String method() {
        return method;
    }

    public String uri() {
        return uri;
    }

    public Headers headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
