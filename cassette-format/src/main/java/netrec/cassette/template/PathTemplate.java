package netrec.cassette.template;

import java.util.regex.Pattern;

/**
 * A URI path that may hold placeholders: those of {@link TextTemplate} within a segment, and {@code {**}} as a
 * segment of its own, standing for any number of segments (none included).
 */
public final class PathTemplate {
    private final String path;
    private final Pattern pattern;
    private final int placeholders;
    private final int segmentWildcards;

    private PathTemplate(String path, Pattern pattern, int placeholders, int segmentWildcards) {
        this.path = path;
        this.pattern = pattern;
        this.placeholders = placeholders;
        this.segmentWildcards = segmentWildcards;
    }

    /** Parses a path starting with '/' (an empty one is "/"). */
    public static PathTemplate parse(String path) {
        if (path.isEmpty()) {
            path = "/";
        }
        if (!path.startsWith("/")) {
            throw new TemplateException("the path '" + path + "' must start with '/'");
        }
        if (path.indexOf('{') < 0 && path.indexOf('}') < 0) {
            return new PathTemplate(path, null, 0, 0);
        }
        StringBuilder regex = new StringBuilder();
        int placeholders = 0;
        int segmentWildcards = 0;
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.equals("{**}")) {
                regex.append("(?:/[^/]*)*");
                segmentWildcards++;
            } else {
                TextTemplate piece = TextTemplate.parse(segment, TextTemplate.Piece.PATH_SEGMENT);
                regex.append('/').append(piece.regex());
                placeholders += piece.placeholders();
            }
        }
        Pattern pattern = placeholders + segmentWildcards == 0 ? null : Pattern.compile(regex.toString());
        return new PathTemplate(path, pattern, placeholders, segmentWildcards);
    }

    /** True when {@code actual} (raw, as sent) is a path this template stands for. */
    public boolean matches(String actual) {
        return pattern == null ? path.equals(actual) : pattern.matcher(actual).matches();
    }

    /** True when the path holds no placeholder. */
    public boolean isLiteral() {
        return pattern == null;
    }

    /** Placeholders within segments. */
    public int placeholders() {
        return placeholders;
    }

    /** {@code {**}} segments. */
    public int segmentWildcards() {
        return segmentWildcards;
    }

    @Override
    public String toString() {
        return path;
    }
}
