package netrec.runtime.replay.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlpnTest {
    private static final String[] BOTH = {"h2", "http/1.1"};

    @Test
    void theRecordedProtocolIsChosenWhenTheClientOffersIt() {
        assertEquals("h2", Alpn.choose(List.of("h2"), BOTH));
        assertEquals("http/1.1", Alpn.choose(List.of("http/1.1"), BOTH));
    }

    @Test
    void ofTheProtocolsRecordedWithTheServerTheClientGetsTheOneItPrefers() {
        assertEquals("h2", Alpn.choose(List.of("h2", "http/1.1"), BOTH));
        assertEquals("h2", Alpn.choose(List.of("http/1.1", "h2"), BOTH), "whichever connection was recorded last");
        assertEquals("http/1.1", Alpn.choose(List.of("h2", "http/1.1"), new String[] {"http/1.1"}));
    }

    @Test
    void aClientThatNoLongerOffersTheRecordedProtocolGetsHttp11OrNone() {
        assertEquals("http/1.1", Alpn.choose(List.of("h2"), new String[] {"http/1.1"}));
        assertEquals("", Alpn.choose(List.of("h2"), new String[] {"spdy/3"}));
    }

    @Test
    void noAlpnWhenNoneWasRecordedOrNoneIsOffered() {
        assertEquals("", Alpn.choose(List.of(), BOTH));
        assertEquals("", Alpn.choose(List.of("h2"), new String[0]));
        assertEquals("", Alpn.choose(List.of("h2"), null));
    }
}
