package netrec.cassette.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A recorded request URI taken apart for matching, placeholders and all: scheme, host, port, path and query
 * parameters, each of which may hold placeholders (see {@link TextTemplate} and {@link PathTemplate}).
 */
public final class UriTemplate {
    private final String uri;
    private final String scheme;
    private final TextTemplate host;
    private final TextTemplate port;
    private final PathTemplate path;
    private final List<QueryParameter> query;
    private final int generality;

    private UriTemplate(String uri, String scheme, TextTemplate host, TextTemplate port, PathTemplate path,
            List<QueryParameter> query) {
        this.uri = uri;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
        int placeholders = host.placeholders() + port.placeholders() + path.placeholders();
        for (QueryParameter parameter : query) {
            placeholders += parameter.placeholders();
        }
        this.generality = path.segmentWildcards() * 1000 + placeholders;
    }

    /** Parses an absolute {@code scheme://host:port/path?query} URI; {@link TemplateException} says what is wrong. */
    public static UriTemplate parse(String uri) {
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd <= 0) {
            throw new TemplateException("'" + uri + "' is not an absolute URI such as https://host:443/path");
        }
        String scheme = uri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < uri.length() && "/?#".indexOf(uri.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = uri.substring(authorityStart, authorityEnd);
        int fragment = uri.indexOf('#', authorityEnd);
        String rest = uri.substring(authorityEnd, fragment < 0 ? uri.length() : fragment);
        int queryStart = rest.indexOf('?');
        String path = queryStart < 0 ? rest : rest.substring(0, queryStart);
        String rawQuery = queryStart < 0 ? null : rest.substring(queryStart + 1);

        int portColon = authority.lastIndexOf(':');
        boolean hasPort = portColon > authority.lastIndexOf(']');
        String hostText = hasPort ? authority.substring(0, portColon) : authority;
        String portText = hasPort ? authority.substring(portColon + 1) : "https".equals(scheme) ? "443" : "80";
        if (hostText.isEmpty()) {
            throw new TemplateException("'" + uri + "' has no host");
        }
        TextTemplate host = hostText.startsWith("[") ? TextTemplate.parse(hostText, TextTemplate.Piece.PATH_SEGMENT)
                : TextTemplate.parse(hostText.toLowerCase(Locale.ROOT), TextTemplate.Piece.HOST);
        TextTemplate port = TextTemplate.parse(portText, TextTemplate.Piece.PORT);
        if (port.isLiteral() && !isPortNumber(portText)) {
            throw new TemplateException("'" + uri + "' has port '" + portText + "', which is not a number");
        }
        return new UriTemplate(uri, scheme, host, port, PathTemplate.parse(path), queryParameters(rawQuery));
    }

    private static boolean isPortNumber(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static List<QueryParameter> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        List<QueryParameter> result = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            if (!parameter.isEmpty()) {
                result.add(QueryParameter.parse(parameter));
            }
        }
        return Collections.unmodifiableList(result);
    }

    public String uri() {
        return uri;
    }

    public String scheme() {
        return scheme;
    }

    public TextTemplate host() {
        return host;
    }

    public TextTemplate port() {
        return port;
    }

    public PathTemplate path() {
        return path;
    }

    public List<QueryParameter> query() {
        return query;
    }

    /**
     * How general this template is, for choosing among several that match: {@code {**}} segments weigh most, then
     * every other placeholder; 0 is a literal URI.
     */
    public int generality() {
        return generality;
    }

    @Override
    public String toString() {
        return uri;
    }

    /** One {@code name=value} of a query, either part of which may hold placeholders. */
    public static final class QueryParameter {
        private final String text;
        private final TextTemplate name;
        private final TextTemplate value;

        private QueryParameter(String text, TextTemplate name, TextTemplate value) {
            this.text = text;
            this.name = name;
            this.value = value;
        }

        static QueryParameter parse(String text) {
            int equals = text.indexOf('=');
            TextTemplate name = TextTemplate.parse(equals < 0 ? text : text.substring(0, equals),
                    TextTemplate.Piece.QUERY);
            TextTemplate value = equals < 0 ? null : TextTemplate.parse(text.substring(equals + 1),
                    TextTemplate.Piece.QUERY);
            return new QueryParameter(text, name, value);
        }

        /** The name as written, which a literal name is compared by. */
        public String name() {
            return name.text();
        }

        /** True for an actual {@code name=value} (or bare {@code name}) this parameter stands for. */
        public boolean matches(String actual) {
            int equals = actual.indexOf('=');
            String actualName = equals < 0 ? actual : actual.substring(0, equals);
            if (!name.matches(actualName)) {
                return false;
            }
            if (value == null) {
                return equals < 0;
            }
            return equals >= 0 && value.matches(actual.substring(equals + 1));
        }

        public int placeholders() {
            return name.placeholders() + (value == null ? 0 : value.placeholders());
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
