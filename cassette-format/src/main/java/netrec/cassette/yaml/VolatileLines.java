package netrec.cassette.yaml;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a recorded entry that change by themselves from one recording of the same traffic to the next: when
 * it was recorded ({@code recorded-at}), when each message of a conversation came ({@code at:}), when the parts of a
 * response came ({@code pace:}, format 5, which is there only when the response took its time, so the line itself
 * comes and goes), the number of the connection it came over ({@code connection:}, format 5: a count of the
 * recording JVM's connections, which other traffic of that JVM and a pool's choices move), the address a name
 * resolved to (round-robin DNS), where a TCP client turn came among the recording's ({@code order:}, format 6, which
 * the other connections' traffic moves), and response headers that carry the server's clock or a per-request id. Two
 * recordings whose entries differ only there recorded the same traffic. Format changes that add timings add their
 * lines here.
 */
final class VolatileLines {
    /** Headers whose values the server's clock or a per-request counter makes, whatever the answer. */
    private static final Set<String> HEADERS = Set.of("date", "expires", "age", "x-request-id", "request-id",
            "x-amzn-requestid", "x-amz-request-id", "x-amz-id-2", "x-amz-cf-id", "cf-ray", "x-github-request-id",
            "x-runtime", "x-response-time", "server-timing", "x-served-by", "x-timer", "x-cache-hits");
    private static final Pattern RECORDED_AT = Pattern.compile("(?m)^(  - recorded-at: ).*$");
    private static final Pattern AT = Pattern.compile("(?m)^(        at: )\\d+$");
    /**
     * A response's pace (format 5): when its parts arrived, in milliseconds; the last key of a response, written on
     * one line ({@code pace: [[0, 3], ...]}) or, by Jackson, as a block of deeper lines. Masked by leaving it out.
     */
    private static final Pattern PACE = Pattern.compile("(?m)^      pace:(?: .*)?\\n(?:        .*\\n)*");
    /** The number of the connection an entry came over (format 5), counted across the recording JVM. */
    static final Pattern CONNECTION = Pattern.compile("(?m)^(    connection: )(\\d+)$");
    /**
     * Where a TCP client turn came among the recording's (format 6), counted across the recording: the line after a
     * client message's {@code at:}, never a line of a body that reads the same.
     */
    static final Pattern ORDER = Pattern.compile("(?m)^(      - from: client\n        at: \\d+\n        order: )(\\d+)$");
    private static final Pattern ADDRESS = Pattern.compile("(?m)^(      address: ).*$");
    private static final Pattern LOOKUP_ADDRESS = Pattern.compile("(?m)^(      - )[0-9a-fA-F.:%\\[\\]]+$");
    /** A header line of a request, a response or trailers: eight spaces, its name, a colon. */
    private static final Pattern HEADER = Pattern.compile("^        ([A-Za-z0-9!#$%&'*+.^_`|~-]+): ");

    private VolatileLines() {
    }

    /** {@code entry} with what changes by itself blanked out: equal for two recordings of the same traffic. */
    static String masked(String entry) {
        String masked = RECORDED_AT.matcher(entry).replaceAll("$1~");
        masked = AT.matcher(masked).replaceAll("$1~");
        masked = PACE.matcher(masked).replaceAll("");
        masked = CONNECTION.matcher(masked).replaceAll("$1~");
        masked = ORDER.matcher(masked).replaceAll("$1~");
        masked = ADDRESS.matcher(masked).replaceAll("$1~");
        if (masked.contains("\n    lookup: ")) {
            masked = LOOKUP_ADDRESS.matcher(masked).replaceAll("$1~");
        }
        StringBuilder out = new StringBuilder(masked.length());
        for (String line : masked.split("(?<=\n)")) {
            String header = clockHeader(line);
            out.append(header == null ? line : "        " + header + ": ~\n");
        }
        return out.toString();
    }

    /**
     * What {@code line} is when an entry that changed keeps it as it was before, so that its diff shows what changed:
     * a header whose value changes by itself (its name, lower case), or the address the server was reached at
     * ({@code address}); null for any other line.
     */
    static String keptWhenChanged(String line) {
        return ADDRESS.matcher(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line).matches()
                ? "address" : clockHeader(line);
    }

    /**
     * {@code fresh} with the pace {@code old} had (its {@code pace:} line, or none), as an entry that changed keeps
     * it: the line comes and goes with how long a response took, which is no change of the answer.
     */
    static String withPaceOf(String fresh, String old) {
        Matcher before = PACE.matcher(old);
        String kept = before.find() ? before.group() : "";
        Matcher now = PACE.matcher(fresh);
        if (now.find()) {
            return fresh.substring(0, now.start()) + kept + fresh.substring(now.end());
        }
        int end = endOfResponse(fresh);
        return kept.isEmpty() || end < 0 ? fresh : fresh.substring(0, end) + kept + fresh.substring(end);
    }

    /** Where an entry's response ends (its pace, the response's last key, goes there); -1 when it has none. */
    private static int endOfResponse(String entry) {
        String start = "\n    response:\n";
        int response = entry.indexOf(start);
        if (response < 0) {
            return -1;
        }
        int line = response + start.length();
        while (line < entry.length() && entry.startsWith("      ", line)) {
            int next = entry.indexOf('\n', line);
            line = next < 0 ? entry.length() : next + 1;
        }
        return line;
    }

    /** The name of the header on {@code line} when it is one whose value changes by itself (lower case), else null. */
    static String clockHeader(String line) {
        Matcher header = HEADER.matcher(line);
        if (!header.find()) {
            return null;
        }
        String name = header.group(1).toLowerCase(Locale.ROOT);
        return HEADERS.contains(name) ? name : null;
    }
}
