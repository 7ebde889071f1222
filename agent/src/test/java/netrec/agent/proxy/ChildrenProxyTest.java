package netrec.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import netrec.it.support.TunnelProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the proxy does with what a program sends it, without netrec's agent (the JDK's sockets then reach the server
 * as they are): a plain-HTTP request in absolute form goes on in origin form, alone on its connection; a CONNECT
 * that does not start TLS is relayed as it is; given the proxy the programs had, both go through it; anything else
 * is refused with a reason.
 */
class ChildrenProxyTest {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ChildrenProxy proxy;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " connection="
                    + exchange.getRequestHeaders().getFirst("Connection") + " proxy-connection="
                    + exchange.getRequestHeaders().getFirst("Proxy-Connection"));
            byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        proxy = ChildrenProxy.start(RunAuthority.create(), Upstream.NONE);
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        server.stop(0);
    }

    private int serverPort() {
        return server.getAddress().getPort();
    }

    @Test
    void aPlainHttpRequestGoesOnInOriginFormAloneOnItsConnection() throws Exception {
        String answer = exchange("GET http://127.0.0.1:" + serverPort() + "/files/a.txt?v=1 HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + serverPort() + "\r\nProxy-Connection: keep-alive\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        assertTrue(answer.endsWith("hello"), answer);
        assertEquals(List.of("GET /files/a.txt?v=1 connection=close proxy-connection=null"), received);
    }

    @Test
    void aConnectThatDoesNotStartTlsIsRelayedAsItIs() throws Exception {
        try (Socket program = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            OutputStream out = program.getOutputStream();
            out.write(("CONNECT 127.0.0.1:" + serverPort() + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = program.getInputStream();
            assertEquals("HTTP/1.1 200 Connection established\r\n\r\n", new String(in.readNBytes(39),
                    StandardCharsets.US_ASCII));
            out.write(("GET /tunnelled HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 200 ") && answer.endsWith("hello"), answer);
        }
        assertEquals(List.of("GET /tunnelled connection=close proxy-connection=null"), received);
    }

    @Test
    void aServerThatSpeaksFirstIsRelayedToAProgramThatWaitsForIt() throws Exception {
        try (ServerSocket banner = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread greeter = new Thread(() -> {
                try (Socket accepted = banner.accept()) {
                    accepted.getOutputStream().write("220 ready\r\n".getBytes(StandardCharsets.US_ASCII));
                    accepted.getInputStream().readAllBytes(); // until the program has gone
                } catch (IOException ignored) {
                    // the program went
                }
            });
            greeter.start();
            try (Socket program = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                program.getOutputStream().write(("CONNECT 127.0.0.1:" + banner.getLocalPort() + " HTTP/1.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(program.getInputStream().readNBytes(39 + 11), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 200 Connection established\r\n\r\n220 ready\r\n", answer);
            }
            greeter.join(5_000);
        }
    }

    @Test
    void aProgramThatClosesItsSendingSideStillGetsTheAnswer() throws Exception {
        try (Socket program = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            OutputStream out = program.getOutputStream();
            out.write(("CONNECT 127.0.0.1:" + serverPort() + " HTTP/1.1\r\n\r\nGET /half HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            program.shutdownOutput();
            String answer = new String(program.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.endsWith("hello"), answer);
        }
    }

    @Test
    void aHeadTooLargeIsRefused431() throws Exception {
        String answer = exchange("GET http://127.0.0.1:" + serverPort() + "/ HTTP/1.1\r\nX-Large: "
                + "x".repeat(70 * 1024) + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), answer.substring(0, 60));
        assertEquals(List.of(), received);
    }

    @Test
    void aServerThatRefusesIsAnswered502WithTheReason() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        String answer = exchange("CONNECT 127.0.0.1:" + closed + " HTTP/1.1\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), answer);
        assertTrue(answer.contains("netrec's proxy could not connect to 127.0.0.1:" + closed), answer);
    }

    @Test
    void requestsAProxyDoesNotTakeAreRefusedWithTheReason() throws Exception {
        String originForm = exchange("GET /only-a-path HTTP/1.1\r\nHost: example.org\r\n\r\n");
        assertTrue(originForm.startsWith("HTTP/1.1 400 Bad Request\r\n"), originForm);
        assertTrue(originForm.contains("a proxy takes CONNECT or an absolute http:// URL, not /only-a-path"),
                originForm);
        String noHost = exchange("CONNECT nohost HTTP/1.1\r\n\r\n");
        assertTrue(noHost.startsWith("HTTP/1.1 400 Bad Request\r\n"), noHost);
        assertTrue(noHost.contains("CONNECT needs host:port, not nohost"), noHost);
        assertEquals(List.of(), received);
    }

    @Test
    void theProxyTheProgramsHadIsGoneThroughWhenGiven() throws Exception {
        try (TunnelProxy company = new TunnelProxy();
                ChildrenProxy chained = ChildrenProxy.start(RunAuthority.create(), Upstream.of(Map.of(
                        "https_proxy", "http://127.0.0.1:" + company.port(), "HTTP_PROXY", "127.0.0.1:"
                                + company.port())))) {
            proxy.close();
            proxy = chained;
            String plain = exchange("GET http://127.0.0.1:" + serverPort() + "/plain HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n\r\n");
            assertTrue(plain.startsWith("HTTP/1.1 200 ") && plain.endsWith("hello"), plain);
            try (Socket program = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                OutputStream out = program.getOutputStream();
                out.write(("CONNECT 127.0.0.1:" + serverPort() + " HTTP/1.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write("GET /tunnelled HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = new String(program.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(answer.endsWith("hello"), answer);
            }
            assertEquals(List.of("GET http://127.0.0.1:" + serverPort() + "/plain HTTP/1.1",
                    "CONNECT 127.0.0.1:" + serverPort() + " HTTP/1.1"), company.requestLines());
            assertEquals(List.of("GET /plain connection=close proxy-connection=null",
                    "GET /tunnelled connection=close proxy-connection=null"), received);
        }
    }

    @Test
    void aProxyTheProgramsCannotHaveIsRefusedWithTheReason() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Upstream.of(Map.of("https_proxy", "socks5://someone:secret@127.0.0.1:1080")));
        assertEquals("https_proxy is socks5://...@127.0.0.1:1080: netrec's proxy goes on through an http:// proxy "
                + "with a host only", refused.getMessage(), "no password said");
    }

    /** Sends {@code request} to the proxy and reads all it answers. */
    private String exchange(String request) throws IOException {
        try (Socket program = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            program.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            program.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            program.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.US_ASCII);
        }
    }
}
