package netrec.runtime.protocol.http1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.BodyFileMismatchException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedResponse;
import netrec.runtime.exchange.HttpExchanges;
import netrec.runtime.exchange.HttpReply;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.Found;
import netrec.runtime.protocol.ReplayedRequest;
import netrec.runtime.protocol.ScriptedReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A response goes back on the wire framed for HTTP/1.1 as its headers say, its body streamed from its file. */
class ResponseAnswerTest {
    @TempDir
    Path cassette;

    @Test
    void contentLengthResponseIsSentAsRecordedAndKeepsTheConnection() throws IOException {
        Answer answer = answer("GET", response(200, Body.text("hello"), false, "Content-Length", "5"));

        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", text(answer));
        assertTrue(answer.keepsConnection());
    }

    @Test
    void chunkedBodyIsSentInChunksOfAtMost64KiBThenTheLastChunk() throws IOException {
        byte[] body = bytes(150_000);
        Answer answer = answer("GET", response(200, stored(body), false, "Transfer-Encoding", "chunked"));

        byte[] wire = answer.readAllBytes();
        List<Integer> sizes = new ArrayList<>();
        assertArrayEquals(body, dechunk(wire, headEnd(wire), sizes));
        assertEquals(List.of(65536, 65536, 18928, 0), sizes);
        assertTrue(answer.keepsConnection());
    }

    @Test
    void responseThatEndedEarlyStopsWhereItStoppedAndClosesTheConnection() throws IOException {
        byte[] body = bytes(1000);
        Answer answer = answer("GET", response(200, stored(body), true, "Transfer-Encoding", "chunked"));

        byte[] wire = answer.readAllBytes();
        String tail = new String(wire, wire.length - 7, 7, StandardCharsets.ISO_8859_1);
        assertTrue(tail.endsWith("\r\n") && !tail.endsWith("0\r\n\r\n"), tail);
        assertFalse(answer.keepsConnection());
    }

    @Test
    void answerToHeadAnd204HasNoBody() throws IOException {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
        assertEquals(head, text(answer("HEAD", response(200, Body.text("hello"), false, "Content-Length", "5"))));
        assertEquals("HTTP/1.1 204 No Content\r\n\r\n",
                text(answer("GET", new RecordedResponse(204, "No Content", Headers.none(), Body.empty()))));
    }

    @Test
    void bodyWithNeitherLengthNorChunkingEndsWithTheConnection() throws IOException {
        Answer answer = answer("GET", response(200, Body.text("until close"), false, "Content-Type", "text/plain"));

        assertTrue(text(answer).endsWith("\r\n\r\nuntil close"));
        assertFalse(answer.keepsConnection());
    }

    @Test
    void damagedBodyFileFailsTheAnswerBeforeItsEndAndSaysWhyOnce() throws IOException {
        byte[] body = bytes(150_000);
        Body recorded = stored(body);
        byte[] corrupted = body.clone();
        corrupted[100] ^= 1;
        Files.write(new CassetteLayout(cassette).body(recorded.sha256()), corrupted);
        ScriptedReplay replay = replaying(response(200, recorded, false, "Transfer-Encoding", "chunked"));
        Answer answer = answer("GET", replay);

        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        IOException e = assertThrows(IOException.class, () -> answer.transferTo(sent));
        assertTrue(e.getCause() instanceof BodyFileMismatchException, e.toString());
        String said = "GET http://localhost:6379/: " + e.getCause().getMessage();
        assertEquals(List.of(said), replay.misses, "counted once, as a miss");
        assertEquals(said, e.getMessage());
        assertEquals(said, replay.failure, "the connection fails with it too");
        assertFalse(sent.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n"), "no last chunk after a bad body");
        assertTrue(sent.size() < body.length, "the last chunk of the body is not sent: " + sent.size());
    }

    private static String sha256(byte[] bytes) {
        try {
            return String.format("%064x", new java.math.BigInteger(1,
                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private Answer answer(String method, RecordedResponse response) throws IOException {
        return answer(method, replaying(response));
    }

    /** The answer HTTP's layer gives a request {@code replay} answers. */
    private static Answer answer(String method, ScriptedReplay replay) throws IOException {
        HttpReply reply = new HttpExchanges(replay, replay, null).reply(method, "/", Headers.none(), new byte[0]);
        return ResponseAnswer.of(reply.response(), method);
    }

    /** A cassette that answers every request with {@code response}. */
    private ScriptedReplay replaying(RecordedResponse response) {
        return new ScriptedReplay(List.of(), MatchRules.none(), cassette) {
            @Override
            public Found http(ReplayedRequest request) {
                return Found.response(response);
            }
        };
    }

    private static RecordedResponse response(int status, Body body, boolean endedEarly, String header, String value) {
        return new RecordedResponse(status, "OK", Headers.of(List.of(new Headers.Field(header, value))), body,
                endedEarly);
    }

    private Body stored(byte[] bytes) throws IOException {
        String sha256 = sha256(bytes);
        Path file = new CassetteLayout(cassette).body(sha256);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return Body.stored(sha256, bytes.length);
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    private static String text(Answer answer) throws IOException {
        return new String(answer.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static int headEnd(byte[] wire) {
        return new String(wire, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
    }

    /** The body of a chunked message starting at {@code offset}; each chunk's size goes to {@code sizes}. */
    private static byte[] dechunk(byte[] wire, int offset, List<Integer> sizes) {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = offset;
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd), 16);
            sizes.add(size);
            if (size == 0) {
                assertEquals(wire.length, lineEnd + 4, "nothing follows the last chunk");
                return body.toByteArray();
            }
            body.write(wire, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
