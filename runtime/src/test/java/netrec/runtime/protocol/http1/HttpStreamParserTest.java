package netrec.runtime.protocol.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpStreamParserTest {
    /** Records what the parser reports, one string per message: head line, body, and how it ended. */
    private static final class Messages implements HttpStreamParser.Listener {
        final List<String> messages = new ArrayList<>();
        final List<String> requestMethods;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head;
        String notHttp;
        int index;

        Messages(List<String> requestMethods) {
            this.requestMethods = requestMethods;
        }

        @Override
        public BodyFraming head(HttpHead h) {
            head = h.isRequest() ? h.method() + " " + h.target() : h.status() + " " + h.reason();
            body.reset();
            return h.isRequest() ? BodyFraming.ofRequest(h) : BodyFraming.ofResponse(h, requestMethods.get(index));
        }

        @Override
        public void body(byte[] bytes, int offset, int length) {
            body.write(bytes, offset, length);
        }

        @Override
        public void end(boolean complete) {
            messages.add(head + " [" + body.toString(StandardCharsets.ISO_8859_1) + "]" + (complete ? "" : " CUT"));
            if (!head.startsWith("1")) {
                index++;
            }
        }

        @Override
        public void notHttp(String why) {
            notHttp = why;
        }
    }

    @Test
    void keepAliveRequestsWithLengthAndChunkedBodiesSplitAtEveryByte() throws Exception {
        String wire = "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /b HTTP/1.1\r\nHost: x\r\n\r\n"
                + "PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n";
        Messages messages = new Messages(List.of());
        HttpStreamParser parser = new HttpStreamParser(true, messages);
        for (byte b : wire.getBytes(StandardCharsets.ISO_8859_1)) {
            parser.feed(new byte[] {b}, 0, 1);
        }
        assertEquals(List.of("POST /a [hello]", "GET /b []", "PUT /c [abcde]"), messages.messages);
        assertTrue(parser.idle());
    }

    @Test
    void responsesFollowTheirRequestsFraming() throws Exception {
        String wire = "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                + "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 200 OK\r\n\r\nuntil the end";
        Messages messages = new Messages(List.of("POST", "HEAD", "GET", "GET", "GET"));
        HttpStreamParser parser = new HttpStreamParser(false, messages);
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        parser.feed(bytes, 0, bytes.length);
        parser.endOfStream();
        assertEquals(List.of("100 Continue []", "200 OK [ok]", "200 OK []", "304 Not Modified []",
                "204 No Content []", "200 OK [until the end]"), messages.messages);
    }

    @Test
    void aBodyCutByTheEndOfTheConnectionIsReportedIncomplete() throws Exception {
        Messages messages = new Messages(List.of("GET"));
        HttpStreamParser parser = new HttpStreamParser(false, messages);
        byte[] bytes = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1);
        parser.feed(bytes, 0, bytes.length);
        parser.endOfStream();
        assertEquals(List.of("200 OK [abc] CUT"), messages.messages);
    }

    @Test
    void connectTunnelStopsParsing() throws Exception {
        Messages messages = new Messages(List.of("CONNECT"));
        HttpStreamParser parser = new HttpStreamParser(false, messages);
        byte[] bytes = "HTTP/1.1 200 Connection established\r\n\r\n\u0016\u0003\u0001binary".getBytes(
                StandardCharsets.ISO_8859_1);
        parser.feed(bytes, 0, bytes.length);
        assertEquals(List.of("200 Connection established []"), messages.messages);
        assertTrue(parser.stopped());
    }

    @Test
    void tlsBytesAreNotHttp() throws Exception {
        Messages messages = new Messages(List.of());
        HttpStreamParser parser = new HttpStreamParser(true, messages);
        byte[] clientHello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, 1, 2, 3, 4, 5, 6};
        parser.feed(clientHello, 0, clientHello.length);
        assertTrue(parser.stopped());
        assertEquals("its first bytes are not an HTTP/1.x request", messages.notHttp);
    }
}
