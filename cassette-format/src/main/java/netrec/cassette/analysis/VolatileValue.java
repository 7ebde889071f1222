package netrec.cassette.analysis;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of value that change from one run of a job to the next and that netrec can recognise on sight, each
 * with the placeholder that stands for it. Times count only within a week of the recording, so that a fixed date
 * in a URL is not taken for a clock reading.
 */
enum VolatileValue {
    UUID("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "{uuid:[0-9a-fA-F-]{36}}"),
    SNAPSHOT("(?<![0-9])[0-9]{8}\\.[0-9]{6}-[0-9]+(?![0-9])", "{snapshot:[0-9]{8}\\.[0-9]{6}-[0-9]+}"),
    TIMESTAMP("(?<![0-9])([0-9]{4}-[0-9]{2}-[0-9]{2})T[0-9]{2}(?::|%3A)[0-9]{2}(?:(?::|%3A)[0-9]{2}(?:\\.[0-9]+)?)?"
            + "(?:Z|(?:[+-]|%2B)[0-9]{2}(?::|%3A)?[0-9]{2})?", "{timestamp}"),
    EPOCH_MILLIS("(?<![0-9])1[0-9]{12}(?![0-9])", "{epochMillis:[0-9]{13}}"),
    EPOCH_SECONDS("(?<![0-9])1[0-9]{9}(?![0-9])", "{epochSeconds:[0-9]{10}}");

    private static final Duration NEAR = Duration.ofDays(7);

    private final Pattern pattern;
    private final String placeholder;

    VolatileValue(String regex, String placeholder) {
        this.pattern = Pattern.compile(regex);
        this.placeholder = placeholder;
    }

    String placeholder() {
        return placeholder;
    }

    /** True when all of {@code text} is a value of this kind, wherever its time lies. */
    boolean isAll(String text) {
        return pattern.matcher(text).matches();
    }

    /**
     * {@code text} with every value of every kind found in it, recorded near {@code recordedAt}, replaced by its
     * placeholder; the text itself when none is found.
     */
    static String templatize(String text, Instant recordedAt) {
        String result = text;
        for (VolatileValue kind : values()) {
            result = kind.replaceIn(result, recordedAt);
        }
        return result;
    }

    /** The placeholder for a value known to change between runs: its kind's when it has one. */
    static VolatileValue kindOf(String value) {
        for (VolatileValue kind : values()) {
            if (kind.isAll(value)) {
                return kind;
            }
        }
        return null;
    }

    private String replaceIn(String text, Instant recordedAt) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (insidePlaceholder(text, m.start()) || !isVolatile(m, recordedAt)) {
                continue;
            }
            out.append(text, last, m.start()).append(placeholder);
            last = m.end();
        }
        return last == 0 ? text : out.append(text.substring(last)).toString();
    }

    private boolean isVolatile(Matcher m, Instant recordedAt) {
        switch (this) {
            case EPOCH_MILLIS:
                return near(Instant.ofEpochMilli(Long.parseLong(m.group())), recordedAt);
            case EPOCH_SECONDS:
                return near(Instant.ofEpochSecond(Long.parseLong(m.group())), recordedAt);
            case TIMESTAMP:
                try {
                    return near(LocalDate.parse(m.group(1)).atStartOfDay().toInstant(ZoneOffset.UTC), recordedAt);
                } catch (DateTimeParseException notADate) {
                    return false;
                }
            default:
                return true;
        }
    }

    private static boolean near(Instant value, Instant recordedAt) {
        return Duration.between(value, recordedAt).abs().compareTo(NEAR) <= 0;
    }

    /** True when {@code index} falls within a placeholder already written (a template, or one just made). */
    private static boolean insidePlaceholder(String text, int index) {
        int depth = 0;
        for (int i = 0; i < index; i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
        }
        return depth > 0;
    }
}
