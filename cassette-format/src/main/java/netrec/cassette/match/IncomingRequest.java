package netrec.cassette.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import netrec.cassette.Headers;
import netrec.cassette.template.UriTemplate;

/**
 * A request replay must answer, taken apart once: method, scheme, host, port, path, query parameters (sorted, so
 * that their order never matters), headers and body.
 */
public final class IncomingRequest {
    private static final byte[] NO_BODY = new byte[0];

    private final String method;
    private final String scheme;
    private final String host;
    private final int port;
    private final String path;
    private final List<String> query;
    private final String uri;
    private final Headers headers;
    private final byte[] body;

    private IncomingRequest(String method, String scheme, String host, int port, String path, List<String> query,
            String uri, Headers headers, byte[] body) {
        this.method = method;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
    }

    /** A request with no headers and no body; {@code uri} is absolute, as netrec makes it for every HTTP version. */
    public static IncomingRequest of(String method, String uri) {
        return of(method, uri, Headers.none(), NO_BODY);
    }

    public static IncomingRequest of(String method, String uri, Headers headers, byte[] body) {
        UriTemplate parts = UriTemplate.parse(uri);
        List<String> query = new ArrayList<>();
        parts.query().forEach(parameter -> query.add(parameter.toString()));
        Collections.sort(query);
        return new IncomingRequest(method.toUpperCase(Locale.ROOT), parts.scheme(), parts.host().text(),
                Integer.parseInt(parts.port().text()), parts.path().toString(), Collections.unmodifiableList(query),
                uri, headers, body);
    }

    public String method() {
        return method;
    }

    public String scheme() {
        return scheme;
    }

    /** The host, lower case. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String path() {
        return path;
    }

    /** Query parameters as sent ({@code name=value}, still percent-encoded), sorted. */
    public List<String> query() {
        return query;
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
