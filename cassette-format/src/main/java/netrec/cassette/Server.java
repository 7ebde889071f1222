package netrec.cassette;

import java.util.Objects;

/**
 * The server end of the connection an interaction travelled on.
 *
 * <p>{@code host} is the name the application asked for (or the address literal it used); {@code address} is the
 * IP address the connection reached, empty when it went through a proxy's tunnel and the address of the final
 * server was never seen. {@code tls} is null for plain connections.
 */
public final class Server {
    private final String host;
    private final int port;
    private final String address;
    private final Tls tls;

    public Server(String host, int port, String address, Tls tls) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a TCP port is 0..65535, not " + port);
        }
        this.port = port;
        this.address = address == null ? "" : address;
        this.tls = tls;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String address() {
        return address;
    }

    public Tls tls() {
        return tls;
    }

    @Override
    public String toString() {
        return host + ":" + port + (tls == null ? "" : " (TLS)");
    }
}
