package netrec.tools.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import netrec.cassette.Headers;
import netrec.tools.command.UsageException;

/**
 * Filter expressions in the manner of mitmproxy's, for {@code list --filter} (view.html carries the same language in
 * JavaScript; ViewIT checks in a browser that both pick the same interactions):
 *
 * <pre>
 *   ~d REGEX   host          ~m REGEX  method        ~c CODE   response status
 *   ~u REGEX   URL           ~h REGEX  a header line ("Name: value"), request or response; ~hq request, ~hs response
 *   ~b REGEX   body text, request or response; ~bq request, ~bs response
 *   ~t REGEX   Content-Type, request or response; ~tq, ~ts
 *   ~q         no response   ~s        has a response
 *   !X  X &amp; Y  X | Y  (X)     X Y means X &amp; Y; a bare REGEX means ~u REGEX
 * </pre>
 *
 * Regular expressions find a match anywhere, ignoring case; a value with spaces is quoted ("..." or '...').
 */
public final class FlowFilter {
    private final Predicate<Flow> predicate;

    private FlowFilter(Predicate<Flow> predicate) {
        this.predicate = predicate;
    }

    public boolean matches(Flow flow) {
        return predicate.test(flow);
    }

    /** @throws UsageException naming where the expression is wrong */
    public static FlowFilter parse(String expression) {
        Parser parser = new Parser(expression);
        Predicate<Flow> predicate = parser.or();
        if (parser.peek() != null) {
            throw parser.error("unexpected '" + parser.peek() + "'");
        }
        return new FlowFilter(predicate);
    }

    private static final class Parser {
        private final String text;
        private final List<String> tokens = new ArrayList<>();
        private int next;

        Parser(String text) {
            this.text = text;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if ("!&|()".indexOf(c) >= 0) {
                    tokens.add(String.valueOf(c));
                    i++;
                } else if (c == '"' || c == '\'') {
                    int end = text.indexOf(c, i + 1);
                    if (end < 0) {
                        throw new UsageException("filter '" + text + "': the quote at column " + (i + 1)
                                + " is not closed");
                    }
                    tokens.add("\u0000" + text.substring(i + 1, end));
                    i = end + 1;
                } else {
                    int start = i;
                    while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                            && "!&|()".indexOf(text.charAt(i)) < 0) {
                        i++;
                    }
                    tokens.add(text.substring(start, i));
                }
            }
            if (tokens.isEmpty()) {
                throw new UsageException("filter is empty; try ~m POST, ~c 404, ~d example.com, or see README");
            }
        }

        String peek() {
            return next < tokens.size() ? tokens.get(next).replace("\u0000", "") : null;
        }

        UsageException error(String what) {
            return new UsageException("filter '" + text + "': " + what + "; valid: ~d ~m ~c ~u ~h ~hq ~hs ~b ~bq ~bs "
                    + "~t ~tq ~ts ~q ~s, ! & | ( ), or a bare URL regex");
        }

        Predicate<Flow> or() {
            Predicate<Flow> left = and();
            while ("|".equals(peek())) {
                next++;
                left = left.or(and());
            }
            return left;
        }

        Predicate<Flow> and() {
            Predicate<Flow> left = not();
            while (peek() != null && !"|".equals(peek()) && !")".equals(peek())) {
                if ("&".equals(peek())) {
                    next++;
                }
                left = left.and(not());
            }
            return left;
        }

        Predicate<Flow> not() {
            if ("!".equals(peek())) {
                next++;
                return not().negate();
            }
            if ("(".equals(peek())) {
                next++;
                Predicate<Flow> inner = or();
                if (!")".equals(peek())) {
                    throw error("a '(' is not closed");
                }
                next++;
                return inner;
            }
            return simple();
        }

        Predicate<Flow> simple() {
            String raw = next < tokens.size() ? tokens.get(next++) : null;
            if (raw == null) {
                throw error("it ends where a filter should follow");
            }
            boolean quoted = raw.startsWith("\u0000");
            String token = raw.replace("\u0000", "");
            if (quoted || !token.startsWith("~")) {
                Pattern url = regex(token);
                return f -> url.matcher(f.interaction().request().uri()).find();
            }
            switch (token) {
                case "~q":
                    return f -> f.interaction().response().isUnanswered();
                case "~s":
                    return f -> !f.interaction().response().isUnanswered();
                case "~c":
                    String code = argument(token);
                    if (!code.matches("[0-9]{3}")) {
                        throw error("~c needs a status code such as 404, not '" + code + "'");
                    }
                    return f -> !f.interaction().response().isUnanswered()
                            && String.valueOf(f.interaction().response().status()).equals(code);
                case "~d":
                    return text(token, f -> f.interaction().server().host());
                case "~m":
                    return text(token, f -> f.interaction().request().method());
                case "~u":
                    return text(token, f -> f.interaction().request().uri());
                case "~h":
                    return text(token, f -> headerLines(f.interaction().request().headers())
                            + headerLines(responseHeaders(f)));
                case "~hq":
                    return text(token, f -> headerLines(f.interaction().request().headers()));
                case "~hs":
                    return text(token, f -> headerLines(responseHeaders(f)));
                case "~b":
                    return text(token, f -> f.requestBody() + "\n" + f.responseBody());
                case "~bq":
                    return text(token, Flow::requestBody);
                case "~bs":
                    return text(token, Flow::responseBody);
                case "~t":
                    return text(token, f -> type(f.interaction().request().headers()) + "\n"
                            + type(responseHeaders(f)));
                case "~tq":
                    return text(token, f -> type(f.interaction().request().headers()));
                case "~ts":
                    return text(token, f -> type(responseHeaders(f)));
                default:
                    throw error("unknown filter '" + token + "'");
            }
        }

        private Predicate<Flow> text(String token, Function<Flow, String> field) {
            Pattern pattern = regex(argument(token));
            return f -> pattern.matcher(field.apply(f)).find();
        }

        private String argument(String token) {
            if (next >= tokens.size() || "!&|()".contains(tokens.get(next))) {
                throw error(token + " needs a value");
            }
            return tokens.get(next++).replace("\u0000", "");
        }

        private Pattern regex(String value) {
            try {
                return Pattern.compile(value, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                throw error("'" + value + "' is not a regular expression (" + e.getDescription() + ")");
            }
        }
    }

    private static Headers responseHeaders(Flow flow) {
        return flow.interaction().response().isUnanswered() ? Headers.none() : flow.interaction().response().headers();
    }

    private static String headerLines(Headers headers) {
        StringBuilder lines = new StringBuilder();
        for (Headers.Field field : headers.fields()) {
            lines.append(field.name()).append(": ").append(field.value()).append('\n');
        }
        return lines.toString();
    }

    private static String type(Headers headers) {
        String type = headers.first("Content-Type");
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }
}
