package example.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;

/** One cassette for the class, strict: a recorded call these tests stop making fails the run. */
@Netrec(value = "alerts", strict = true)
class AlertServiceTest {
    private final AlertService alerts = new AlertService(Api.URL);

    @Test
    void northHasAStormWarning() throws Exception {
        assertEquals(List.of("Storm warning", "Ice on roads"), alerts.alerts("north"));
    }

    @Test
    void southIsQuiet() throws Exception {
        assertEquals(List.of(), alerts.alerts("south"));
    }
}
