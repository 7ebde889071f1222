package netrec.junit;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One HTTP request a test's code sent: as recorded, or as replay received it. */
public final class SentRequest {
    private final netrec.runtime.base.SentRequest sent;
    /** Where the path begins in the URI, and where its query does (the URI's length when it has none). */
    private final int pathAt;
    private final int queryAt;

    SentRequest(netrec.runtime.base.SentRequest sent) {
        this.sent = sent;
        String uri = sent.uri();
        int authority = uri.indexOf("://");
        int path = authority < 0 ? 0 : uri.indexOf('/', authority + 3);
        this.pathAt = path < 0 ? uri.length() : path;
        int query = uri.indexOf('?', pathAt);
        this.queryAt = query < 0 ? uri.length() : query;
    }

    /** {@code GET}, {@code POST}, ... */
    public String method() {
        return sent.method();
    }

    /** The absolute URI, {@code http://host:port/path?query}. */
    public String uri() {
        return sent.uri();
    }

    /** The path, without the query, as sent: {@code /users/42}. */
    public String path() {
        return pathAt == queryAt ? "/" : sent.uri().substring(pathAt, queryAt);
    }

    /** The query, as sent ({@code a=1&b=2}); null when there is none. */
    public String query() {
        return queryAt == sent.uri().length() ? null : sent.uri().substring(queryAt + 1);
    }

    /** The first value of the header field {@code name} (any case); null when it was not sent. */
    public String header(String name) {
        return sent.headers().first(name);
    }

    /** Every value of the header field {@code name} (any case), in order. */
    public List<String> headers(String name) {
        return sent.headers().all(name);
    }

    /** The body as sent; empty when there was none. */
    public byte[] body() {
        return sent.body();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return sent.toString();
    }
}
