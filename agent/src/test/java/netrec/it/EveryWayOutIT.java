package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import netrec.it.support.ChildJvm;
import netrec.it.support.TestCertificates;
import netrec.it.wayout.EveryWayOutMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public JDK API that opens a TCP connection or sends UDP ({@link EveryWayOutMain}: sockets, TLS sockets,
 * socket channels blocking and with a selector, socket adaptors, asynchronous channels with futures and handlers,
 * datagram and multicast sockets, datagram channels, the JDK HttpClient, URLConnection for http, https, ftp and jar
 * over http, JNDI over LDAP and DNS, RMI's registry, JMX over RMI, logging's SocketHandler), each aimed at a listener
 * of its own on this machine's address past loopback. In replay, with nothing recorded and the network there, none
 * reaches its listener and each fails with netrec's reason. In record mode each is recorded (JNDI's DNS query as the
 * lookup it answered), or named on stderr.
 */
class EveryWayOutIT {
    /** Each way out, and what listens for it: a plain TCP server, a TLS one, or a UDP socket. */
    private static final Map<String, String> WAYS = new LinkedHashMap<>();

    static {
        for (String tcp : List.of("socket", "socket-channel", "socket-channel-selector", "socket-adaptor",
                "async-channel-future", "async-channel-handler", "http-client", "url-http", "url-ftp",
                "url-jar-over-http", "jndi-ldap", "rmi-registry", "jmx-over-rmi", "logging-socket-handler")) {
            WAYS.put(tcp, "tcp");
        }
        for (String tls : List.of("ssl-socket", "ssl-over-socket", "http-client-tls", "url-https")) {
            WAYS.put(tls, "tls");
        }
        for (String udp : List.of("datagram-socket", "datagram-socket-connected", "datagram-channel",
                "datagram-channel-connected", "multicast-socket", "jndi-dns")) {
            WAYS.put(udp, "udp");
        }
    }

    @TempDir
    Path work;
    private final List<Listener> listeners = new ArrayList<>();

    @AfterEach
    void stopListeners() {
        listeners.forEach(Listener::close);
    }

    @Test
    void inReplayNoWayOutReachesTheMachinesAddressAndEachIsRefusedWithNetrecsReason() throws Exception {
        InetAddress address = addressPastLoopback();
        Map<String, Listener> byWay = listen(address);
        Path cassette = Files.createDirectories(work.resolve("empty-cassette"));

        ChildJvm.Result replayed = ChildJvm.withAgent("replay,cassette=" + cassette)
                .main(EveryWayOutMain.class.getName(), arguments(address, byWay)).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Listener> way : byWay.entrySet()) {
            String line = lineOf(replayed.stdout, way.getKey());
            if (line == null || !line.startsWith(way.getKey() + ": failed: ") || !line.contains("netrec")) {
                wrong.add("not refused with netrec's reason: " + line);
            }
            if (way.getValue().reached() > 0) {
                wrong.add(way.getKey() + " reached its listener on " + address.getHostAddress() + " ("
                        + way.getValue().reached() + " times)");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong) + "\n" + replayed);
    }

    @Test
    void inRecordModeEachWayOutIsRecordedOrNamedOnStderr() throws Exception {
        InetAddress address = addressPastLoopback();
        Map<String, Listener> byWay = listen(address);
        Path cassette = work.resolve("cassette");

        ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                .main(EveryWayOutMain.class.getName(), arguments(address, byWay)).run(work);

        assertEquals(0, recorded.exitCode, recorded.toString());
        String recording = Files.readString(RecordReplayScenario.onlyRecordingFile(cassette));
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Listener> way : byWay.entrySet()) {
            int port = way.getValue().port();
            boolean inCassette = recording.contains("      port: " + port + "\n")
                    || way.getKey().equals("jndi-dns") && recording.contains("    lookup: example.org\n");
            boolean named = recorded.stderr.contains(address.getHostAddress() + ":" + port);
            if (!inCassette && !named) {
                wrong.add(way.getKey() + " (port " + port + ") is neither recorded nor named on stderr: "
                        + lineOf(recorded.stdout, way.getKey()));
            }
            if (way.getValue().reached() == 0) {
                wrong.add(way.getKey() + " never reached its listener while recording");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong) + "\n" + recorded + "\n" + recording);
    }

    /**
     * This machine's IPv4 address past loopback. There must be one: without it the test cannot show that replay
     * keeps off the network, and it fails rather than skip.
     */
    private static InetAddress addressPastLoopback() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return address;
                }
            }
        }
        throw new AssertionError("this machine has no IPv4 address past loopback (`ip addr` shows none that is up), "
                + "and this test needs one: it shows that replay never reaches the machine's network address. Run it "
                + "where a network interface is up");
    }

    private Map<String, Listener> listen(InetAddress address) throws Exception {
        Map<String, Listener> byWay = new LinkedHashMap<>();
        for (Map.Entry<String, String> way : WAYS.entrySet()) {
            Listener listener = way.getValue().equals("udp") ? new UdpListener(address)
                    : new TcpListener(address, way.getValue().equals("tls"));
            listeners.add(listener);
            byWay.put(way.getKey(), listener);
        }
        return byWay;
    }

    private static String[] arguments(InetAddress address, Map<String, Listener> byWay) {
        List<String> arguments = new ArrayList<>();
        arguments.add(address.getHostAddress());
        byWay.forEach((way, listener) -> arguments.add(way + "=" + listener.port()));
        return arguments.toArray(new String[0]);
    }

    private static String lineOf(String stdout, String way) {
        return stdout.lines().filter(line -> line.startsWith(way + ": ")).findFirst().orElse(null);
    }

    /** A server socket of the test's own, which counts what reaches it. */
    private abstract static class Listener implements AutoCloseable {
        final AtomicInteger reached = new AtomicInteger();

        abstract int port();

        int reached() {
            return reached.get();
        }

        @Override
        public abstract void close();
    }

    /**
     * Accepts connections, plain or TLS (the test certificate, which names the machine's addresses); reads what the
     * client sends for 300 ms, then answers a small HTTP response and closes.
     */
    private static final class TcpListener extends Listener {
        private final ServerSocket server;

        TcpListener(InetAddress address, boolean tls) throws Exception {
            if (tls) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(TestCertificates.keyStore())) {
                    keys.load(in, TestCertificates.PASSWORD.toCharArray());
                }
                KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                managers.init(keys, TestCertificates.PASSWORD.toCharArray());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(managers.getKeyManagers(), null, null);
                server = context.getServerSocketFactory().createServerSocket();
            } else {
                server = new ServerSocket();
            }
            server.bind(new InetSocketAddress(address, 0));
            Thread thread = new Thread(this::serve, "way-out-listener-" + server.getLocalPort());
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    reached.incrementAndGet();
                    Thread answer = new Thread(() -> answer(socket));
                    answer.setDaemon(true);
                    answer.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void answer(Socket socket) {
            try (Socket s = socket) {
                s.setSoTimeout(300);
                byte[] buffer = new byte[8192];
                try {
                    while (s.getInputStream().read(buffer) >= 0) {
                        // what the client says is not looked at
                    }
                } catch (SocketTimeoutException quiet) {
                    // the client waits for an answer
                }
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        .getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            } catch (IOException gone) {
                // the client went away
            }
        }

        @Override
        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** Counts the datagrams that reach it, and answers a DNS query for an address with 192.0.2.53. */
    private static final class UdpListener extends Listener {
        private final DatagramSocket socket;

        UdpListener(InetAddress address) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(address, 0));
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[2048];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        socket.receive(packet);
                        reached.incrementAndGet();
                        byte[] answer = dnsAnswer(buffer, packet.getLength());
                        if (answer != null) {
                            socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "way-out-udp-" + socket.getLocalPort());
            thread.setDaemon(true);
            thread.start();
        }

        /** The answer to a DNS query of one question (an A record, 192.0.2.53), or null for anything else. */
        private static byte[] dnsAnswer(byte[] query, int length) {
            if (length < 17 || (query[2] & 0x80) != 0 || query[4] != 0 || query[5] != 1) {
                return null;
            }
            byte[] answer = java.util.Arrays.copyOf(query, length + 16);
            answer[2] = (byte) (0x80 | (query[2] & 0x01));
            answer[3] = (byte) 0x80;
            answer[7] = 1;
            byte[] record = {(byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (byte) 192, 0, 2, 53};
            System.arraycopy(record, 0, answer, length, record.length);
            return answer;
        }

        @Override
        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
