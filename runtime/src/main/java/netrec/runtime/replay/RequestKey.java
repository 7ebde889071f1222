package netrec.runtime.replay;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a request that matching looks at, taken apart once: method, scheme, host, port, path and the query
 * parameters (sorted, so that their order never matters).
 */
public final class RequestKey {
    private final String method;
    private final String scheme;
    private final String host;
    private final int port;
    private final String path;
    private final List<String> query;
    private final String uri;

    private RequestKey(String method, String scheme, String host, int port, String path, List<String> query, String uri) {
        this.method = method;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
        this.uri = uri;
    }

    public static RequestKey of(String method, String uri) {
        URI parsed = URI.create(uri);
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        int port = parsed.getPort() >= 0 ? parsed.getPort() : "https".equals(scheme) ? 443 : 80;
        String host = parsed.getHost() == null ? "" : parsed.getHost().toLowerCase(Locale.ROOT);
        String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
        List<String> query = new ArrayList<>();
        if (parsed.getRawQuery() != null) {
            for (String parameter : parsed.getRawQuery().split("&")) {
                if (!parameter.isEmpty()) {
                    query.add(parameter);
                }
            }
        }
        Collections.sort(query);
        return new RequestKey(method.toUpperCase(Locale.ROOT), scheme, host, port, path,
                Collections.unmodifiableList(query), uri);
    }

    public String method() {
        return method;
    }

    public String scheme() {
        return scheme;
    }

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

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
