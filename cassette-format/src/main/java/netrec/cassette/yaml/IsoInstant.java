package netrec.cassette.yaml;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@link Instant#toString()}'s text, written without {@code DateTimeFormatter}: the recorder writes a
 * {@code recorded-at} for every interaction, and the formatter was a good part of its writer thread's time and of
 * the JIT's work while a JVM warms up. The date and time of day are made once per second; the fraction, as
 * {@code toString} writes it, in groups of three digits, none when zero.
 */
final class IsoInstant {
    /** The second last formatted, and its text up to the seconds; replaced whole, so readers need no lock. */
    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private IsoInstant() {
    }

    static String format(Instant at) {
        long epochSecond = at.getEpochSecond();
        Second second = last;
        if (second.epochSecond != epochSecond) {
            LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
            if (time.getYear() < 1000 || time.getYear() > 9999) {
                return at.toString();
            }
            StringBuilder text = new StringBuilder(20).append(time.getYear()).append('-');
            twoDigits(text, time.getMonthValue()).append('-');
            twoDigits(text, time.getDayOfMonth()).append('T');
            twoDigits(text, time.getHour()).append(':');
            twoDigits(text, time.getMinute()).append(':');
            twoDigits(text, time.getSecond());
            second = new Second(epochSecond, text.toString());
            last = second;
        }
        int nanos = at.getNano();
        if (nanos == 0) {
            return second.text + "Z";
        }
        StringBuilder text = new StringBuilder(31).append(second.text).append('.');
        int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        String fraction = Integer.toString(1_000_000_000 + nanos);
        return text.append(fraction, 1, 1 + digits).append('Z').toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static final class Second {
        final long epochSecond;
        final String text;

        Second(long epochSecond, String text) {
            this.epochSecond = epochSecond;
            this.text = text;
        }
    }
}
