package netrec.cassette.template;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One piece of a recorded request (a path segment, a query name or value, a host, a port) that may hold
 * placeholders: {@code {*}} and {@code {name}} stand for any text within the piece, {@code {name:REGEX}} for text
 * the regular expression accepts. Text outside placeholders is compared exactly, percent-encoding included.
 * Recorded URIs never contain a literal brace: the recorder writes {@code %7B} and {@code %7D}.
 */
public final class TextTemplate {
    /** What {@code {*}} may span in each kind of piece. */
    public enum Piece {
        PATH_SEGMENT("[^/]*"), QUERY("[^&]*"), HOST("[^.:]*"), PORT("[0-9]+");

        private final String anyText;

        Piece(String anyText) {
            this.anyText = anyText;
        }
    }

    private final String text;
    private final Pattern pattern;
    private final int placeholders;

    private TextTemplate(String text, Pattern pattern, int placeholders) {
        this.text = text;
        this.pattern = pattern;
        this.placeholders = placeholders;
    }

    public static TextTemplate parse(String text, Piece piece) {
        StringBuilder regex = new StringBuilder();
        int placeholders = 0;
        int literalStart = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}') {
                throw new TemplateException("'}' at column " + (i + 1) + " of '" + text + "' closes no placeholder; "
                        + "write %7D for a literal brace");
            }
            if (c != '{') {
                i++;
                continue;
            }
            regex.append(quote(text.substring(literalStart, i)));
            int end = closingBrace(text, i);
            regex.append(placeholderRegex(text, i, end, piece));
            placeholders++;
            i = end + 1;
            literalStart = i;
        }
        if (placeholders == 0) {
            return new TextTemplate(text, null, 0);
        }
        regex.append(quote(text.substring(literalStart)));
        int flags = piece == Piece.HOST ? Pattern.CASE_INSENSITIVE : 0;
        return new TextTemplate(text, Pattern.compile(regex.toString(), flags), placeholders);
    }

    /** True when {@code text} as sent is what this piece stands for. */
    public boolean matches(String actual) {
        return pattern == null ? text.equals(actual) : pattern.matcher(actual).matches();
    }

    public boolean isLiteral() {
        return pattern == null;
    }

    /** How many placeholders the piece holds; fewer is more specific. */
    public int placeholders() {
        return placeholders;
    }

    /** The regular expression this piece matches whole, for embedding in a larger one. */
    String regex() {
        return pattern == null ? quote(text) : pattern.pattern();
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new TemplateException("the placeholder at column " + (open + 1) + " of '" + text + "' is not closed; "
                + "write {name}, {*}, {name:REGEX} or {**}, or %7B for a literal brace");
    }

    private static String placeholderRegex(String text, int open, int close, Piece piece) {
        String inside = text.substring(open + 1, close);
        int colon = inside.indexOf(':');
        String name = colon < 0 ? inside : inside.substring(0, colon);
        String where = "the placeholder {" + inside + "} at column " + (open + 1) + " of '" + text + "'";
        if (name.equals("**")) {
            throw new TemplateException(where + ": {**} stands for whole path segments and must be a segment of "
                    + "its own, as in /files/{**}");
        }
        if (!name.equals("*") && !name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw new TemplateException(where + ": a placeholder's name is letters, digits, '_', '.' or '-', "
                    + "starting with a letter (or {*} for an unnamed one)");
        }
        if (colon < 0) {
            return "(?:" + piece.anyText + "?)";
        }
        String expression = inside.substring(colon + 1);
        if (expression.isEmpty()) {
            throw new TemplateException(where + ": the regular expression after ':' is empty");
        }
        try {
            Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw new TemplateException(where + ": '" + expression + "' is not a valid regular expression: "
                    + e.getDescription());
        }
        return "(?:" + expression + ")";
    }

    private static String quote(String literal) {
        return literal.isEmpty() ? "" : Pattern.quote(literal);
    }
}
