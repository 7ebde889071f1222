package netrec.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketImpl;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import netrec.cassette.Cassette;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.cassette.yaml.CassetteReader;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.bridge.NetrecBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine without an agent and without a child JVM: the JDK's hooks are called as the instrumented JDK would call
 * them, and the session decides each connection's tap. A conversation is recorded through its tap, then replayed
 * from that cassette to a client whose server does not exist.
 */
class SessionTest {
    private static final String REQUEST = "GET /items?page=2 HTTP/1.1\r\nHost: api.example.org\r\n\r\n";
    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Content-Length: 13\r\n\r\n{\"items\":[2]}";

    @TempDir
    Path cassette;
    @TempDir
    Path cache;

    /** A server that exists nowhere: 192.0.2.0/24 is reserved for documentation. */
    private final InetSocketAddress server = new InetSocketAddress(address("api.example.org", 192, 0, 2, 7), 80);

    @Test
    void recordingTapWritesTheConversationAsAnInteraction() throws IOException {
        record();

        Cassette recorded = load();
        assertEquals(1, recorded.interactions().size());
        Interaction interaction = recorded.interactions().get(0);
        assertEquals("http/1.1", interaction.protocol());
        assertEquals("GET", interaction.request().method());
        assertEquals("http://api.example.org:80/items?page=2", interaction.request().uri());
        assertEquals(200, interaction.response().status());
        assertEquals("192.0.2.7", interaction.server().address());
        assertEquals(List.of("192.0.2.7"), recorded.lookups().get(0).addresses());
    }

    @Test
    void replayingTapAnswersFromTheCassetteWithTheServerNowhere() throws IOException {
        record();
        Session replay = session("replay");
        EngineHooks hooks = new EngineHooks(replay);

        NetrecBridge.Lookup lookup = hooks.lookupStart("api.example.org");
        assertEquals("192.0.2.7", lookup.addresses[0].getHostAddress());
        try (Socket client = new Socket()) {
            NetrecBridge.Connect decision = hooks.connectStart(client, null, server);
            assertNotNull(decision.destination, "a socket the JDK does not implement goes to the replay server");
            client.connect(decision.destination);
            hooks.connectEnd(client, server, null);

            client.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            assertEquals(RESPONSE, read(client.getInputStream(), RESPONSE.length()));
        } finally {
            replay.stop();
        }
    }

    @Test
    void blockingSocketIsAnsweredInProcessWithNoSocketUnderneath() throws Exception {
        record();
        Session replay = session("replay");
        EngineHooks hooks = new EngineHooks(replay);
        Field impl = Socket.class.getDeclaredField("impl");
        impl.setAccessible(true);
        try (Socket client = new Socket()) {
            NetrecBridge.Connect decision = hooks.connectStart(client, (SocketImpl) impl.get(client), server);
            assertNotNull(decision.implementation, "the JDK's own socket is answered in-process");
            impl.set(client, decision.implementation);
            client.connect(server);
            hooks.connectEnd(client, server, null);

            client.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            assertEquals(RESPONSE, read(client.getInputStream(), RESPONSE.length()));

            client.getOutputStream().write("GET /nowhere HTTP/1.1\r\nHost: api.example.org\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            IOException miss = assertThrows(IOException.class, () -> client.getInputStream().read());
            assertTrue(miss.getMessage().startsWith("netrec: "), miss.getMessage());
        } finally {
            replay.stop();
        }
    }

    @Test
    void updateModeFetchesWhatTheCassetteLacksAndRecordsIt() throws IOException {
        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] body = ("fetched " + exchange.getRequestURI()).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream.getAddress()
                .getPort());
        try {
            record(local, "GET /known HTTP/1.1\r\nHost: localhost\r\n\r\n",
                    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nknown");
            Session update = session("update");
            EngineHooks hooks = new EngineHooks(update);
            try (Socket client = new Socket()) {
                client.connect(hooks.connectStart(client, null, local).destination);
                hooks.connectEnd(client, local, null);
                client.getOutputStream().write("GET /known HTTP/1.1\r\nHost: localhost\r\n\r\nGET /new HTTP/1.1\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().write("Host: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.setSoTimeout(10_000);
                String answers = readUntil(client.getInputStream(), "fetched /new");
                assertTrue(answers.contains("\r\n\r\nknown"), answers);
                assertTrue(answers.endsWith("fetched /new"), answers);
            } finally {
                update.stop();
            }
        } finally {
            upstream.stop(0);
        }
        List<String> uris = new ArrayList<>();
        for (Interaction interaction : load().interactions()) {
            uris.add(interaction.request().uri());
        }
        String base = "http://" + local.getHostString() + ":" + local.getPort();
        uris.sort(null);
        assertEquals(List.of(base + "/known", base + "/new"), uris, "the recording, and update's own file");
    }

    @Test
    void missFailsTheClientsReadWithReplaysReason() throws IOException {
        record();
        Session replay = session("replay");
        EngineHooks hooks = new EngineHooks(replay);
        try (Socket client = new Socket()) {
            client.connect(hooks.connectStart(client, null, server).destination);
            hooks.connectEnd(client, server, null);

            client.getOutputStream().write("GET /items?page=3 HTTP/1.1\r\nHost: api.example.org\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String said = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertEquals("netrec: no recorded interaction matches GET http://api.example.org:80/items?page=3 (netrec's "
                    + "whole explanation is the cause)", said, "where a status line would be, with no line end: "
                    + "what a client parsing it says when the read at the end fails");
            IOException miss = hooks.plainReceived(client, new byte[0], 0, -1);

            assertNotNull(miss);
            assertTrue(miss.getMessage().startsWith("netrec: "), miss.getMessage());
            assertTrue(miss.getMessage().contains("/items?page=2"), "names the nearest: " + miss.getMessage());
        } finally {
            replay.stop();
        }
    }

    @Test
    void replayRefusesWhatTheCassetteLacksAndWouldLeaveTheMachine() throws IOException {
        record();
        Session replay = session("replay");
        EngineHooks hooks = new EngineHooks(replay);

        NetrecBridge.Connect refused = hooks.connectStart(new Socket(), null,
                new InetSocketAddress(address("other.example.org", 203, 0, 113, 5), 443));
        assertTrue(refused.refusal instanceof ConnectException);
        assertTrue(refused.refusal.getMessage().startsWith("netrec: replay refuses to connect to other.example.org"),
                refused.refusal.getMessage());
        UnknownHostException unknown = hooks.lookupStart("other.example.org").failure;
        assertTrue(unknown.getMessage().contains("has no DNS answer in the cassette"), unknown.getMessage());
        replay.stop();
    }

    @Test
    void connectionsToHostsLeftAloneGetNoTap() {
        Session recording = new Session(AgentOptions.parse("record,cassette=" + cassette + ",leave-alone="
                + "api.example.org", Map.of()));
        EngineHooks hooks = new EngineHooks(recording);
        Socket client = new Socket();

        hooks.connectEnd(client, server, null);

        assertNull(recording.connections().tapOf(client));
        recording.stop();
    }

    @Test
    void trafficInNoKnownProtocolIsRecordedAsATcpConversationByTurns() {
        Session recording = session("record");
        EngineHooks hooks = new EngineHooks(recording);
        Socket client = new Socket();
        hooks.connectEnd(client, server, null);

        byte[] greeting = {'h', 'i', 0};
        hooks.plainReceived(client, greeting, 0, greeting.length);
        byte[] binary = {0, 1, 2, 3, 'x'};
        hooks.plainSent(client, binary, 0, 2);
        hooks.plainSent(client, binary, 2, 3);
        hooks.plainReceived(client, "ok".getBytes(StandardCharsets.UTF_8), 0, 2);
        hooks.closed(client);
        recording.stop();

        Cassette recorded = load();
        assertEquals(List.of(), recorded.incompleteNotes());
        Interaction conversation = recorded.interactions().get(0);
        assertEquals(Interaction.TCP, conversation.protocol());
        assertEquals("TCP tcp://api.example.org:80", conversation.request().toString());
        List<Message> turns = conversation.response().messages();
        assertEquals(List.of(Message.Side.SERVER, Message.Side.CLIENT, Message.Side.SERVER),
                turns.stream().map(Message::from).collect(Collectors.toList()));
        assertArrayEquals(greeting, turns.get(0).bytes());
        assertArrayEquals(binary, turns.get(1).bytes());
        assertEquals("ok", turns.get(2).text());
    }

    @Test
    void tlsRecordsFromAnEngineNetrecDoesNotSeeAreNotedAsNotRecorded() throws IOException {
        Session recording = session("record");
        EngineHooks hooks = new EngineHooks(recording);
        Socket client = new Socket();
        hooks.connectEnd(client, server, null);

        byte[] clientHello = {0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0};
        hooks.plainSent(client, clientHello, 0, clientHello.length);
        hooks.closed(client);
        recording.stop();

        assertEquals(0, load().interactions().size(), "a recording of no interaction is never published");
        Path kept;
        try (var attempts = java.nio.file.Files.list(cassette.resolve(".netrec"))) {
            kept = attempts.filter(p -> p.getFileName().toString().startsWith("failed-")).findFirst().orElseThrow();
        }
        Cassette noted = new CassetteReader(warning -> { }).load(kept);
        assertEquals(1, noted.incompleteNotes().size());
        assertTrue(noted.incompleteNotes().get(0)
                .contains(": TLS to api.example.org:80 does not go through the JDK's own TLS"),
                noted.incompleteNotes().get(0));
    }

    @Test
    void aRecordingReplacesTheCassetteOnlyWhenItEndsWellAndAnEmptyOneNever() throws IOException {
        record();
        String published = java.nio.file.Files.readString(cassette.resolve("interactions").resolve(recordingFile()));
        Session empty = session("record");
        new EngineHooks(empty).lookupEnd(server.getHostString(), new InetAddress[] {server.getAddress()}, null);
        empty.stop();
        assertEquals(published, java.nio.file.Files.readString(cassette.resolve("interactions")
                .resolve(recordingFile())), "an empty recording leaves the cassette as it was");
        assertFalse(java.nio.file.Files.exists(cassette.resolve(".netrec")), "and leaves no attempt behind");
    }

    @Test
    void refusedConnectsAloneNeverReplaceARecordingButStartANewCassette() throws IOException {
        record();
        String published = java.nio.file.Files.readString(cassette.resolve("interactions").resolve(recordingFile()));
        Session serverDown = session("record");
        new EngineHooks(serverDown).connectEnd(new Socket(), server, new ConnectException("Connection refused"));
        serverDown.stop();
        assertEquals(published, java.nio.file.Files.readString(cassette.resolve("interactions")
                .resolve(recordingFile())), "the server was down: the cassette is as it was");
        assertEquals(1, list(cassette.resolve(".netrec")).stream().filter(f -> f.startsWith("failed-")).count(),
                "and the attempt is kept to look at: " + list(cassette.resolve(".netrec")));

        java.nio.file.Files.walk(cassette).sorted(java.util.Comparator.reverseOrder()).map(Path::toFile)
                .forEach(java.io.File::delete);
        Session fresh = session("record");
        new EngineHooks(fresh).connectEnd(new Socket(), server, new ConnectException("Connection refused"));
        fresh.stop();
        assertEquals(1, load().failures().size(), "a new cassette takes the refused connect, which replays as such");
    }

    @Test
    void replayOfACassetteThatDoesNotExistRefusesEvenLoopbackAtTheFirstCall() {
        Session replay = new Session(AgentOptions.parse("replay,cassette=" + cassette.resolve("missing")
                + ",class-cache=" + cache, Map.of()));
        NetrecBridge.Connect refused = new EngineHooks(replay).connectStart(new Socket(), null,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 8089));
        assertTrue(refused.refusal instanceof ConnectException);
        assertTrue(refused.refusal.getMessage().startsWith("netrec: replay (mode replay) from " + cassette.resolve(
                "missing") + ", which does not exist, answers nothing"), refused.refusal.getMessage());
        replay.stop();
    }

    @Test
    void onceRecordsACassetteThatHasNoRecordingAndReplaysOneThatHas() {
        AgentOptions once = AgentOptions.parse("once,cassette=" + cassette, Map.of());
        assertEquals(netrec.runtime.base.Mode.RECORD, ModeChoice.of(once, java.time.LocalDate.now()).mode());
        record();
        assertEquals(netrec.runtime.base.Mode.REPLAY, ModeChoice.of(once, java.time.LocalDate.now()).mode());
    }

    @Test
    void anExpiredCassetteWarnsFailsOrIsRecordedAgainAsAsked() {
        record();
        java.time.LocalDate later = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(40);
        ModeChoice warned = ModeChoice.of(AgentOptions.parse("replay,cassette=" + cassette + ",max-age=30d", Map.of()),
                later);
        assertEquals(netrec.runtime.base.Mode.REPLAY, warned.mode());
        assertTrue(warned.warning().contains("days ago, more than its max-age of 30 days"), warned.warning());
        ModeChoice failed = ModeChoice.of(AgentOptions.parse("replay,cassette=" + cassette
                + ",max-age=30d,expired=fail", Map.of()), later);
        assertTrue(failed.refusal().startsWith("netrec: the cassette " + cassette), failed.refusal());
        ModeChoice fresh = ModeChoice.of(AgentOptions.parse("replay,cassette=" + cassette + ",max-age=60d,expired=fail",
                Map.of()), later);
        assertNull(fresh.refusal());
        ModeChoice unreachable = ModeChoice.of(AgentOptions.parse("once,cassette=" + cassette
                + ",max-age=30d,expired=record", Map.of()), later);
        assertEquals(netrec.runtime.base.Mode.REPLAY, unreachable.mode(), "192.0.2.7 cannot be reached");
        assertTrue(unreachable.warning().contains("api.example.org:80 cannot be reached to record it again"),
                unreachable.warning());
    }

    private String recordingFile() {
        return list(cassette.resolve("interactions")).get(0);
    }

    private static List<String> list(Path folder) {
        try (var files = java.nio.file.Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTapIsDecidedOnceAtConnectAndForgottenAtClose() {
        Session recording = session("record");
        EngineHooks hooks = new EngineHooks(recording);
        Socket client = new Socket();

        hooks.connectEnd(client, server, null);
        assertNotNull(recording.connections().tapOf(client));
        hooks.closed(client);

        assertNull(recording.connections().tapOf(client));
        recording.stop();
    }

    /** A client's conversation as the JDK's hooks report it, recorded into the cassette. */
    private void record() {
        record(server, REQUEST, RESPONSE);
    }

    private void record(InetSocketAddress to, String requestText, String responseText) {
        Session recording = session("record");
        EngineHooks hooks = new EngineHooks(recording);
        hooks.lookupEnd(to.getHostString(), new InetAddress[] {to.getAddress()}, null);
        Socket client = new Socket();
        hooks.connectEnd(client, to, null);
        byte[] request = requestText.getBytes(StandardCharsets.US_ASCII);
        byte[] response = responseText.getBytes(StandardCharsets.US_ASCII);
        hooks.plainSent(client, request, 0, 20);
        hooks.plainSent(client, request, 20, request.length - 20);
        hooks.plainReceived(client, response, 0, response.length);
        hooks.closed(client);
        recording.stop();
        assertArrayEquals(requestText.getBytes(StandardCharsets.US_ASCII), request, "the application's bytes untouched");
    }

    private Session session(String mode) {
        return new Session(AgentOptions.parse(mode + ",cassette=" + cassette + ",class-cache=" + cache.resolve("classes"), Map.of()));
    }

    private Cassette load() {
        return new CassetteReader(warning -> { }).load(cassette);
    }

    private static String read(InputStream in, int length) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (read.size() < length) {
            int n = in.read(buffer, 0, Math.min(buffer.length, length - read.size()));
            if (n < 0) {
                break;
            }
            read.write(buffer, 0, n);
        }
        return read.toString(StandardCharsets.US_ASCII);
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.US_ASCII).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            read.write(b);
        }
        return read.toString(StandardCharsets.US_ASCII);
    }

    private static InetAddress address(String host, int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(host, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
