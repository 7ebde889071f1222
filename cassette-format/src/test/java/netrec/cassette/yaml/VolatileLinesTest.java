package netrec.cassette.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Pace;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import org.junit.jupiter.api.Test;

/**
 * Two recordings of the same traffic differ in format 5's {@code connection:} and {@code pace:} lines, which their
 * entries' comparison leaves out, as it leaves out {@code recorded-at} and the server's clock; the answer is not.
 */
class VolatileLinesTest {
    private static Interaction entry(Instant at, String body, int connection, Pace pace) {
        return new Interaction(at, new Server("api.example", 443, "192.0.2.1", "", null),
                new RecordedRequest("GET", "https://api.example:443/events", Headers.none(), Body.empty()),
                new RecordedResponse(200, "OK", Headers.of(List.of(new Headers.Field("Date", at.toString()))),
                        Body.text(body)).withPace(pace), "").inConnection(connection);
    }

    private static final Pace SLOW = Pace.of(List.of(new Pace.Point(0, 40), new Pace.Point(5, 240)));

    @Test
    void anotherConnectionNumberAndPaceOrNoneAreTheSameEntry() {
        Instant monday = Instant.parse("2026-11-23T09:15:00.123Z");
        Instant later = Instant.parse("2026-11-23T17:40:12.456Z");
        String slow = CassetteYaml.entry(entry(monday, "a b c", 3, SLOW));
        String quick = CassetteYaml.entry(entry(later, "a b c", 17, Pace.none()));
        assertEquals(VolatileLines.masked(slow), VolatileLines.masked(quick));
        assertNotEquals(VolatileLines.masked(slow), VolatileLines.masked(CassetteYaml.entry(entry(later, "a b C", 17,
                Pace.none()))), "the answer changed");
    }

    @Test
    void paceWrittenAsABlockIsLeftOutToo() {
        Instant monday = Instant.parse("2026-11-23T09:15:00.123Z");
        String block = CassetteYaml.entryByJackson(entry(monday, "a b c", 3, SLOW));
        String none = CassetteYaml.entryByJackson(entry(monday, "a b c", 3, Pace.none()));
        assertEquals(VolatileLines.masked(none), VolatileLines.masked(block), block);
    }

    @Test
    void aChangedEntryKeepsThePaceItHadOrItsLackOfOne() {
        Instant monday = Instant.parse("2026-11-23T09:15:00.123Z");
        String slowSunny = CassetteYaml.entry(entry(monday, "sunny", 3, SLOW));
        String quickRainy = CassetteYaml.entry(entry(monday, "rainy", 3, Pace.none()));
        String slowRainy = CassetteYaml.entry(entry(monday, "rainy", 3, SLOW));

        assertEquals(slowRainy, VolatileLines.withPaceOf(quickRainy, slowSunny), "the pace it had comes back");
        assertEquals(quickRainy, VolatileLines.withPaceOf(slowRainy, CassetteYaml.entry(entry(monday, "sunny", 3,
                Pace.none()))), "and the one it did not have stays out");
    }
}
