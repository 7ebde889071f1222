package netrec.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestUriTest {
    @Test
    void originFormTargetsGainTheConnectionsSchemeHostAndPort() {
        assertEquals("https://h:443/x", RequestUri.of(true, "h", 443, "/x"));
        assertEquals("http://[::1]:8080/x", RequestUri.of(false, "::1", 8080, "/x"));
    }

    @Test
    void absoluteFormTargetsKeepTheirHostAndGainTheirDefaultPort() {
        assertEquals("http://example.org:80/a?b", RequestUri.of(false, "proxy", 3128, "http://example.org/a?b"));
        assertEquals("https://example.org:8443/", RequestUri.of(true, "proxy", 3128, "https://example.org:8443/"));
    }

    @Test
    void userinfoIsNeverKept() {
        assertEquals("http://example.org:80/a", RequestUri.of(false, "proxy", 3128, "http://user:pass@example.org/a"));
        assertEquals("https://example.org:8443/a?x=@",
                RequestUri.of(true, "proxy", 3128, "https://u:p%40ss@example.org:8443/a?x=@"));
        assertEquals("http://example.org:80/", RequestUri.of(false, "proxy", 3128, "http://user:pass@example.org"));
    }

    @Test
    void bracesAreEscapedSoThatACassettesBracesAreAlwaysPlaceholders() {
        assertEquals("http://h:80/a%7Bb%7D", RequestUri.of(false, "h", 80, "/a{b}"));
    }
}
