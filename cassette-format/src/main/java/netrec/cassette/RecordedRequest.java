package netrec.cassette;

import java.util.Objects;
import netrec.cassette.template.TemplateException;
import netrec.cassette.template.UriTemplate;

/**
 * A request as the application sent it.
 *
 * <p>{@code uri} is absolute: scheme from the connection (https when the bytes travelled inside TLS), host and port
 * of the server the application meant to reach (the target of a proxy's CONNECT, not the proxy), then the request
 * target exactly as sent, percent-encoding untouched. A default port is still written, so that a reader never
 * has to guess. A person may put placeholders in it ({@link UriTemplate}); a recorder never writes a brace, so
 * every brace in a cassette is one.
 */
public final class RecordedRequest {
    private final String method;
    private final String uri;
    private final Headers headers;
    private final Body body;
    private volatile UriTemplate template;

    public RecordedRequest(String method, String uri, Headers headers, Body body) {
        this.method = Objects.requireNonNull(method, "method");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
    }

    public String method() {
        return method;
    }

    public String uri() {
        return uri;
    }

    /**
     * The uri taken apart for matching, placeholders and all; {@link TemplateException} when it cannot be.
     */
    public UriTemplate template() {
        UriTemplate parsed = template;
        if (parsed == null) {
            parsed = UriTemplate.parse(uri);
            template = parsed;
        }
        return parsed;
    }

    public Headers headers() {
        return headers;
    }

    public Body body() {
        return body;
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
