package netrec.runtime.protocol.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A line that only starts like an HTTP request line (an upper-case word and a space) is not HTTP: Redis' inline
 * commands, SMTP, FTP and POP3 lines are left to raw TCP, whether the first write holds the whole line or the
 * parser finds out at its end.
 */
class RequestLineTest {
    private static final List<String> NOT_HTTP = List.of("PING 0\r\n", "SET key value\r\n", "EHLO host\r\n",
            "USER x\r\n", "GET key\r\n", "GET / HTTP/2.0 extra\r\n", "GET /  HTTP/1.1\r\n");

    @Test
    void http1RecognizesAWholeRequestLine() {
        for (String line : List.of("GET / HTTP/1.1\r\n", "POST /a?b=c HTTP/1.0\r\nHost: x\r\n\r\n",
                "VERSION-CONTROL * HTTP/1.1\n", "GET ", "GET /long/path/being/writ")) {
            assertEquals(true, recognizes(line), line);
        }
    }

    @Test
    void http1LeavesLinesThatOnlyStartLikeARequestLine() {
        for (String line : NOT_HTTP) {
            assertEquals(false, recognizes(line), line);
        }
    }

    @Test
    void theParserSaysNotHttpAtTheEndOfAFirstLineThatIsNoRequestLine() throws Exception {
        for (String line : NOT_HTTP) {
            String[] why = new String[1];
            HttpStreamParser parser = new HttpStreamParser(true, new NotHttp(why));
            byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
            for (byte b : bytes) {
                parser.feed(new byte[] {b}, 0, 1);
            }
            assertEquals("its first line is not an HTTP/1.x request line", why[0], line);
        }
    }

    @Test
    void theParserSaysNotHttpAtTheEndOfAShortFirstLineThatIsNoStatusLine() throws Exception {
        String[] why = new String[1];
        HttpStreamParser parser = new HttpStreamParser(false, new NotHttp(why));
        parser.feed("+PONG\r\n".getBytes(StandardCharsets.ISO_8859_1), 0, 7);
        assertEquals("its first line is not an HTTP/1.x status line", why[0]);
    }

    @Test
    void aRealRequestLineParsesOn() throws Exception {
        String[] why = new String[1];
        HttpStreamParser parser = new HttpStreamParser(true, new NotHttp(why));
        byte[] bytes = "GET /x HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        parser.feed(bytes, 0, bytes.length);
        assertNull(why[0]);
    }

    private static boolean recognizes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return new Http1().recognizes(bytes, 0, bytes.length);
    }

    /** Notes why the stream is not HTTP. */
    private static final class NotHttp implements HttpStreamParser.Listener {
        private final String[] why;

        NotHttp(String[] why) {
            this.why = why;
        }

        @Override
        public BodyFraming head(HttpHead head) {
            return BodyFraming.ofRequest(head);
        }

        @Override
        public void body(byte[] bytes, int offset, int length) {
        }

        @Override
        public void end(boolean complete) {
        }

        @Override
        public void notHttp(String reason) {
            why[0] = reason;
        }
    }
}
