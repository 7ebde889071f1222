package netrec.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code http2=downgrade}: HTTP/2 kept out of ALPN, so that every HTTPS conversation is HTTP/1.1, for users who want
 * their cassettes in HTTP/1.1. It changes what the application negotiates; by default netrec leaves ALPN alone and
 * records HTTP/2 as it is.
 */
final class Http2Downgrade {
    private Http2Downgrade() {
    }

    /** {@code protocols} without {@code h2}; {@code http/1.1} when nothing else is left. */
    static String[] withoutH2(String[] protocols) {
        List<String> kept = new ArrayList<>();
        for (String protocol : protocols) {
            if (!"h2".equals(protocol)) {
                kept.add(protocol);
            }
        }
        if (kept.size() == protocols.length) {
            return protocols;
        }
        if (kept.isEmpty()) {
            kept.add("http/1.1");
        }
        return kept.toArray(new String[0]);
    }
}
