package netrec.cassette;

import java.util.Objects;

/**
 * The server end of the connection an interaction travelled on.
 *
 * <p>{@code host} is the name the application asked for (or the address literal it used); {@code address} is the
 * IP address the connection reached. {@code via} is the {@code host:port} of the HTTP proxy whose CONNECT tunnel
 * carried the connection, empty without one (then {@code address} is the proxy's). {@code tls} is null for plain
 * connections.
 */
public final class Server {
    private final String host;
    private final int port;
    private final String address;
    private final String via;
    private final Tls tls;

    public Server(String host, int port, String address, String via, Tls tls) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a TCP port is 0..65535, not " + port);
        }
        this.port = port;
        this.address = address == null ? "" : address;
        this.via = via == null ? "" : via;
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

    /** {@code proxyhost:port} of the tunnel this connection went through; empty when it went direct. */
    public String via() {
        return via;
    }

    public Tls tls() {
        return tls;
    }

    /** True when {@link #host} is an IP address literal rather than a name, so that DNS had no part in it. */
    public boolean hostIsAddress() {
        return host.indexOf(':') >= 0 || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    @Override
    public String toString() {
        return host + ":" + port + (tls == null ? "" : " (TLS)");
    }
}
