package netrec.runtime.protocol;

/**
 * The absolute URI netrec keys an HTTP request by (of any HTTP version), built the same way when recording and when replaying. Braces are
 * written {@code %7B} and {@code %7D}, so that a brace in a cassette is always a placeholder a person wrote.
 */
public final class RequestUri {
    private RequestUri() {
    }

    /**
     * {@code scheme://host:port} of the connection followed by the request target; a target already in absolute
     * form (a request sent to a plain HTTP proxy) is taken as it is, but for any userinfo, which is left out.
     */
    public static String of(boolean tls, String host, int port, String target) {
        if (target.indexOf('{') >= 0 || target.indexOf('}') >= 0) {
            target = target.replace("{", "%7B").replace("}", "%7D");
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            return withPort(target);
        }
        String authority = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        String path = target.startsWith("/") ? target : "/" + target;
        return (tls ? "https" : "http") + "://" + authority + ":" + port + ("*".equals(target) ? "" : path);
    }

    /** The path and query of a target, as a request to the origin server names them: an absolute URI's cut so. */
    public static String originForm(String target) {
        int authority = target.indexOf("://");
        int path = target.indexOf('/', authority < 0 ? 0 : authority + 3);
        return path < 0 ? "/" : target.substring(path);
    }

    /** The absolute URI with its port, and without userinfo ({@code user:password@}), which is never kept. */
    private static String withPort(String target) {
        int authorityStart = target.indexOf("://") + 3;
        int pathStart = target.indexOf('/', authorityStart);
        if (pathStart < 0) {
            pathStart = target.length();
        }
        int at = target.lastIndexOf('@', pathStart - 1);
        String absolute = at < authorityStart ? target : target.substring(0, authorityStart) + target.substring(at + 1);
        pathStart -= absolute.length() == target.length() ? 0 : at + 1 - authorityStart;
        String authority = absolute.substring(authorityStart, pathStart);
        boolean hasPort = authority.lastIndexOf(':') > authority.lastIndexOf(']');
        if (hasPort) {
            return absolute;
        }
        String port = absolute.startsWith("https") ? ":443" : ":80";
        String rest = absolute.substring(pathStart);
        return absolute.substring(0, pathStart) + port + (rest.isEmpty() ? "/" : rest);
    }
}
