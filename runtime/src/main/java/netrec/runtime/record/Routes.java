package netrec.runtime.record;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What recording learns about where a JVM's connections go, beyond one connection: the servers the JDK's own TLS
 * talks to (TLS to any other is invisible to netrec), and the tunnels a proxy was asked to open, which TLS over NIO
 * learns its proxy from.
 */
public final class Routes {
    /** {@code host:port} and {@code :port} of servers the JDK's own TLS talks to. */
    private final Set<String> jdkTlsPeers = ConcurrentHashMap.newKeySet();
    /** {@code host:port} a proxy was asked to CONNECT to, and that proxy's {@code host:port}. */
    private final Map<String, String> tunnels = new ConcurrentHashMap<>();

    /** The JDK's TLS talks to {@code host:port}. */
    public void noteJdkTls(String host, int port) {
        jdkTlsPeers.add(key(host, port));
        jdkTlsPeers.add(":" + port);
    }

    /** True when TLS to {@code host:port} goes through the JDK's TLS, whose plaintext netrec sees. */
    boolean jdkTlsTo(String host, int port) {
        return jdkTlsPeers.contains(key(host, port)) || jdkTlsPeers.contains(":" + port);
    }

    /** The proxy ({@code host:port}) that tunnels to {@code host:port}, or empty. */
    public String proxyTo(String host, int port) {
        String via = tunnels.get(key(host, port));
        return via == null ? "" : via;
    }

    /** A CONNECT request on {@code connection} makes it a tunnel to the request's target. */
    void noteTunnel(RecordedConnection connection, byte[] bytes, int offset, int length) {
        if (length > 8 && bytes[offset] == 'C'
                && new String(bytes, offset, 8, StandardCharsets.US_ASCII).equals("CONNECT ")) {
            int end = offset + 8;
            while (end < offset + length && bytes[end] != ' ') {
                end++;
            }
            String target = new String(bytes, offset + 8, end - offset - 8, StandardCharsets.US_ASCII);
            tunnels.put(target.toLowerCase(Locale.ROOT), connection.host() + ":" + connection.port());
        }
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
