package netrec.cassette;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A response's pace keeps the parts that took their time, folding what came close together into one point. */
class PaceTest {
    private static final long MS = 1_000_000L;

    @Test
    void partsThatComeWithinTheGapCountAsComingWithThePointBefore() {
        Pace.Recording recording = new Pace.Recording(0);
        recording.arrived(0, 9 * MS);
        recording.arrived(11, 10 * MS);
        recording.arrived(22, 309 * MS);
        recording.arrived(30, 315 * MS);
        recording.arrived(35, 610 * MS);

        assertEquals("[[11, 9], [30, 309], [35, 610]]", recording.finish().points().toString());
    }

    @Test
    void aResponseThatCameAtOnceHasNoPace() {
        Pace.Recording recording = new Pace.Recording(0);
        recording.arrived(0, 3 * MS);
        recording.arrived(1_000_000, 12 * MS);

        assertTrue(recording.finish().isEmpty());
    }

    @Test
    void aLongPollsLateHeadIsKept() {
        Pace.Recording recording = new Pace.Recording(0);
        recording.arrived(0, 30_000 * MS);
        recording.arrived(2, 30_001 * MS);

        assertEquals("[[2, 30000]]", recording.finish().points().toString());
    }

    @Test
    void aPaceNeverGoesBack() {
        assertThrows(IllegalArgumentException.class, () -> Pace.of(List.of(new Pace.Point(10, 5),
                new Pace.Point(5, 6))));
    }
}
