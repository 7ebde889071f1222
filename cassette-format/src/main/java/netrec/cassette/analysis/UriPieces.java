package netrec.cassette.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A URI as text cut where placeholders may go: everything up to the path (kept as it is), the path segments and
 * the query parameters' values. Putting the pieces back together gives the URI again, byte for byte.
 */
final class UriPieces {
    private final String head;
    private final List<String> segments;
    private final List<String> queryNames;
    private final List<String> queryValues;

    private UriPieces(String head, List<String> segments, List<String> queryNames, List<String> queryValues) {
        this.head = head;
        this.segments = segments;
        this.queryNames = queryNames;
        this.queryValues = queryValues;
    }

    static UriPieces of(String uri) {
        int authorityStart = uri.indexOf("://") + 3;
        int pathStart = authorityStart;
        while (pathStart < uri.length() && "/?".indexOf(uri.charAt(pathStart)) < 0) {
            pathStart++;
        }
        int queryStart = uri.indexOf('?', pathStart);
        String path = uri.substring(pathStart, queryStart < 0 ? uri.length() : queryStart);
        List<String> segments = new ArrayList<>();
        if (path.startsWith("/")) {
            for (String segment : path.substring(1).split("/", -1)) {
                segments.add(segment);
            }
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (queryStart >= 0) {
            for (String parameter : uri.substring(queryStart + 1).split("&", -1)) {
                int equals = parameter.indexOf('=');
                names.add(equals < 0 ? parameter : parameter.substring(0, equals + 1));
                values.add(equals < 0 ? "" : parameter.substring(equals + 1));
            }
        }
        return new UriPieces(uri.substring(0, pathStart), segments, names, values);
    }

    /** True when {@code other} has the same scheme, authority, number of segments and query names in order. */
    boolean sameShape(UriPieces other) {
        return head.equalsIgnoreCase(other.head) && segments.size() == other.segments.size()
                && queryNames.equals(other.queryNames);
    }

    /** How many segments and query values are equal to {@code other}'s. */
    int likeness(UriPieces other) {
        int same = 0;
        for (int i = 0; i < segments.size(); i++) {
            same += segments.get(i).equals(other.segments.get(i)) ? 1 : 0;
        }
        for (int i = 0; i < queryValues.size(); i++) {
            same += queryValues.get(i).equals(other.queryValues.get(i)) ? 1 : 0;
        }
        return same;
    }

    /**
     * The URI with each segment and query value replaced by what {@code rewrite} makes of it, given its index among
     * the pieces and, for a query value, the parameter's name (null for a segment).
     */
    String rewrite(BiFunction<Integer, String, String> segmentRewrite, BiFunction<Integer, String, String> valueRewrite) {
        StringBuilder uri = new StringBuilder(head);
        for (int i = 0; i < segments.size(); i++) {
            uri.append('/').append(segmentRewrite.apply(i, segments.get(i)));
        }
        for (int i = 0; i < queryNames.size(); i++) {
            uri.append(i == 0 ? '?' : '&').append(queryNames.get(i));
            if (queryNames.get(i).endsWith("=")) {
                uri.append(valueRewrite.apply(i, queryValues.get(i)));
            }
        }
        return uri.toString();
    }

    String segment(int i) {
        return segments.get(i);
    }

    String queryValue(int i) {
        return queryValues.get(i);
    }

    /** The name of query parameter {@code i}, without its '='. */
    String queryName(int i) {
        String name = queryNames.get(i);
        return name.endsWith("=") ? name.substring(0, name.length() - 1) : name;
    }
}
