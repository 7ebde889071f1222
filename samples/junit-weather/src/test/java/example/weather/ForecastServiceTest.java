package example.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;

import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;

/** Each test gets its own cassette: src/test/resources/netrec/ForecastServiceTest/METHOD. */
@Netrec
class ForecastServiceTest {
    private final ForecastService forecasts = new ForecastService(Api.URL);

    @Test
    void parisIsSunny() throws Exception {
        assertEquals("sunny", forecasts.sky("Paris"));
    }

    @Test
    void osloIsSnowing() throws Exception {
        assertEquals("snow", forecasts.sky("Oslo"));
    }
}
