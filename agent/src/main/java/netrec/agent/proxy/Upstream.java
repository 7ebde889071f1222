package netrec.agent.proxy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy a command's programs were given before netrec's took its place ({@code https_proxy}, {@code http_proxy}
 * or their upper-case forms), for the {@link ChildrenProxy} to reach servers through while recording, as the programs
 * would have. Replay reaches no server, so it has none.
 */
final class Upstream {
    /** No proxy: servers are reached directly. */
    static final Upstream NONE = new Upstream(null, null);

    private final URI tunnels;
    private final URI plainHttp;

    private Upstream(URI tunnels, URI plainHttp) {
        this.tunnels = tunnels;
        this.plainHttp = plainHttp;
    }

    /**
     * The proxies {@code environment} names, read as curl reads them: {@code https_proxy} for HTTPS (and any
     * {@code CONNECT}), {@code http_proxy} for plain HTTP, the lower-case name first.
     *
     * @throws IllegalArgumentException when a value is not an {@code http://} proxy URL with a host
     */
    static Upstream of(Map<String, String> environment) {
        return new Upstream(proxy(environment, "https_proxy"), proxy(environment, "http_proxy"));
    }

    /** The proxy to open tunnels ({@code CONNECT}) through, or null: directly. */
    URI forTunnels() {
        return tunnels;
    }

    /** The proxy to send plain-HTTP requests to, or null: directly. */
    URI forPlainHttp() {
        return plainHttp;
    }

    /** The {@code Proxy-Authorization} value for a proxy URL's {@code user:password}, or null when it has none. */
    static String authorization(URI proxy) {
        String user = proxy.getRawUserInfo();
        return user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                URLDecoder.decode(user, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code value} with any {@code user:password@} taken out, to be said. */
    private static String withoutUser(String value) {
        int at = value.lastIndexOf('@');
        int scheme = value.indexOf("://");
        return at < 0 ? value : value.substring(0, scheme < 0 ? 0 : scheme + 3) + "..." + value.substring(at);
    }

    private static URI proxy(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            value = environment.get(name.toUpperCase(Locale.ROOT));
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        URI proxy;
        try {
            proxy = URI.create(value.contains("://") ? value.trim() : "http://" + value.trim());
        } catch (IllegalArgumentException notAUrl) {
            proxy = null;
        }
        if (proxy == null || !"http".equals(proxy.getScheme()) || proxy.getHost() == null) {
            throw new IllegalArgumentException(name + " is " + withoutUser(value) + ": netrec's proxy goes on "
                    + "through an http:// proxy with a host only");
        }
        return proxy.getPort() < 0 ? URI.create("http://" + (proxy.getRawUserInfo() == null ? ""
                : proxy.getRawUserInfo() + "@") + proxy.getHost() + ":1080") : proxy; // curl's default port
    }
}
