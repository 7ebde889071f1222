package netrec.runtime.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import netrec.cassette.Pace;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = 1_000_000L;

    /** Head at 100 ms, then three events of 10 bytes, 300 ms apart. */
    private static final Pace EVENTS = Pace.of(List.of(new Pace.Point(0, 100), new Pace.Point(10, 100),
            new Pace.Point(20, 400), new Pace.Point(30, 700)));

    private long now;

    @Test
    void partsGoNoSoonerThanTheyCameAfterTheRequest() {
        Pacer pacer = new Pacer(EVENTS, 0, () -> now);

        assertEquals(100 * MS, pacer.dueAt(-1));
        assertEquals(100 * MS, pacer.dueAt(0));
        now = 99 * MS;
        assertEquals(0, pacer.allowedNow(0));
        now = 100 * MS;
        assertEquals(10, pacer.allowedNow(0));
        assertEquals(400 * MS, pacer.dueAt(10));
        now = 400 * MS;
        assertEquals(10, pacer.allowedNow(10));
        now = 699 * MS;
        assertEquals(0, pacer.allowedNow(20));
        now = 700 * MS;
        assertEquals(Long.MAX_VALUE, pacer.allowedNow(20), "the last part is due: all that is left may go");
        assertEquals(Long.MIN_VALUE, pacer.dueAt(30));
    }

    @Test
    void aPartThatWentLateDoesNotShortenTheGapToTheNext() {
        Pacer pacer = new Pacer(EVENTS, 0, () -> now);

        now = 350 * MS; // the first event went 250 ms late
        assertEquals(10, pacer.allowedNow(0));
        assertEquals(650 * MS, pacer.dueAt(10), "300 ms after the first event went, as recorded");
        now = 649 * MS;
        assertEquals(0, pacer.allowedNow(10));
        now = 650 * MS;
        assertEquals(10, pacer.allowedNow(10));
        assertEquals(950 * MS, pacer.dueAt(20));
    }

    @Test
    void theFirstPartKeepsItsGapAfterALateHead() {
        Pace headThenEvent = Pace.of(List.of(new Pace.Point(0, 100), new Pace.Point(10, 400)));
        Pacer pacer = new Pacer(headThenEvent, 0, () -> now);

        now = 300 * MS;
        pacer.headSent();

        assertEquals(600 * MS, pacer.dueAt(0));
    }

    @Test
    void aBlockingSenderIsAllowedOnePartAtATime() throws Exception {
        // the request was whole a second ago: every part is past its time after it, only the gaps hold them back;
        // the clock stands still, at a time that has already come, so nothing sleeps
        long at = System.nanoTime();
        Pacer pacer = new Pacer(EVENTS, at - 1_000 * MS, () -> at);

        pacer.awaitHead();
        assertEquals(10, pacer.allow(0), "the first event came with the head");
        assertEquals(at + 300 * MS, pacer.dueAt(10), "the second event waits its gap after the first went");
    }
}
