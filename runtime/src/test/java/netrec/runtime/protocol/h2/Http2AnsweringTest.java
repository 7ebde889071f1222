package netrec.runtime.protocol.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.Interleaving;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedResponse;
import netrec.runtime.exchange.HttpExchanges;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.Found;
import netrec.runtime.protocol.Miss;
import netrec.runtime.protocol.ReplayedRequest;
import netrec.runtime.protocol.ScriptedReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay's side of HTTP/2, driven frame by frame by a test client, with the cassette's answers given by the test. */
class Http2AnsweringTest {
    @TempDir
    Path cassette;

    private final Peer client = new Peer(false);
    private final Peer reader = new Peer(false);

    /** Answers {@code GET /n} with a body of the path's text repeated n times, and misses anything else. */
    private final class Cassette extends ScriptedReplay {
        final List<String> asked = new ArrayList<>();

        Cassette() {
            super(List.of(), MatchRules.none(), cassette);
        }

        @Override
        public String host() {
            return "example.org";
        }

        @Override
        public int port() {
            return 443;
        }

        @Override
        public boolean tls() {
            return true;
        }

        @Override
        public Found http(ReplayedRequest request) {
            String uri = request.uri();
            byte[] body = request.body();
            asked.add(request.method() + " " + uri + (body.length == 0 ? "" : " " + new String(body)));
            String path = uri.substring("https://example.org:443/".length());
            if (path.equals("missing")) {
                return Found.miss(new Miss("netrec: no recorded interaction matches " + request));
            }
            if (path.equals("unanswered")) {
                return Found.response(RecordedResponse.unanswered());
            }
            if (path.equals("grpc")) {
                return Found.response(new RecordedResponse(200, "", headers("content-type", "application/grpc"),
                        Body.empty(), false, headers("grpc-status", "5", "grpc-message", "not found")));
            }
            int n = Integer.parseInt(path);
            return Found.response(new RecordedResponse(200, "OK", headers("Content-Type", "text/plain",
                    "Connection", "keep-alive"), Body.text(("/" + n).repeat(n)), false, Headers.none()));
        }

        /** {@code POST /chat}: "r1r2r3", each answer sent once the request has grown by a two-byte message. */
        @Override
        public RecordedResponse httpAlongside(ReplayedRequest head) {
            if (!head.uri().endsWith("/chat")) {
                return null;
            }
            asked.add("early " + head);
            return new RecordedResponse(200, "", headers("content-type", "application/grpc"), Body.text("r1r2r3"),
                    false, headers("grpc-status", "0"), Interleaving.of(List.of(new Interleaving.Step(0, 0),
                            new Interleaving.Step(2, 2), new Interleaving.Step(4, 4))));
        }

        @Override
        public void send(Answer answer) throws IOException {
            reader.read(answer.readAllBytes());
        }
    }

    private static Headers headers(String... namesAndValues) {
        List<Headers.Field> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(new Headers.Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return Headers.of(fields);
    }

    private final Cassette cassetteAnswers = new Cassette();
    private final Http2Answering answering = new Http2Answering(cassetteAnswers,
            new HttpExchanges(cassetteAnswers, cassetteAnswers, null));

    private void send(byte[] bytes) throws IOException {
        answering.feed(bytes, 0, bytes.length);
    }

    @Test
    void settingsComeFirstAndTheClientsAreAcknowledged() throws Exception {
        send(Peer.preface());
        send(client.settings(Frame.SETTINGS_MAX_FRAME_SIZE, 32_768).bytes());

        assertEquals("SETTINGS [4]=[1073741824]", reader.control.get(0));
        assertTrue(reader.control.contains("SETTINGS ack"), reader.control.toString());
    }

    @Test
    void aHundredConcurrentStreamsEachGetTheirOwnAnswer() throws Exception {
        send(Peer.preface());
        for (int i = 1; i <= 100; i++) {
            client.request(2 * i - 1, "GET", "/" + i, true);
        }
        send(client.bytes());

        assertEquals(100, reader.streams.size());
        for (int i = 1; i <= 100; i++) {
            Peer.Received stream = reader.streams.get(2 * i - 1);
            assertEquals(200, stream.head.status());
            assertEquals("text/plain", stream.head.fields().first("content-type"));
            assertNull(stream.head.fields().first("connection"), "HTTP/1.1's connection fields are left out");
            assertEquals(("/" + i).repeat(i), stream.body.toString());
            assertTrue(stream.ended);
        }
    }

    @Test
    void dataWaitsForTheClientsWindowAndGoesOnWhenItOpens() throws Exception {
        send(Peer.preface());
        send(client.settings(Frame.SETTINGS_INITIAL_WINDOW_SIZE, 10).request(1, "GET", "/100", true).bytes());
        Peer.Received stream = reader.streams.get(1);
        assertEquals("/100/100/1", stream.body.toString(), "only the stream's window of 10 bytes");

        send(client.windowUpdate(1, 390).bytes());
        assertEquals(400, stream.body.length());
        assertTrue(stream.ended);
    }

    @Test
    void theConnectionWindowIsSharedOutAmongStreamsInTurn() throws Exception {
        send(Peer.preface());
        send(client.settings(Frame.SETTINGS_MAX_FRAME_SIZE, 16_384)
                .request(1, "GET", "/20000", true).request(3, "GET", "/20000", true).bytes());
        // 65,535 bytes of connection window: a 16 KiB frame each in turn, then what is left
        int sent = reader.streams.get(1).body.length() + reader.streams.get(3).body.length();
        assertEquals(65_535, sent);
        assertTrue(Math.abs(reader.streams.get(1).body.length() - reader.streams.get(3).body.length()) <= 16_384);

        send(client.windowUpdate(0, 1 << 20).windowUpdate(1, 1 << 20).windowUpdate(3, 1 << 20).bytes());
        assertEquals(120_000, reader.streams.get(1).body.length());
        assertEquals(120_000, reader.streams.get(3).body.length());
    }

    @Test
    void trailersEndTheStream() throws Exception {
        send(Peer.preface());
        send(client.request(1, "POST", "/grpc", false, "content-type", "application/grpc").data(1, "msg", true)
                .bytes());

        Peer.Received stream = reader.streams.get(1);
        assertEquals("5", stream.trailers.first("grpc-status"));
        assertEquals("not found", stream.trailers.first("grpc-message"));
        assertTrue(stream.ended);
        assertEquals(List.of("POST https://example.org:443/grpc msg"), cassetteAnswers.asked);
    }

    @Test
    void aResetStreamGetsNoMoreData() throws Exception {
        send(Peer.preface());
        send(client.settings(Frame.SETTINGS_INITIAL_WINDOW_SIZE, 10).request(1, "GET", "/100", true).bytes());
        send(client.reset(1, Frame.CANCEL).windowUpdate(1, 1000).bytes());

        assertEquals(10, reader.streams.get(1).body.length());
    }

    @Test
    void aRequestTheCassetteLacksFailsTheConnectionWithReplaysReason() throws Exception {
        send(Peer.preface());
        send(client.request(1, "GET", "/missing", true).bytes());

        assertEquals("netrec: no recorded interaction matches GET https://example.org:443/missing",
                cassetteAnswers.failure);
        assertTrue(answering.closing());
    }

    @Test
    void aHeaderBlockSplitOverContinuationFramesIsPutTogether() throws Exception {
        send(Peer.preface());
        byte[] frames = client.request(1, "GET", "/3", true, "x-long", "v".repeat(40)).bytes();
        int blockLength = ((frames[0] & 0xff) << 16) | ((frames[1] & 0xff) << 8) | (frames[2] & 0xff);
        int half = blockLength / 2;
        FrameWriter split = new FrameWriter();
        byte[] block = java.util.Arrays.copyOfRange(frames, Frame.HEADER_LENGTH, Frame.HEADER_LENGTH + blockLength);
        split.headers(1, block, true, half);
        byte[] bytes = split.take();
        for (byte b : bytes) {
            send(new byte[] {b});
        }

        assertEquals("/3/3/3", reader.streams.get(1).body.toString());
    }

    @Test
    void aRequestRecordedAsUnansweredGetsNothingWhileOthersAreAnswered() throws Exception {
        send(Peer.preface());
        send(client.request(1, "GET", "/unanswered", true).request(3, "GET", "/2", true).bytes());

        assertNull(reader.streams.get(1), "nothing on the unanswered stream");
        assertEquals("/2/2", reader.streams.get(3).body.toString());
        send(client.reset(1, Frame.CANCEL).bytes());
        assertTrue(!answering.closing() && cassetteAnswers.failure == null);
    }

    @Test
    void aResponseRecordedAlongWithItsRequestIsSentAsTheRequestGrows() throws Exception {
        send(Peer.preface());
        send(client.request(1, "POST", "/chat", false, "content-type", "application/grpc").bytes());
        Peer.Received stream = reader.streams.get(1);
        assertEquals(200, stream.head.status(), "the head goes at once, as recorded");
        assertEquals("", stream.body.toString());

        send(client.data(1, "m1", false).bytes());
        assertEquals("r1", stream.body.toString());
        send(client.data(1, "m2", false).bytes());
        assertEquals("r1r2", stream.body.toString());
        assertTrue(!stream.ended);

        send(client.data(1, "m3", true).bytes());
        assertEquals("r1r2r3", stream.body.toString());
        assertEquals("0", stream.trailers.first("grpc-status"));
        assertTrue(stream.ended);
        assertEquals(List.of("early POST https://example.org:443/chat"), cassetteAnswers.asked);
    }
}
