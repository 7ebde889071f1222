package netrec.runtime.replay.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ScriptedHttp;
import netrec.runtime.protocol.http1.Http1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay server answers each connection it accepts as the connection its client registered for its port. */
class ReplayServerTest {
    @TempDir
    static Path bodies;

    private final ReplayServer server;

    ReplayServerTest() throws IOException {
        server = new ReplayServer(List.of(new Http1()));
    }

    @AfterEach
    void close() {
        server.close();
    }

    /**
     * A connection's end does not drop the registration of the next connection from the same client port: once the
     * replay server closed a connection, the client's port is free at once, and a pool can connect from it again and
     * register before the first connection's thread on the server has finished.
     */
    @Test
    void aConnectionEndingLeavesTheNextOneFromItsPortRegistered() throws Exception {
        int port;
        try (Socket first = new Socket()) {
            first.setReuseAddress(true);
            first.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            first.connect(server.address());
            port = first.getLocalPort();
            server.expect(port, connection("first"));
            assertEquals("first", exchange(first));

            server.expect(port, connection("second"));
            first.shutdownOutput();
            readToEnd(first.getInputStream());
            awaitServerThreadEnd(port);
        }
        try (Socket second = new Socket()) {
            second.setReuseAddress(true);
            second.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            second.connect(server.address());

            assertEquals("second", exchange(second));
        }
    }

    /** Waits for the replay server's thread serving the connection from {@code clientPort} to end. */
    private static void awaitServerThreadEnd(int clientPort) throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().endsWith("replay-" + clientPort)) {
                thread.join(5_000);
            }
        }
    }

    /** Sends one GET, and returns the body of its answer. */
    private static String exchange(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return "(closed unanswered: " + read.toString(StandardCharsets.US_ASCII) + ")";
            }
            read.write(b);
        }
        String head = read.toString(StandardCharsets.US_ASCII);
        int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    private static void readToEnd(InputStream in) throws IOException {
        while (in.read() >= 0) {
            // the server closes its end
        }
    }

    /** A connection whose every request is answered with {@code name}. */
    private static ReplayConnection connection(String name) {
        CassetteAnswers answers = new ScriptedHttp(bodies, request -> ScriptedHttp.ok(name));
        return new ReplayConnection("api.example.org", 80, "192.0.2.7", null, () -> answers);
    }
}
