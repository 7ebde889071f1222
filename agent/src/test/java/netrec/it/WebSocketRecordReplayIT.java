package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netrec.it.support.ChildJvm;
import netrec.it.websocket.ChatClientMain;
import netrec.it.websocket.EchoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket as it ships: four clients (the JDK's HttpClient, OkHttp, Jetty 12 and Java-WebSocket) chat with a real
 * WebSocket server (Java-WebSocket's, which compresses every message with permessage-deflate where the client offers
 * it), over ws:// and wss://. Recorded as one {@code websocket} interaction each, then replayed with the server
 * stopped, in a JVM without network: the client sees the same chat.
 */
class WebSocketRecordReplayIT {
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
    void jdkHttpClientOverWs() throws Exception {
        recordThenReplay("jdk", false);
    }

    @Test
    void jdkHttpClientOverWss() throws Exception {
        recordThenReplay("jdk", true);
    }

    @Test
    void okHttpOverWs() throws Exception {
        recordThenReplay("okhttp", false);
    }

    @Test
    void okHttpOverWss() throws Exception {
        recordThenReplay("okhttp", true);
    }

    @Test
    void jettyOverWs() throws Exception {
        recordThenReplay("jetty", false);
    }

    @Test
    void jettyOverWss() throws Exception {
        recordThenReplay("jetty", true);
    }

    @Test
    void javaWebSocketOverWs() throws Exception {
        recordThenReplay("java-websocket", false);
    }

    @Test
    void javaWebSocketOverWss() throws Exception {
        recordThenReplay("java-websocket", true);
    }

    @Test
    void aMessageTheRecordingLacksIsAMissNamingBothMessages() throws Exception {
        Path cassette = work.resolve("cassette");
        String url = record("jdk", false, cassette);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(ChatClientMain.class.getName(), "jdk", url, "howdy").run(work);

        assertEquals(3, replayed.exitCode, replayed.toString());
        String misses = Files.readString(cassette.resolve(".netrec").resolve("replay-misses.txt"));
        assertTrue(misses.contains("WebSocket message 1 (text, 5 bytes) on GET http://localhost:"), misses);
        assertTrue(misses.contains("it differs: sent 'howdy' (5 bytes), recorded 'hello' (5 bytes)"), misses);
        assertTrue(replayed.stderr.contains("netrec: replay miss"), replayed.toString());
    }

    private void recordThenReplay(String client, boolean tls) throws Exception {
        Path cassette = work.resolve("cassette");
        String url = record(client, tls, cassette);
        List<String> recording = Files.readAllLines(RecordReplayScenario.onlyRecordingFile(cassette));
        assertTrue(recording.contains("    protocol: websocket"), String.join("\n", recording));
        assertTrue(recording.contains("        text: \"echo: hello\""), String.join("\n", recording));
        assertTrue(recording.contains("        text: push3"), String.join("\n", recording));

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(ChatClientMain.class.getName(), client, url).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(CHAT, replayed.lines(), replayed.toString());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }

    /** Records the chat against a real server, then stops it; returns the URL the client used. */
    private String record(String client, boolean tls, Path cassette) throws Exception {
        try (EchoServer server = EchoServer.start(tls)) {
            String url = (tls ? "wss" : "ws") + "://localhost:" + server.port() + "/chat";
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(ChatClientMain.class.getName(), client, url).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertEquals(CHAT, recorded.lines(), recorded.toString());
            RecordReplayScenario.assertQuiet(recorded.stderr);
            assertEquals(5, server.messages());
            return url;
        }
    }
}
