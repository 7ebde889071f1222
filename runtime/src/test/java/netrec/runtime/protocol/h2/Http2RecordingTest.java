package netrec.runtime.protocol.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.yaml.CassetteReader;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.protocol.http1.Http1;
import netrec.runtime.record.RecordedConnection;
import netrec.runtime.record.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2 through the recorder, as a connection's tap feeds it, and back from the cassette it wrote. */
class Http2RecordingTest {
    @TempDir
    Path cassette;

    private final Recorder recorder() {
        return new Recorder(AgentOptions.parse("record,cassette=" + cassette, Map.of()),
                List.of(new Http2(), new Http1()));
    }

    private List<Interaction> recorded() {
        List<String> warnings = new ArrayList<>();
        List<Interaction> interactions = new CassetteReader(warnings::add).load(cassette).interactions();
        assertEquals(List.of(), warnings);
        return interactions;
    }

    @Test
    void eachStreamBecomesAnInteractionWithItsTrailers() throws Exception {
        Recorder recorder = recorder();
        RecordedConnection connection = new RecordedConnection("grpc.example", 50051, "127.0.0.1", false);
        Peer client = new Peer(false);
        Peer server = new Peer(true);
        recorder.sent(connection, Peer.preface(), 0);
        recorder.sent(connection, client.settings(Frame.SETTINGS_INITIAL_WINDOW_SIZE, 1 << 20)
                .request(1, "POST", "/grpc.health.v1.Health/Check", false, "content-type", "application/grpc",
                        "te", "trailers")
                .data(1, "\0\0\0\0\0", true)
                .request(3, "GET", "/items?a=1", true, "accept", "application/json").bytes(), 0);
        recorder.received(connection, server.settings(Frame.SETTINGS_HEADER_TABLE_SIZE, 4096)
                .response(3, 200, false, "content-type", "application/json")
                .data(3, "{\"items\":", false)
                .response(1, 200, false, "content-type", "application/grpc")
                .data(3, "[1,2]}", true)
                .data(1, "\0\0\0\0\2\b\1", false)
                .trailers(1, "grpc-status", "0", "grpc-message", "").bytes());
        recorder.stop();

        List<Interaction> interactions = recorded();
        assertEquals(2, interactions.size());
        Interaction items = interactions.get(0);
        assertEquals("h2", items.protocol());
        assertEquals("GET http://grpc.example:50051/items?a=1", items.request().method() + " " + items.request().uri());
        assertEquals("application/json", items.request().headers().first("accept"));
        assertEquals(200, items.response().status());
        assertEquals("{\"items\":[1,2]}", items.response().body().text());
        assertTrue(items.response().trailers().isEmpty());

        Interaction check = interactions.get(1);
        assertEquals("POST http://grpc.example:50051/grpc.health.v1.Health/Check",
                check.request().method() + " " + check.request().uri());
        assertEquals(5, check.request().body().size());
        assertEquals(7, check.response().body().size());
        assertEquals("0", check.response().trailers().first("grpc-status"));
        assertEquals(List.of(new Headers.Field("grpc-status", "0"), new Headers.Field("grpc-message", "")),
                check.response().trailers().fields());
    }

    @Test
    void aResponseWhoseEndArrivesBeforeTheRequestsLastBytesWaitsForThem() throws Exception {
        Recorder recorder = recorder();
        RecordedConnection connection = new RecordedConnection("h", 80, "127.0.0.1", false);
        Peer client = new Peer(false);
        Peer server = new Peer(true);
        recorder.sent(connection, Peer.preface(), 0);
        recorder.sent(connection, client.request(1, "POST", "/upload", false).data(1, "first ", false).bytes(), 0);
        recorder.received(connection, server.response(1, 201, true).bytes());
        recorder.sent(connection, client.data(1, "second", true).bytes(), 0);
        recorder.stop();

        Interaction upload = recorded().get(0);
        assertEquals("http://h:80/upload", upload.request().uri());
        assertEquals("first second", upload.request().body().text());
        assertEquals(201, upload.response().status());
    }

    @Test
    void aStreamResetAfterItsResponseBeganEndsEarlyAndAWholeRequestWithNoResponseIsUnanswered() throws Exception {
        Recorder recorder = recorder();
        RecordedConnection connection = new RecordedConnection("h", 80, "127.0.0.1", false);
        Peer client = new Peer(false);
        Peer server = new Peer(true);
        recorder.sent(connection, Peer.preface(), 0);
        recorder.sent(connection, client.request(1, "GET", "/big", true).request(3, "GET", "/slow", true)
                .request(5, "POST", "/upload", false).data(5, "half", false).bytes(), 0);
        recorder.received(connection, server.response(1, 200, false).data(1, "part", false).bytes());
        recorder.sent(connection, client.reset(1, Frame.CANCEL).reset(3, Frame.CANCEL).reset(5, Frame.CANCEL).bytes(),
                0);
        recorder.stop();

        List<Interaction> interactions = recorded();
        assertEquals(2, interactions.size(), "the upload reset half-way is not recorded");
        assertEquals("http://h:80/big", interactions.get(0).request().uri());
        assertTrue(interactions.get(0).response().endedEarly());
        assertEquals("part", interactions.get(0).response().body().text());
        assertEquals("http://h:80/slow", interactions.get(1).request().uri());
        assertTrue(interactions.get(1).response().isUnanswered());
    }

    @Test
    void requestsFinishedByAWriteThatFailedAreNotRecordedAsUnanswered() throws Exception {
        Recorder recorder = recorder();
        RecordedConnection connection = new RecordedConnection("h", 80, "127.0.0.1", false);
        Peer client = new Peer(false);
        Peer server = new Peer(true);
        recorder.sent(connection, Peer.preface(), 0);
        recorder.sent(connection, client.request(1, "GET", "/answered", true).bytes(), 0);
        recorder.received(connection, server.response(1, 200, true).bytes());
        recorder.sent(connection, client.request(3, "GET", "/lost", true).bytes(), 0);
        recorder.sendFailed(connection);
        recorder.closed(connection);
        recorder.stop();

        List<Interaction> interactions = recorded();
        assertEquals(1, interactions.size(), interactions.toString());
        assertEquals("http://h:80/answered", interactions.get(0).request().uri());
    }

    @Test
    void aConnectionThatIsNotHttp2AfterItsPrefaceIsNotedAsNotRecorded() throws Exception {
        Recorder recorder = recorder();
        RecordedConnection connection = new RecordedConnection("h", 80, "127.0.0.1", false);
        recorder.sent(connection, Peer.preface(), 0);
        byte[] headersWithoutEnd = new Peer(false).request(1, "GET", "/", true).bytes();
        headersWithoutEnd[4] = 0; // no END_HEADERS: a CONTINUATION must follow
        recorder.sent(connection, headersWithoutEnd, 0);
        recorder.sent(connection, new Peer(false).data(1, "x", true).bytes(), 0);
        recorder.stop();

        List<String> warnings = new ArrayList<>();
        assertEquals(List.of(), new CassetteReader(warnings::add).load(cassette).interactions());
        String yaml = java.nio.file.Files.readString(java.nio.file.Files.list(cassette.resolve("interactions"))
                .findFirst().orElseThrow());
        assertTrue(yaml.contains("was not recorded: its client's HTTP/2 could not be followed: a header block on "
                + "stream 1 was interrupted by DATA"), yaml);
    }

    @Test
    void anUpgradeToH2cRecordsItsRequestAsStreamOne() throws Exception {
        Recorder recorder = recorder();
        RecordedConnection connection = new RecordedConnection("h", 80, "127.0.0.1", false);
        recorder.sent(connection, ("GET /first HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAEAAEAAAAIAAAAA\r\nAccept: */*\r\n\r\n").getBytes(), 0);
        Peer server = new Peer(true);
        byte[] frames = server.settings(Frame.SETTINGS_HEADER_TABLE_SIZE, 4096)
                .response(1, 200, false, "content-type", "text/plain").data(1, "first", true).bytes();
        byte[] switching = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n".getBytes();
        byte[] read = java.util.Arrays.copyOf(switching, switching.length + frames.length);
        System.arraycopy(frames, 0, read, switching.length, frames.length);
        recorder.received(connection, read);
        Peer client = new Peer(false);
        recorder.sent(connection, Peer.preface(), 0);
        recorder.sent(connection, client.request(3, "GET", "/second", true).bytes(), 0);
        recorder.received(connection, server.response(3, 200, false).data(3, "second", true).bytes());
        recorder.stop();

        List<Interaction> interactions = recorded();
        assertEquals(2, interactions.size());
        Interaction first = interactions.get(0);
        assertEquals("h2", first.protocol());
        assertEquals("GET http://h:80/first", first.request().method() + " " + first.request().uri());
        assertEquals("*/*", first.request().headers().first("Accept"));
        assertEquals(null, first.request().headers().first("Upgrade"), "the upgrade's own fields are left out");
        assertEquals("first", first.response().body().text());
        assertEquals("second", interactions.get(1).response().body().text());
    }
}
