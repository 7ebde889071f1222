package netrec.runtime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import netrec.cassette.Cassette;
import netrec.cassette.Interaction;
import netrec.cassette.yaml.CassetteReader;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.protocol.http1.Http1;
import netrec.runtime.protocol.tcp.RawTcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
    @TempDir
    Path cassette;

    private Recorder recorder() {
        return new Recorder(AgentOptions.parse("record,cassette=" + cassette, Map.of()), List.of(new Http1()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private List<Interaction> recorded() {
        Cassette loaded = new CassetteReader(w -> { throw new AssertionError(w); }).load(cassette);
        return loaded.interactions();
    }

    @Test
    void responseQueuedBeforeItsRequestIsStillPairedWithIt() {
        Recorder recorder = recorder();
        RecordedConnection connection = new RecordedConnection("h", 80, "127.0.0.1", false);
        recorder.sent(connection, bytes("GET /first HTTP/1.1\r\nHost: h\r\n\r\n"), 0);
        recorder.received(connection, bytes("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"));
        recorder.received(connection, bytes("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"));
        recorder.sent(connection, bytes("GET /second HTTP/1.1\r\nHost: h\r\n\r\n"), 0);
        recorder.stop();

        List<Interaction> interactions = recorded();
        assertEquals(2, interactions.size());
        assertEquals("http://h:80/second", interactions.get(1).request().uri());
        assertEquals("b", interactions.get(1).response().body().text());
    }

    @Test
    void tcpClientTurnsAreOrderedByTheWritesThatBeganThemNotByWhenTheRecorderTookThem() {
        Recorder recorder = new Recorder(AgentOptions.parse("record,cassette=" + cassette, Map.of()),
                List.of(new RawTcp()));
        RecordedConnection first = new RecordedConnection("h", 6379, "127.0.0.1", false);
        RecordedConnection second = new RecordedConnection("h", 6379, "127.0.0.1", false);
        // the second connection's write began first, but its thread was put aside before it could hand its bytes over
        recorder.sent(first, bytes("INCR n\r\n"), 8);
        recorder.received(first, bytes(":2\r\n"));
        recorder.sent(second, bytes("INCR n\r\n"), 5);
        recorder.received(second, bytes(":1\r\n"));
        recorder.closed(first);
        recorder.closed(second);
        recorder.stop();

        Map<String, Long> orders = new java.util.HashMap<>();
        for (Interaction conversation : recorded()) {
            List<netrec.cassette.Message> turns = conversation.response().messages();
            orders.put(turns.get(1).text(), turns.get(0).order());
        }
        assertEquals(Map.of(":1\r\n", 5L, ":2\r\n", 8L), orders, "the writes' numbers (published, from 1)");
    }

    @Test
    void bytesQueuedAfterTheirConnectionClosedGoToItsClosedConversationNotANewOne() {
        Recorder recorder = recorder();
        RecordedConnection connection = new RecordedConnection("h", 80, "127.0.0.1", false);
        recorder.sent(connection, bytes("GET /only HTTP/1.1\r\nHost: h\r\n\r\n"), 0);
        recorder.received(connection, bytes("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"));
        recorder.closed(connection);
        // a reader thread's last bytes, queued after another thread's close
        recorder.sent(connection, bytes("GET /after-close HTTP/1.1\r\nHost: h\r\n\r\n"), 0);
        recorder.received(connection, bytes("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"));
        recorder.stop();

        List<Interaction> interactions = recorded();
        assertEquals(1, interactions.size(), interactions.toString());
        assertEquals("http://h:80/only", interactions.get(0).request().uri());
    }

    @Test
    void aRequestWhoseLastWriteFailedIsNotRecordedAsUnanswered() {
        Recorder recorder = recorder();
        RecordedConnection stale = new RecordedConnection("h", 80, "127.0.0.1", false);
        recorder.sent(stale, bytes("GET /waited HTTP/1.1\r\nHost: h\r\n\r\n"), 0);
        recorder.received(stale, bytes("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"));
        // the bytes were taken as the write began; the write then failed (a broken pipe), and the client closed
        recorder.sent(stale, bytes("POST /sent-again HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"), 0);
        recorder.sendFailed(stale);
        recorder.closed(stale);
        RecordedConnection silent = new RecordedConnection("h", 80, "127.0.0.1", false);
        recorder.sent(silent, bytes("GET /never-answered HTTP/1.1\r\nHost: h\r\n\r\n"), 0);
        recorder.closed(silent);
        recorder.stop();

        List<Interaction> interactions = recorded();
        assertEquals(List.of("http://h:80/waited", "http://h:80/never-answered"),
                interactions.stream().map(i -> i.request().uri()).collect(java.util.stream.Collectors.toList()));
        assertEquals(true, interactions.get(1).response().isUnanswered(), "written whole, then no answer");
    }

    @Test
    void closeDelimitedResponseEndsWithTheConnectionEvenWhenItsEndCameFirst() {
        Recorder recorder = recorder();
        RecordedConnection connection = new RecordedConnection("h", 80, "127.0.0.1", false);
        recorder.received(connection, bytes("HTTP/1.1 200 OK\r\n\r\nuntil close"));
        recorder.receivedEnd(connection);
        recorder.sent(connection, bytes("GET / HTTP/1.1\r\nHost: h\r\n\r\n"), 0);
        recorder.stop();

        assertEquals("until close", recorded().get(0).response().body().text());
    }

    @Test
    void chunkedResponseIsStoredDechunkedWithItsHeadersAsSent() {
        Recorder recorder = recorder();
        RecordedConnection connection = new RecordedConnection("h", 8080, "127.0.0.1", false);
        recorder.sent(connection, bytes("POST /p?x=1 HTTP/1.1\r\nAuthorization: Bearer s3cret\r\nContent-Length: 4\r\n"
                + "\r\nbody"), 0);
        recorder.received(connection, bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
        recorder.stop();

        Interaction interaction = recorded().get(0);
        assertEquals("POST", interaction.request().method());
        assertEquals("body", interaction.request().body().text());
        assertEquals(Recorder.REDACTED, interaction.request().headers().first("Authorization"));
        assertEquals(201, interaction.response().status());
        assertEquals("chunked", interaction.response().headers().first("Transfer-Encoding"));
        assertEquals("abc", interaction.response().body().text());
    }
}
