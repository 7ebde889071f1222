package netrec.runtime.replay.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AlpnTest {
    private static final String[] BOTH = {"h2", "http/1.1"};

    @Test
    void theRecordedProtocolIsChosenWhenTheClientOffersIt() {
        assertEquals("h2", Alpn.choose("h2", BOTH));
        assertEquals("http/1.1", Alpn.choose("http/1.1", BOTH));
    }

    @Test
    void aClientThatNoLongerOffersTheRecordedProtocolGetsHttp11OrNone() {
        assertEquals("http/1.1", Alpn.choose("h2", new String[] {"http/1.1"}));
        assertEquals("", Alpn.choose("h2", new String[] {"spdy/3"}));
    }

    @Test
    void noAlpnWhenNoneWasRecordedOrNoneIsOffered() {
        assertEquals("", Alpn.choose("", BOTH));
        assertEquals("", Alpn.choose("h2", new String[0]));
        assertEquals("", Alpn.choose("h2", null));
    }
}
