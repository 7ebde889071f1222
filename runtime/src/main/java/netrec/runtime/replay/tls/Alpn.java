package netrec.runtime.replay.tls;

import java.util.Arrays;
import java.util.List;

/**
 * The application protocol a replayed TLS handshake settles on: the recorded one when the client offers it, as the
 * server chose it then. A client that no longer offers it (recorded over HTTP/2, replayed with
 * {@code http2=downgrade}) gets {@code http/1.1} if it offers that, and no ALPN otherwise; replay answers either
 * protocol from the same interactions.
 */
final class Alpn {
    private Alpn() {
    }

    /** {@code recorded} ("" when none was negotiated) as far as {@code offered} allows; "" for none. */
    static String choose(String recorded, String[] offered) {
        List<String> offers = offered == null ? List.of() : Arrays.asList(offered);
        if (recorded == null || recorded.isEmpty() || offers.isEmpty()) {
            return "";
        }
        if (offers.contains(recorded)) {
            return recorded;
        }
        return offers.contains("http/1.1") ? "http/1.1" : "";
    }
}
