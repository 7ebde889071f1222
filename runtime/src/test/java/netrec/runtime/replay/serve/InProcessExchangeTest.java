package netrec.runtime.replay.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.Found;
import netrec.runtime.protocol.Miss;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.protocol.ScriptedHttp;
import netrec.runtime.protocol.http1.Http1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blocking connection answered inside the JVM behaves as a socket to a server would: answers in order, reads that
 * wait for a request, a read timeout, and a read that fails with replay's reason when it cannot answer.
 */
class InProcessExchangeTest {
    @TempDir
    static Path bodies;

    /** Answers each request with its method, path and body size; {@code /missing} is a miss. */
    private static final CassetteAnswers ECHO = new ScriptedHttp(bodies, request -> {
        String path = URI.create(request.uri()).getPath();
        if (path.equals("/missing")) {
            return Found.miss(new Miss("netrec: no recorded interaction matches GET /missing"));
        }
        return ScriptedHttp.ok(request.method() + " " + path + " " + request.body().length);
    });
    private static final List<Protocol> HTTP = List.of(new Http1());

    private final ReplayConnection connection = new ReplayConnection("api.example.org", 80, "192.0.2.7", null,
            () -> ECHO);
    private final InProcessExchange exchange = new InProcessExchange(connection, HTTP);

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        write("GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");

        assertEquals(response("GET /a 0") + response("POST /b 3"), readAvailable());
    }

    @Test
    void aRequestWrittenInPiecesIsAnsweredOnceComplete() throws IOException {
        write("GET /a HT");
        assertEquals(0, exchange.available());
        write("TP/1.1\r\nHost: x\r\n\r\n");

        assertEquals(response("GET /a 0"), readAvailable());
    }

    @Test
    void readWaitsForARequestWrittenByAnotherThread() throws Exception {
        AtomicReference<String> read = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                byte[] buffer = new byte[256];
                int n = exchange.read(buffer, 0, buffer.length, 0);
                read.set(new String(buffer, 0, n, StandardCharsets.US_ASCII) + readAvailable());
            } catch (IOException e) {
                read.set(e.toString());
            }
        });
        reader.start();
        while (reader.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        write("GET /late HTTP/1.1\r\nHost: x\r\n\r\n");
        reader.join();

        assertEquals(response("GET /late 0"), read.get());
    }

    @Test
    void readWithNothingToAnswerTimesOutLikeASocket() {
        assertThrows(SocketTimeoutException.class, () -> exchange.read(new byte[16], 0, 16, 20));
    }

    @Test
    void requestReplayCannotAnswerFailsTheReadWithReplaysReason() throws IOException {
        write("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n");

        IOException miss = assertThrows(IOException.class, () -> exchange.read(new byte[16], 0, 16, 0));
        assertEquals("netrec: no recorded interaction matches GET /missing", miss.getMessage());
    }

    @Test
    void withNoCassetteInUseARequestEndsTheStreamUnanswered() throws IOException {
        InProcessExchange unanswered = new InProcessExchange(new ReplayConnection("api.example.org", 80, "", null,
                () -> null), HTTP);
        byte[] request = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        unanswered.write(request, 0, request.length);

        assertEquals(-1, unanswered.read(new byte[16], 0, 16, 0));
    }

    @Test
    void connectionCloseEndsTheStreamAfterTheAnswer() throws IOException {
        write("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");

        assertEquals(response("GET /a 0"), readAvailable());
        assertEquals(-1, exchange.read(new byte[16], 0, 16, 0));
    }

    @Test
    void connectIsAnsweredAndRequestsThroughTheTunnelAreAnswered() throws IOException {
        write("CONNECT api.example.org:443 HTTP/1.1\r\nHost: api.example.org:443\r\n\r\n");
        assertEquals("HTTP/1.1 200 Connection established\r\n\r\n", readAvailable());

        write("GET /through HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(response("GET /through 0"), readAvailable());
    }

    @Test
    void tlsRecordsFailTheConnectionSayingWhy() throws IOException {
        exchange.write(new byte[] {22, 3, 3, 0, 1, 0}, 0, 6);

        IOException refused = assertThrows(IOException.class, () -> exchange.read(new byte[16], 0, 16, 0));
        assertTrue(refused.getMessage().contains("TLS records were written to it"), refused.getMessage());
    }

    @Test
    void shutdownOutputEndsTheStreamOnceTheAnswersAreRead() throws IOException {
        write("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        exchange.shutdownOutput();

        assertEquals(response("GET /a 0"), readAvailable());
        assertEquals(-1, exchange.read(new byte[16], 0, 16, 0));
    }

    private void write(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        exchange.write(bytes, 0, bytes.length);
    }

    /** Everything answered so far, read without waiting. */
    private String readAvailable() throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[7];
        while (exchange.available() > 0) {
            int n = exchange.read(buffer, 0, buffer.length, 0);
            read.write(buffer, 0, n);
        }
        return read.toString(StandardCharsets.US_ASCII);
    }

    private static String response(String text) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + text.length() + "\r\n\r\n" + text;
    }
}
