package netrec.runtime.replay.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import netrec.runtime.base.ArrayReadInputStream;
import netrec.runtime.protocol.Protocol;

/**
 * What a replayed {@code java.net.Socket} runs on instead of the JDK's own socket: its connect opens nothing, and
 * its streams are an {@link InProcessExchange}, so each request is answered on the client's thread with no socket,
 * no thread hand-off and no system call. The {@code Socket} object the application holds is unchanged: only the
 * implementation behind it is swapped, at the start of its connect. Options are kept and answered as a connected
 * socket would answer them.
 */
public final class InProcessSocketImpl extends SocketImpl {
    /**
     * The JDK's own implementations, the ones replay swaps. A SOCKS or HTTP proxy's are among them: recording saw
     * the traffic at the destination the application named, past the proxy, and replay answers it there.
     */
    private static final Set<String> JDK_IMPLEMENTATIONS = Set.of("sun.nio.ch.NioSocketImpl",
            "java.net.PlainSocketImpl", "java.net.SocksSocketImpl", "java.net.HttpConnectSocketImpl");
    private static final int FIRST_EPHEMERAL_PORT = 49152;
    private static final AtomicInteger NEXT_LOCAL_PORT = new AtomicInteger();
    private static final Map<SocketOption<?>, Integer> STANDARD_OPTIONS = Map.of(
            StandardSocketOptions.SO_KEEPALIVE, SO_KEEPALIVE,
            StandardSocketOptions.SO_SNDBUF, SO_SNDBUF,
            StandardSocketOptions.SO_RCVBUF, SO_RCVBUF,
            StandardSocketOptions.SO_REUSEADDR, SO_REUSEADDR,
            StandardSocketOptions.SO_LINGER, SO_LINGER,
            StandardSocketOptions.IP_TOS, IP_TOS,
            StandardSocketOptions.TCP_NODELAY, TCP_NODELAY);

    private final ReplayConnection connection;
    private final InProcessExchange exchange;
    private final Map<Integer, Object> options = new ConcurrentHashMap<>();

    private InProcessSocketImpl(ReplayConnection connection, List<Protocol> protocols, Object soTimeout) {
        this.connection = connection;
        this.exchange = new InProcessExchange(connection, protocols);
        options.put(SO_TIMEOUT, soTimeout instanceof Integer ? soTimeout : 0);
        options.put(TCP_NODELAY, false);
        options.put(SO_KEEPALIVE, false);
        options.put(SO_REUSEADDR, false);
        options.put(SO_OOBINLINE, false);
        options.put(SO_LINGER, false);
        options.put(SO_SNDBUF, 65536);
        options.put(SO_RCVBUF, 65536);
        options.put(IP_TOS, 0);
    }

    /**
     * True when replay answers {@code client} in-process: a plain socket (a TLS socket's own connect carries its
     * handshake) whose implementation {@code current} is one of the JDK's own. A channel ({@code current} null), or
     * a socket made by the application's own {@code SocketImplFactory}, is redirected to the replay server.
     */
    public static boolean replaces(Object client, SocketImpl current) {
        return !(client instanceof SSLSocket) && current != null
                && JDK_IMPLEMENTATIONS.contains(current.getClass().getName());
    }

    /**
     * The implementation to put in place of {@code current} for {@code connection}. The read timeout set before the
     * connect carries over. An implementation already made (an option set before the connect opens its file
     * descriptor) is dropped unconnected, and its cleaner closes that descriptor.
     */
    public static SocketImpl replacing(SocketImpl current, ReplayConnection connection, List<Protocol> protocols) {
        Object soTimeout;
        try {
            soTimeout = current.getOption(SO_TIMEOUT);
        } catch (SocketException | RuntimeException notMadeYet) {
            soTimeout = 0;
        }
        return new InProcessSocketImpl(connection, protocols, soTimeout);
    }

    @Override
    protected void create(boolean stream) {
        // nothing to open
    }

    @Override
    protected void connect(String host, int port) throws IOException {
        connect(new InetSocketAddress(host, port), 0);
    }

    @Override
    protected void connect(InetAddress address, int port) throws IOException {
        connect(new InetSocketAddress(address, port), 0);
    }

    @Override
    protected void connect(SocketAddress endpoint, int timeout) throws IOException {
        InetSocketAddress target = (InetSocketAddress) endpoint;
        if (target.isUnresolved()) {
            throw new UnknownHostException(target.getHostName());
        }
        address = target.getAddress();
        port = target.getPort();
        localport = FIRST_EPHEMERAL_PORT + Math.floorMod(NEXT_LOCAL_PORT.getAndIncrement(), 65536 - FIRST_EPHEMERAL_PORT);
        options.put(SO_BINDADDR, InetAddress.getLoopbackAddress());
    }

    @Override
    protected void bind(InetAddress host, int port) throws IOException {
        throw new SocketException("netrec: a replayed socket cannot be bound once connected");
    }

    @Override
    protected void listen(int backlog) throws IOException {
        throw new SocketException("netrec: a replayed socket does not listen");
    }

    @Override
    protected void accept(SocketImpl s) throws IOException {
        throw new SocketException("netrec: a replayed socket does not accept");
    }

    @Override
    protected InputStream getInputStream() {
        return new ArrayReadInputStream() {
            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                return exchange.read(bytes, offset, length, (Integer) options.get(SO_TIMEOUT));
            }

            @Override
            public int available() throws IOException {
                return exchange.available();
            }
        };
    }

    @Override
    protected OutputStream getOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                exchange.write(bytes, offset, length);
            }
        };
    }

    @Override
    protected int available() throws IOException {
        return exchange.available();
    }

    @Override
    protected void close() throws IOException {
        exchange.close();
    }

    @Override
    protected void shutdownInput() {
        exchange.shutdownInput();
    }

    @Override
    protected void shutdownOutput() {
        exchange.shutdownOutput();
    }

    @Override
    protected void sendUrgentData(int data) {
        // a replayed server has no use for it
    }

    @Override
    public void setOption(int optionId, Object value) {
        options.put(optionId, value);
    }

    @Override
    public Object getOption(int optionId) {
        return options.get(optionId);
    }

    @Override
    protected <T> void setOption(SocketOption<T> name, T value) {
        Integer id = STANDARD_OPTIONS.get(name);
        if (id == null) {
            throw new UnsupportedOperationException("'" + name + "' not supported");
        }
        setOption(id, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T getOption(SocketOption<T> name) {
        Integer id = STANDARD_OPTIONS.get(name);
        if (id == null) {
            throw new UnsupportedOperationException("'" + name + "' not supported");
        }
        Object value = getOption(id);
        if (name == StandardSocketOptions.SO_LINGER && !(value instanceof Integer)) {
            return (T) Integer.valueOf(-1);
        }
        return (T) value;
    }

    @Override
    protected Set<SocketOption<?>> supportedOptions() {
        return STANDARD_OPTIONS.keySet();
    }

    @Override
    public String toString() {
        return "netrec in-process socket for " + connection;
    }
}
