package netrec.runtime.replay.report;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netrec.cassette.Redacted;
import netrec.cassette.Redaction;

/**
 * A miss as netrec tells it on stderr and in {@code replay-misses.txt}, with the values the recorder keeps out of
 * cassettes written as {@value Redacted#QUERY_VALUE}: a request names what the client sent (a signed URL, an
 * {@code api_key}, an {@code Authorization} header a rule compares), and stderr ends up in CI logs. The values are
 * found where a miss shows them: {@code name=value} (a URI's query, a form, the query a rule compares), {@code header
 * NAME is 'value'}, a JSON {@code "name": "value"} or difference {@code at .name: "value"}, and a Redis password in
 * the bytes of a raw TCP turn. The exception the client gets keeps its request as it sent
 * it: that is the application's own.
 */
final class SecretsOut {
    private static final Pattern FIELD = Pattern.compile("(?<=[?&\\s;:(,]|^)([A-Za-z0-9_.~%-]+)=([^&\\s,;)]*)");
    private static final Pattern HEADER = Pattern.compile("(header (\\S+) is )('[^']*'|\\[[^\\]]*\\])");
    private static final Pattern JSON = Pattern.compile("(\"([^\"\\\\]+)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    /** A JSON difference: {@code at .user.password: "value"} (cut at the end when long). */
    private static final Pattern JSON_AT = Pattern.compile("(at \\S*?\\.?([A-Za-z0-9_-]+): )\"(?:[^\"\\\\]|\\\\.)*\"?");
    /**
     * A Redis password in a raw TCP turn as a miss shows it ({@code AUTH\r\n[$N\r\nuser\r\n]$N\r\npassword},
     * escaped), also within {@code HELLO}.
     */
    private static final Pattern REDIS_PASSWORD = Pattern.compile(
            "(?i)(AUTH\\\\r\\\\n(?:\\$\\d+\\\\r\\\\n[^\\\\']*\\\\r\\\\n(?=\\$))?)\\$\\d+\\\\r\\\\n[^\\\\']*");

    private final Redaction redaction;

    SecretsOut(Redaction redaction) {
        this.redaction = redaction;
    }

    /** {@code text} with every secret value it shows written as {@value Redacted#QUERY_VALUE}. */
    String from(String text) {
        if (redaction.none() || text == null) {
            return text;
        }
        boolean signed = signed(text);
        String out = replace(FIELD.matcher(text), 1, name -> signed ? redaction.redactsInSignedQuery(name)
                : redaction.redacts(name), "$1=" + Redacted.QUERY_VALUE);
        out = replace(HEADER.matcher(out), 2, redaction::redacts, "$1'" + Redacted.QUERY_VALUE + "'");
        out = replace(JSON.matcher(out), 2, redaction::redacts, "$1\"" + Redacted.QUERY_VALUE + "\"");
        out = replace(JSON_AT.matcher(out), 2, redaction::redacts, "$1\"" + Redacted.QUERY_VALUE + "\"");
        return redaction.redacts("password") ? REDIS_PASSWORD.matcher(out).replaceAll("$1"
                + Matcher.quoteReplacement(Redacted.BULK_STRING)) : out;
    }

    /** Whether a field of {@code text} signs a URL, which makes the times it covers secrets too. */
    private boolean signed(String text) {
        Matcher fields = FIELD.matcher(text);
        while (fields.find()) {
            if (redaction.signs(decoded(fields.group(1)))) {
                return true;
            }
        }
        return false;
    }

    private static String replace(Matcher matcher, int nameGroup, Predicate<String> secret, String replacement) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = decoded(matcher.group(nameGroup));
            matcher.appendReplacement(out, secret.test(name) ? replacement : Matcher.quoteReplacement(matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
