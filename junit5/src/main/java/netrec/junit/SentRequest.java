package netrec.junit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One HTTP request a test's code sent: as recorded, or as replay received it. */
public final class SentRequest {
    private final netrec.runtime.base.SentRequest sent;
    private final URI uri;

    SentRequest(netrec.runtime.base.SentRequest sent) {
        this.sent = sent;
        this.uri = URI.create(sent.uri());
    }

    /** {@code GET}, {@code POST}, ... */
    public String method() {
        return sent.method();
    }

    /** The absolute URI, {@code http://host:port/path?query}. */
    public String uri() {
        return sent.uri();
    }

    /** The path, without the query: {@code /users/42}. */
    public String path() {
        return uri.getRawPath();
    }

    /** The query, as sent ({@code a=1&b=2}); null when there is none. */
    public String query() {
        return uri.getRawQuery();
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
