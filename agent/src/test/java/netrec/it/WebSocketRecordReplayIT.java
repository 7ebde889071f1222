package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.websocket.ChatClientMain;
import netrec.it.websocket.EchoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket as it ships: four clients (the JDK's HttpClient, OkHttp, Jetty 12 and Java-WebSocket) chat with a real
 * WebSocket server (Java-WebSocket's, which compresses every message with permessage-deflate where the client offers
 * it), over ws:// and then wss:// in one JVM. Recorded as one {@code websocket} interaction each, then replayed with
 * the servers stopped, in a JVM without network: the client sees the same chats.
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
    void jdkHttpClientOverWsAndWss() throws Exception {
        recordThenReplay("jdk");
    }

    @JdkIndependent("the WebSocket layer is netrec's; this client's sockets and TLS are its HTTP scenario's, on both "
            + "JDKs; the JDK HttpClient's WebSocket, a JDK class, runs on both")
    @Test
    void okHttpOverWsAndWss() throws Exception {
        recordThenReplay("okhttp");
    }

    @JdkIndependent("as above (Jetty's channels and SSLEngine: JettyRecordReplayIT)")
    @Test
    void jettyOverWsAndWss() throws Exception {
        recordThenReplay("jetty");
    }

    @JdkIndependent("as above (blocking sockets and SSLSocket, as HttpURLConnection's)")
    @Test
    void javaWebSocketOverWsAndWss() throws Exception {
        recordThenReplay("java-websocket");
    }

    @JdkIndependent("the miss is netrec's matching of messages")
    @Test
    void aMessageTheRecordingLacksIsAMissNamingBothMessages() throws Exception {
        Path cassette = work.resolve("cassette");
        String url = record("jdk", cassette).get(0);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(ChatClientMain.class.getName(), "jdk", url, "howdy").run(work);

        assertEquals(3, replayed.exitCode, replayed.toString());
        String misses = Files.readString(cassette.resolve(".netrec").resolve("replay-misses.txt"));
        assertTrue(misses.contains("WebSocket message 1 (text, 5 bytes) on GET http://localhost:"), misses);
        assertTrue(misses.contains("it differs: sent 'howdy' (5 bytes), recorded 'hello' (5 bytes)"), misses);
        assertTrue(replayed.stderr.contains("netrec: replay miss"), replayed.toString());
    }

    @Test
    void updateGoesOnWithTheServerFromAMessageTheCassetteLacksAndTheWholeChatReplaysOffline() throws Exception {
        updateThenReplay("jdk");
    }

    @JdkIndependent("as above (blocking sockets and SSLSocket, as HttpURLConnection's); this client offers "
            + "permessage-deflate, which update mode's own WebSocket to the server must not")
    @Test
    void updateGoesOnWithTheServerForAClientThatOffersCompression() throws Exception {
        updateThenReplay("java-websocket");
    }

    /**
     * Update mode sends the server the chat so far again and sets aside the answers the client had from the cassette:
     * an answer that comes late (after update mode stopped waiting for it, with the next one's) is set aside all the
     * same, and the client gets each message once.
     */
    @JdkIndependent("update mode's catching up with the server is netrec's; the JDK's WebSocket client goes on with "
            + "the server on both JDKs in the test above")
    @Test
    void updateSetsAsideAnAnswerTheServerSendsLateAndTheClientGetsEachMessageOnce() throws Exception {
        Path cassette = work.resolve("cassette");
        try (EchoServer server = EchoServer.start(false)) {
            String url = "ws://localhost:" + server.port() + "/chat";
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(ChatClientMain.class.getName(), "jdk", url, "late hello").run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            List<String> expected = new ArrayList<>(recorded.lines());
            expected.add(expected.size() - 1, "text: echo: one more");

            ChildJvm.Result updated = ChildJvm.withAgent("update,cassette=" + cassette)
                    .main(ChatClientMain.class.getName(), "jdk", url, "late hello", "one more").run(work);

            assertEquals(expected, updated.lines(), updated.toString());
            assertEquals(0, updated.exitCode, updated.toString());
        }
    }

    /**
     * Records the chat, then updates it twice, each time with another message before {@code bye} (the server is sent
     * the chat so far again, then the new message, and answers the rest), then replays each chat offline: the longer
     * ones part from the first recording at that message and go on as their own update recorded them.
     */
    private void updateThenReplay(String client) throws Exception {
        Path cassette = work.resolve("cassette");
        String urls;
        try (EchoServer plain = EchoServer.start(false); EchoServer tls = EchoServer.start(true)) {
            urls = "ws://localhost:" + plain.port() + "/chat,wss://localhost:" + tls.port() + "/chat";
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(ChatClientMain.class.getName(), client, urls).run(work);
            assertEquals(twice(), recorded.lines(), recorded.toString());

            for (String more : List.of("one more", "another")) {
                ChildJvm.Result updated = ChildJvm.withAgent("update,cassette=" + cassette)
                        .main(ChatClientMain.class.getName(), client, urls, "hello", more).run(work);

                assertEquals(twiceWith(more), updated.lines(), updated.toString() + "\n--- the cassette\n"
                        + RecordReplayScenario.everythingIn(cassette));
                assertEquals(0, updated.exitCode, updated.toString());
                RecordReplayScenario.assertQuiet(updated.stderr);
            }
            assertEquals(5 + 6 + 6, plain.messages(), "the chat recorded, then each update's: its first four "
                    + "messages sent again, the new one and bye");
            assertEquals(5 + 6 + 6, tls.messages());
        }

        for (String more : List.of("another", "one more")) {
            ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                    .main(ChatClientMain.class.getName(), client, urls, "hello", more).run(work);

            assertEquals(0, replayed.exitCode, replayed.toString() + "\n--- the cassette\n"
                    + RecordReplayScenario.everythingIn(cassette));
            assertEquals(twiceWith(more), replayed.lines(), replayed.toString());
            Path misses = cassette.resolve(".netrec").resolve("replay-misses.txt");
            RecordReplayScenario.assertQuiet(replayed.stderr + (Files.exists(misses) ? "\n--- " + misses + "\n"
                    + Files.readString(misses) + "\n--- the cassette\n" + RecordReplayScenario.everythingIn(cassette)
                    : ""));
        }
        ChildJvm.Result asFirstRecorded = RecordReplayScenario.replayJvm(cassette)
                .main(ChatClientMain.class.getName(), client, urls).run(work);
        assertEquals(twice(), asFirstRecorded.lines(), "the first chat still replays: " + asFirstRecorded);
    }

    /** The chat with {@code more} said before {@code bye}, twice (ws:// and wss://). */
    private static List<String> twiceWith(String more) {
        List<String> longer = new ArrayList<>(CHAT.subList(0, CHAT.size() - 1));
        longer.add("text: echo: " + more);
        longer.add(CHAT.get(CHAT.size() - 1));
        List<String> both = new ArrayList<>(longer);
        both.addAll(longer);
        return both;
    }

    /** One JVM chats over ws:// and then wss:// while recording; another replays both chats. */
    private void recordThenReplay(String client) throws Exception {
        Path cassette = work.resolve("cassette");
        List<String> urls = record(client, cassette);
        List<String> recording = Files.readAllLines(RecordReplayScenario.onlyRecordingFile(cassette));
        assertEquals(2, recording.stream().filter(line -> line.equals("    protocol: websocket")).count(),
                String.join("\n", recording));
        assertEquals(2, recording.stream().filter(line -> line.equals("        text: \"echo: hello\"")).count(),
                String.join("\n", recording));
        assertTrue(recording.contains("        text: push3"), String.join("\n", recording));
        for (String url : urls) {
            assertTrue(recording.contains("      uri: " + url.replaceFirst("^ws", "http")), url + " recorded as "
                    + String.join("\n", recording));
        }

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(ChatClientMain.class.getName(), client, String.join(",", urls)).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(twice(), replayed.lines(), replayed.toString());
        Path misses = cassette.resolve(".netrec").resolve("replay-misses.txt");
        RecordReplayScenario.assertQuiet(replayed.stderr + (Files.exists(misses) ? "\n--- " + misses + "\n"
                + Files.readString(misses) + "\n--- the recording\n" + String.join("\n", recording) : ""));
    }

    /**
     * Records the chat against a real server over ws:// and one over wss://, then stops them; returns the URLs the
     * client used.
     */
    private List<String> record(String client, Path cassette) throws Exception {
        try (EchoServer plain = EchoServer.start(false); EchoServer tls = EchoServer.start(true)) {
            List<String> urls = List.of("ws://localhost:" + plain.port() + "/chat",
                    "wss://localhost:" + tls.port() + "/chat");
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(ChatClientMain.class.getName(), client, String.join(",", urls)).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertEquals(twice(), recorded.lines(), recorded.toString());
            RecordReplayScenario.assertQuiet(recorded.stderr);
            assertEquals(5, plain.messages());
            assertEquals(5, tls.messages());
            return urls;
        }
    }

    private static List<String> twice() {
        List<String> both = new ArrayList<>(CHAT);
        both.addAll(CHAT);
        return both;
    }
}
