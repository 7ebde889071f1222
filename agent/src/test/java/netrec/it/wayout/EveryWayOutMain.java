package netrec.it.wayout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.rmi.registry.LocateRegistry;
import java.time.Duration;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import java.util.logging.SocketHandler;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.naming.Context;
import javax.naming.directory.InitialDirContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Every public JDK API that opens a TCP connection or sends UDP, each tried once against its own port of one address
 * ({@code EveryWayOutMain ADDRESS NAME=PORT...}): prints {@code NAME: ok}, or {@code NAME: failed: MESSAGE} with
 * netrec's message where the failure carries one (any cause), else the failure itself.
 */
public final class EveryWayOutMain {
    private static final byte[] HELLO = "hello from a way out\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final int TIMEOUT = 5_000;

    private EveryWayOutMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        for (int i = 1; i < args.length; i++) {
            String name = args[i].substring(0, args[i].indexOf('='));
            int port = Integer.parseInt(args[i].substring(name.length() + 1));
            String outcome;
            try {
                tryOut(name, host, port);
                outcome = "ok";
            } catch (Throwable failure) {
                outcome = "failed: " + explanation(failure);
            }
            System.out.println(name + ": " + outcome);
            System.out.flush();
        }
        System.exit(0);
    }

    private static void tryOut(String name, String host, int port) throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
        String base = "//" + host + ":" + port;
        switch (name) {
            case "socket":
                try (Socket socket = new Socket()) {
                    socket.connect(address, TIMEOUT);
                    talk(socket);
                }
                break;
            case "ssl-socket":
                try (SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket(host, port)) {
                    talk(socket);
                }
                break;
            case "ssl-over-socket":
                try (Socket plain = new Socket(host, port);
                        Socket socket = ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host,
                                port, true)) {
                    talk(socket);
                }
                break;
            case "socket-channel":
                try (SocketChannel channel = SocketChannel.open(address)) {
                    channel.write(ByteBuffer.wrap(HELLO));
                    channel.read(ByteBuffer.allocate(256));
                }
                break;
            case "socket-channel-selector":
                try (SocketChannel channel = SocketChannel.open(); Selector selector = Selector.open()) {
                    channel.configureBlocking(false);
                    if (!channel.connect(address)) {
                        channel.register(selector, SelectionKey.OP_CONNECT);
                        selector.select(TIMEOUT);
                        channel.finishConnect();
                    }
                    channel.write(ByteBuffer.wrap(HELLO));
                }
                break;
            case "socket-adaptor":
                try (SocketChannel channel = SocketChannel.open()) {
                    channel.socket().connect(address, TIMEOUT);
                    talk(channel.socket());
                }
                break;
            case "async-channel-future":
                try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                    channel.connect(address).get(TIMEOUT, TimeUnit.MILLISECONDS);
                    channel.write(ByteBuffer.wrap(HELLO)).get(TIMEOUT, TimeUnit.MILLISECONDS);
                    channel.read(ByteBuffer.allocate(256)).get(TIMEOUT, TimeUnit.MILLISECONDS);
                }
                break;
            case "async-channel-handler":
                try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                    CompletableFuture<Void> connected = new CompletableFuture<>();
                    channel.connect(address, null, new CompletionHandler<Void, Void>() {
                        @Override
                        public void completed(Void result, Void attachment) {
                            connected.complete(null);
                        }

                        @Override
                        public void failed(Throwable failure, Void attachment) {
                            connected.completeExceptionally(failure);
                        }
                    });
                    connected.get(TIMEOUT, TimeUnit.MILLISECONDS);
                    channel.write(ByteBuffer.wrap(HELLO)).get(TIMEOUT, TimeUnit.MILLISECONDS);
                }
                break;
            case "http-client":
            case "http-client-tls":
                HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT))
                        .build().send(HttpRequest.newBuilder(URI.create((name.endsWith("tls") ? "https:" : "http:")
                                + base + "/")).timeout(Duration.ofMillis(TIMEOUT)).build(),
                                HttpResponse.BodyHandlers.ofString());
                response.body();
                break;
            case "url-http":
                read(new URL("http:" + base + "/"));
                break;
            case "url-https":
                read(new URL("https:" + base + "/"));
                break;
            case "url-ftp":
                read(new URL("ftp:" + base + "/file.txt"));
                break;
            case "url-jar-over-http":
                read(new URL("jar:http:" + base + "/archive.jar!/entry.txt"));
                break;
            case "jndi-ldap": {
                Hashtable<String, String> environment = new Hashtable<>();
                environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
                environment.put(Context.PROVIDER_URL, "ldap:" + base);
                environment.put("com.sun.jndi.ldap.connect.timeout", String.valueOf(TIMEOUT));
                environment.put("com.sun.jndi.ldap.read.timeout", String.valueOf(TIMEOUT));
                new InitialDirContext(environment).getAttributes("cn=netrec").size();
                break;
            }
            case "jndi-dns": {
                Hashtable<String, String> environment = new Hashtable<>();
                environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
                environment.put(Context.PROVIDER_URL, "dns:" + base);
                environment.put("com.sun.jndi.dns.timeout.initial", "500");
                environment.put("com.sun.jndi.dns.timeout.retries", "1");
                new InitialDirContext(environment).getAttributes("example.org", new String[] {"A"}).size();
                break;
            }
            case "rmi-registry":
                LocateRegistry.getRegistry(host, port).lookup("netrec");
                break;
            case "jmx-over-rmi":
                JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi:" + base + "/jmxrmi"))
                        .close();
                break;
            case "logging-socket-handler": {
                SocketHandler handler = new SocketHandler(host, port);
                handler.publish(new LogRecord(java.util.logging.Level.INFO, "hello from a way out"));
                handler.close();
                break;
            }
            case "datagram-socket":
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.send(new DatagramPacket(HELLO, HELLO.length, address));
                }
                break;
            case "datagram-socket-connected":
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.connect(address);
                    socket.send(new DatagramPacket(HELLO, HELLO.length));
                }
                break;
            case "datagram-channel":
                try (DatagramChannel channel = DatagramChannel.open()) {
                    channel.send(ByteBuffer.wrap(HELLO), address);
                }
                break;
            case "datagram-channel-connected":
                try (DatagramChannel channel = DatagramChannel.open()) {
                    channel.connect(address);
                    channel.write(ByteBuffer.wrap(HELLO));
                }
                break;
            case "multicast-socket":
                try (MulticastSocket socket = new MulticastSocket()) {
                    socket.send(new DatagramPacket(HELLO, HELLO.length, address));
                }
                break;
            default:
                throw new IllegalArgumentException("no way out named " + name);
        }
    }

    private static void talk(Socket socket) throws Exception {
        socket.setSoTimeout(TIMEOUT);
        OutputStream out = socket.getOutputStream();
        out.write(HELLO);
        out.flush();
        socket.getInputStream().read(new byte[256]);
    }

    private static void read(URL url) throws Exception {
        URLConnection connection = url.openConnection();
        connection.setConnectTimeout(TIMEOUT);
        connection.setReadTimeout(TIMEOUT);
        if (connection instanceof HttpURLConnection) {
            ((HttpURLConnection) connection).getResponseCode();
        }
        try (InputStream in = connection.getInputStream()) {
            in.readAllBytes();
        }
    }

    /** netrec's message, wherever it is among the causes; else the failure's own. */
    private static String explanation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("netrec")) {
                return t.getMessage().replace('\n', ' ');
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed.getMessage() != null && suppressed.getMessage().contains("netrec")) {
                    return suppressed.getMessage().replace('\n', ' ');
                }
            }
        }
        return String.valueOf(failure).replace('\n', ' ');
    }
}
