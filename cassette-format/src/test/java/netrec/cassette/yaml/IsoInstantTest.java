package netrec.cassette.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A recorded-at is written as {@link Instant#toString()} writes it, for every precision and second. */
class IsoInstantTest {
    @Test
    void everyInstantIsWrittenAsInstantToStringWritesIt() {
        List<Instant> edges = List.of(Instant.parse("2026-11-22T03:10:49Z"), Instant.parse("2026-11-22T03:10:49.100Z"),
                Instant.parse("2026-11-22T03:10:49.123456Z"), Instant.parse("2026-11-22T03:10:49.000000001Z"),
                Instant.parse("2026-12-31T23:59:59.999999999Z"), Instant.parse("2027-01-01T00:00:00.000001Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("0999-01-01T00:00:00.5Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-01T12:00:00Z"));
        for (Instant at : edges) {
            assertEquals(at.toString(), IsoInstant.format(at));
        }
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long second = 1_700_000_000L + random.nextInt(400_000_000);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(second, nanos);
            assertEquals(at.toString(), IsoInstant.format(at));
            assertEquals(at.plusNanos(1).toString(), IsoInstant.format(at.plusNanos(1)), "the same second again");
        }
    }

    @Test
    void theClockIsWrittenAsInstantToStringWritesIt() {
        Instant now = Instant.now();
        assertEquals(now.toString(), IsoInstant.format(now));
    }
}
