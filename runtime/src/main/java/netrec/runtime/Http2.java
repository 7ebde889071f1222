package netrec.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/2 kept out of ALPN, so that every HTTPS conversation is HTTP/1.1, which netrec records and replays. A stop-gap
 * until HTTP/2 is a protocol of its own: it changes what the application negotiates.
 */
final class Http2 {
    private Http2() {
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
