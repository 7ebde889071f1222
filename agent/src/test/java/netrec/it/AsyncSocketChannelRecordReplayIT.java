package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netrec.it.support.ChildJvm;
import netrec.it.support.CoversJdkClasses;
import netrec.it.support.DebianServer;
import netrec.it.tcp.AsyncChannelRedisMain;
import netrec.it.websocket.ChatClientMain;
import netrec.it.websocket.EchoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AsynchronousSocketChannel} as a real client uses it: Tomcat's Jakarta WebSocket client
 * ({@code tomcat-embed-websocket}) talks over one, with completion handlers, and over an SSLEngine on it for wss://.
 * It chats with a real WebSocket server (Java-WebSocket's), is recorded as one {@code websocket} interaction, then
 * replays with the server stopped, in a network namespace with only loopback: the client sees the same chat. A client
 * of our own uses every form of the channel's operations (gathering writes and scattering reads, handlers and
 * futures) with Redis (Debian's redis-server), recorded as raw TCP and replayed byte for byte.
 */
@CoversJdkClasses("AsynchronousSocketChannel")
class AsyncSocketChannelRecordReplayIT {
    private static final List<String> CHAT = List.of(
            "subprotocol: chat.v1",
            "text: welcome",
            "text: echo: hello",
            "text: echo of 2800 characters",
            "binary: [5, 4, 3, 2, 1]",
            "text: push 1",
            "text: push 2",
            "text: push 3",
            "close: 1000 see you");

    @TempDir
    Path work;

    @Test
    void tomcatWebSocketClientOverWsIsRecordedAndReplaysOffline() throws Exception {
        recordThenReplay(false);
    }

    @Test
    void tomcatWebSocketClientOverWssIsRecordedAndReplaysOffline() throws Exception {
        recordThenReplay(true);
    }

    @Test
    void aMessageTheRecordingLacksFailsTheTomcatClientWithAMiss() throws Exception {
        Path cassette = work.resolve("cassette");
        String url = record(false, cassette);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(ChatClientMain.class.getName(), "tomcat", url, "howdy").run(work);

        assertEquals(3, replayed.exitCode, replayed.toString());
        String misses = Files.readString(cassette.resolve(".netrec").resolve("replay-misses.txt"));
        assertTrue(misses.contains("it differs: sent 'howdy' (5 bytes), recorded 'hello' (5 bytes)"), misses);
        assertTrue(replayed.stderr.contains("netrec: replay miss"), replayed.toString());
    }

    @Test
    void gatheringWritesAndScatteringReadsWithHandlersAndFuturesReplayAgainstRedis() throws Exception {
        Path cassette = work.resolve("cassette");
        ChildJvm.Result recorded;
        String port;
        try (DebianServer redis = DebianServer.redis()) {
            port = String.valueOf(redis.port());
            recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(AsyncChannelRedisMain.class.getName(), port).run(work);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertEquals(List.of("gathering write: 33 bytes", "set: +OK", "get (scattering read): $4 java", "ping: +PONG"),
                recorded.lines(), recorded.toString());
        String recording = Files.readString(RecordReplayScenario.onlyRecordingFile(cassette));
        assertTrue(recording.contains("text: \"*3\\r\\n$3\\r\\nSET\\r\\n$4\\r\\nlang\\r\\n$4\\r\\njava\\r\\n\""),
                recording);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(AsyncChannelRedisMain.class.getName(), port).run(work);

        assertEquals(recorded.lines(), replayed.lines(), replayed.toString());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }

    private void recordThenReplay(boolean tls) throws Exception {
        Path cassette = work.resolve("cassette");
        String url = record(tls, cassette);
        List<String> recording = Files.readAllLines(RecordReplayScenario.onlyRecordingFile(cassette));
        assertTrue(recording.contains("    protocol: websocket"), String.join("\n", recording));
        assertTrue(recording.contains("        text: \"echo: hello\""), String.join("\n", recording));
        if (tls) {
            assertTrue(recording.stream().anyMatch(line -> line.contains("cipher-suite: TLS_")),
                    String.join("\n", recording));
        }

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(ChatClientMain.class.getName(), "tomcat", url).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(CHAT, replayed.lines(), replayed.toString());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }

    /** Records the chat against a real server, then stops it; returns the URL the client used. */
    private String record(boolean tls, Path cassette) throws Exception {
        try (EchoServer server = EchoServer.start(tls)) {
            String url = (tls ? "wss" : "ws") + "://localhost:" + server.port() + "/chat";
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(ChatClientMain.class.getName(), "tomcat", url).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertEquals(CHAT, recorded.lines(), recorded.toString());
            RecordReplayScenario.assertQuiet(recorded.stderr);
            assertEquals(5, server.messages());
            return url;
        }
    }
}
