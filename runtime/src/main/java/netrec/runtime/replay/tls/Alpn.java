package netrec.runtime.replay.tls;

import java.util.Arrays;
import java.util.List;

/**
 * The application protocol a replayed TLS handshake settles on: of those the server chose when recorded (a cassette
 * may hold HTTP/2 and HTTP/1.1 connections to one server, made by different clients), the one this client prefers
 * among its offers, as that server chose for such a client then. A client that offers none of them (recorded over
 * HTTP/2, replayed with {@code http2=downgrade}) gets {@code http/1.1} if it offers that, and no ALPN otherwise;
 * replay answers either protocol from the same interactions.
 */
final class Alpn {
    private Alpn() {
    }

    /** One of {@code recorded} (those negotiated; none when empty) as far as {@code offered} allows; "" for none. */
    static String choose(List<String> recorded, String[] offered) {
        List<String> offers = offered == null ? List.of() : Arrays.asList(offered);
        if (recorded.isEmpty() || offers.isEmpty()) {
            return "";
        }
        for (String offer : offers) {
            if (recorded.contains(offer)) {
                return offer;
            }
        }
        return offers.contains("http/1.1") ? "http/1.1" : "";
    }
}
