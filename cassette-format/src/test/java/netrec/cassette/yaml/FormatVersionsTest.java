package netrec.cassette.yaml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import netrec.cassette.Body;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteException;
import netrec.cassette.ConnectFailure;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.Tls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every recording file a netrec wrote still loads: a version-1 file becomes the model its version-2 twin does, a
 * version-2 file the model of the same entries in version 3, and so on; writing that model gives today's file.
 * Version 3's golden (with an HTTP/2 stream and its trailers) and version 4's (a WebSocket and a TCP conversation)
 * write back byte for byte. A newer version is refused, and
 * {@code rules.yaml} keeps a version of its own.
 */
class FormatVersionsTest {
    @TempDir
    Path dir;

    @Test
    void versionOneGoldenLoadsAsTheSameModelAsVersionTwoGolden() throws IOException {
        Cassette v1 = load(cassette("v1", golden("recording-v1.yaml")));
        Cassette v2 = load(cassette("v2", golden("recording-v2.yaml")));
        assertEquals(3, v2.interactions().size());
        assertEquals(List.of(Interaction.HTTP_1_1, Interaction.HTTP_1_1, Interaction.HTTP_1_1),
                v1.interactions().stream().map(Interaction::protocol).collect(Collectors.toList()));
        assertEquals(describe(v2), describe(v1));
    }

    @Test
    void versionTwoGoldenLoadsAsTheSameModelAsTheSameEntriesInVersionThree() throws IOException {
        Cassette v2 = load(cassette("v2", golden("recording-v2.yaml")));
        Cassette v3 = load(cassette("v3", golden("recording-v2.yaml").replaceFirst("version: 2", "version: 3")));
        assertEquals(describe(v3), describe(v2));
    }

    @Test
    void versionThreeGoldenHoldsAnHttp2StreamWithItsTrailersAndWritesBackByteForByte() throws IOException {
        String golden = golden("recording-v3.yaml");
        Cassette v3 = load(cassette("v3", golden));
        Interaction stream = v3.interactions().get(3);
        assertEquals(Interaction.HTTP_2, stream.protocol());
        assertEquals("", stream.response().reason());
        assertEquals("5", stream.response().trailers().first("grpc-status"));
        assertEquals("no such service", stream.response().trailers().first("grpc-message"));
        assertTrue(v3.interactions().get(4).response().isUnanswered());
        assertEquals(golden.replaceFirst("version: 3", "version: 6"), rewritten(cassette("again", golden)));
    }

    @Test
    void versionFourGoldenHoldsAWebSocketAndATcpConversationAndWritesBackByteForByte() throws IOException {
        String golden = golden("recording-v4.yaml");
        Cassette v4 = load(cassette("v4", golden));
        Interaction socket = v4.interactions().get(0);
        assertEquals(Interaction.WEBSOCKET, socket.protocol());
        assertEquals(101, socket.response().status());
        List<Message> messages = socket.response().messages();
        assertEquals(List.of("client text hello", "server text echo: hello", "server binary 3", "client ping 0",
                        "server pong 0", "client close 1000 bye"),
                messages.stream().map(m -> m.from().label() + " " + m.kind().label() + " " + (m.kind()
                        == Message.Kind.CLOSE ? m.closeCode() + " " + m.text() : m.kind() == Message.Kind.TEXT
                        ? m.text() : String.valueOf(m.size()))).collect(Collectors.toList()));
        assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, messages.get(2).bytes());
        Interaction tcp = v4.interactions().get(1);
        assertEquals(Interaction.TCP, tcp.protocol());
        assertTrue(tcp.response().isConversation());
        assertEquals("TCP tcp://localhost:6379", tcp.request().toString());
        assertEquals("+PONG\r\n", tcp.response().messages().get(1).text());
        assertEquals(Message.Kind.END, tcp.response().messages().get(4).kind());
        Message stored = tcp.response().messages().get(3);
        assertTrue(stored.isStored());
        assertTrue(v4.bodyFiles().containsKey(stored.stored().sha256()));
        assertEquals(golden.replaceFirst("version: 4", "version: 6"), rewritten(cassette("again", golden)));
    }

    @Test
    void versionFiveGoldenHoldsConnectionsPaceAndFailuresAndWritesBackByteForByte() throws IOException {
        String golden = golden("recording-v5.yaml");
        Cassette v5 = load(cassette("v5", golden));
        HostLookup nosuch = v5.lookups().get(0);
        assertEquals("java.net.UnknownHostException: nosuch.example.org", nosuch.failure().toString());
        assertEquals(List.of(), nosuch.addresses());
        ConnectFailure refused = v5.failures().get(0);
        assertEquals(1, refused.connection());
        assertEquals("down.example.org", refused.server().host());
        assertEquals("java.net.ConnectException: Connection refused", refused.failure().toString());
        Interaction events = v5.interactions().get(0);
        assertEquals(2, events.connection());
        assertEquals("[[0, 3], [11, 205], [22, 406], [35, 608]]", events.response().pace().points().toString());
        assertEquals(2, v5.interactions().get(1).connection(), "the same connection, kept alive");
        assertTrue(v5.interactions().get(1).response().pace().isEmpty(), "a response that came at once");
        assertEquals(3, v5.interactions().get(2).connection());
        assertEquals(golden.replaceFirst("version: 5", "version: 6"), rewritten(cassette("again", golden)));
    }

    @Test
    void versionSixGoldenSaysWhereEachTcpClientTurnCameAndWritesBackByteForByte() throws IOException {
        String golden = golden("recording-v6.yaml");
        Cassette v6 = load(cassette("v6", golden));
        List<Message> first = v6.interactions().get(3).response().messages();
        List<Message> second = v6.interactions().get(4).response().messages();
        assertEquals(List.of(1L, 0L, 3L, 0L), first.stream().map(Message::order).collect(Collectors.toList()));
        assertEquals(List.of(2L, 0L, 4L, 0L), second.stream().map(Message::order).collect(Collectors.toList()));
        assertEquals(golden, rewritten(cassette("again", golden)));
        Cassette asFive = load(cassette("v5", golden("recording-v5.yaml")));
        assertTrue(asFive.interactions().get(2).response().messages().stream().allMatch(m -> m.order() == 0),
                "version 5 did not say it: not known");
    }

    @Test
    void aTurnOrderOnAServersMessageIsRefusedNamingTheMessage() throws IOException {
        Path cassette = cassette("odd", golden("recording-v6.yaml").replaceFirst(
                "      - from: server\n        at: 1\n        text: \":1", "      - from: server\n        at: 1\n"
                + "        order: 9\n        text: \":1"));
        CassetteException e = assertThrows(CassetteException.class, () -> load(cassette));
        assertTrue(e.getMessage().endsWith("'messages[1].order' belongs to a raw TCP client turn only, not to a "
                + "server data message"), e.getMessage());
    }

    @Test
    void aTurnOrderThatIsNoCountIsRefusedNamingTheMessage() throws IOException {
        Path cassette = cassette("odd", golden("recording-v6.yaml").replaceFirst("order: 1\n", "order: first\n"));
        CassetteException e = assertThrows(CassetteException.class, () -> load(cassette));
        assertTrue(e.getMessage().endsWith("'messages[0].order' must be a whole number from 1 (where the turn came "
                + "among the recording's), not 'first'"), e.getMessage());
    }

    @Test
    void versionFourGoldenLoadsAsTheSameModelInVersionFiveWithNoConnectionsNorPace() throws IOException {
        String golden = golden("recording-v4.yaml");
        Cassette v4 = load(cassette("v4", golden));
        Cassette v5 = load(cassette("v5", golden.replaceFirst("version: 4", "version: 6")));
        assertEquals(describe(v5), describe(v4));
        assertTrue(v4.interactions().stream().allMatch(i -> i.connection() == 0));
    }

    @Test
    void versionThreeGoldenLoadsAsTheSameModelAsTheSameEntriesInVersionFour() throws IOException {
        Cassette v3 = load(cassette("v3", golden("recording-v3.yaml")));
        Cassette v4 = load(cassette("v4", golden("recording-v3.yaml").replaceFirst("version: 3", "version: 4")));
        assertEquals(describe(v4), describe(v3));
    }

    @Test
    void messagesOnAnHttpExchangeAreRefused() throws IOException {
        Path cassette = cassette("odd", golden("recording-v4.yaml").replaceFirst("protocol: websocket",
                "protocol: http/1.1"));
        CassetteException e = assertThrows(CassetteException.class, () -> load(cassette));
        assertTrue(e.getMessage().endsWith("a.yaml:7: in the entry starting here, 'messages' belong to a "
                + "conversation or a websocket, not to http/1.1"), e.getMessage());
    }

    @Test
    void messageFromNeitherSideIsRefusedNamingTheMessage() throws IOException {
        Path cassette = cassette("odd", golden("recording-v4.yaml").replaceFirst("from: server", "from: proxy"));
        CassetteException e = assertThrows(CassetteException.class, () -> load(cassette));
        assertTrue(e.getMessage().endsWith("'messages[1].from' must be client or server, not 'proxy'"),
                e.getMessage());
    }

    @Test
    void versionOneGoldenWrittenAgainIsTheVersionTwoGoldenUnderVersionFive() throws IOException {
        assertEquals(golden("recording-v2.yaml").replaceFirst("version: 2", "version: 6"),
                rewritten(cassette("v1", golden("recording-v1.yaml"))));
    }

    /** The recording file in {@code cassette} as this netrec writes what it loads from it. */
    private static String rewritten(Path cassette) {
        // the recording: lines are not part of the model; these are the goldens'
        StringBuilder written = new StringBuilder(CassetteYaml.fileStart(Instant.parse("2026-11-22T03:10:49.123Z"),
                4242, "17.0.21"));
        new CassetteReader(w -> { throw new AssertionError(w); }).read(cassette,
                new EntryHandler() {
                    @Override
                    public void interaction(Interaction interaction) {
                        written.append(CassetteYaml.entry(interaction));
                    }

                    @Override
                    public void lookup(HostLookup lookup) {
                        written.append(CassetteYaml.entry(lookup));
                    }

                    @Override
                    public void failure(ConnectFailure failure) {
                        written.append(CassetteYaml.entry(failure));
                    }
                });
        return written.append(CassetteYaml.FILE_END).toString();
    }

    @Test
    void newerVersionIsRefusedNamingBothVersionsAndWhatToDo() throws IOException {
        Path cassette = cassette("future", golden("recording-v3.yaml").replaceFirst("version: 3", "version: 7"));
        CassetteException e = assertThrows(CassetteException.class, () -> load(cassette));
        assertEquals(cassette.resolve("interactions/a.yaml") + ":1: cassette format version 7 is newer than this "
                + "netrec reads (it reads versions 1 to 6); a newer netrec recorded this file: use that netrec or a "
                + "newer one, or record again with this one", e.getMessage());
    }

    @Test
    void versionThatIsNotAWholeNumberIsRefused() throws IOException {
        Path cassette = cassette("odd", "version: two\ninteractions: []\n" + CassetteYaml.FILE_END);
        CassetteException e = assertThrows(CassetteException.class, () -> load(cassette));
        assertTrue(e.getMessage().endsWith("a.yaml:1: 'version' is 'two', not a cassette format version; it is a "
                + "whole number, 1 to 6 (this netrec writes 6)"), e.getMessage());
    }

    @Test
    void everyVersionBeforeTheCurrentOneHasAnUpgradeStep() {
        assertEquals(CassetteYaml.RECORDING_VERSION - 1, RecordingUpgrades.steps());
    }

    @Test
    void versionTwoInteractionWithoutProtocolIsRefused() throws IOException {
        Path cassette = cassette("bare", golden("recording-v2.yaml").replaceFirst("    protocol: http/1.1\n", ""));
        CassetteException e = assertThrows(CassetteException.class, () -> load(cassette));
        assertTrue(e.getMessage().endsWith("a.yaml:11: in the entry starting here, 'protocol' is missing"),
                e.getMessage());
    }

    @Test
    void protocolThisNetrecDoesNotKnowIsRefusedNamingTheOnesItDoes() throws IOException {
        Path cassette = cassette("quic", golden("recording-v3.yaml").replace("    protocol: http/1.1\n",
                "    protocol: h3\n"));
        CassetteException e = assertThrows(CassetteException.class, () -> load(cassette));
        assertTrue(e.getMessage().endsWith("a.yaml:11: in the entry starting here, 'protocol' is 'h3', which "
                + "this netrec does not replay (it knows h2, http/1.1, tcp, websocket); a newer netrec may"),
                e.getMessage());
    }

    @Test
    void aReaderGivenNoProtocolsTakesANewerOnesEntriesShapedAsTheyAreWritten() throws IOException {
        Path cassette = cassette("newer", golden("recording-v4.yaml").replace("    protocol: tcp\n",
                "    protocol: mqtt\n"));
        Cassette read = new CassetteReader(w -> { throw new AssertionError(w); }).load(cassette);
        Interaction mqtt = read.interactions().get(1);
        assertEquals("mqtt", mqtt.protocol());
        assertEquals("MQTT mqtt://localhost:6379", mqtt.request().toString());
        assertEquals(5, mqtt.response().messages().size());
    }

    @Test
    void rulesFileKeepsVersionOneOfItsOwn() throws IOException {
        Path cassette = dir.resolve("rules");
        Files.createDirectories(cassette);
        RulesEditor.ignoreBodyFields(cassette, "POST", "h", "/events", List.of("sentAt"));
        Path rules = cassette.resolve("rules.yaml");
        assertTrue(Files.readString(rules).startsWith("version: 1\n"), Files.readString(rules));
        Files.writeString(rules, "version: " + CassetteYaml.RECORDING_VERSION + "\nrules: []\n");
        CassetteException e = assertThrows(CassetteException.class, () -> RulesReader.read(cassette));
        assertTrue(e.getMessage().contains("version " + CassetteYaml.RECORDING_VERSION + " is not one this netrec "
                + "reads (it reads 1)"), e.getMessage());
    }

    /**
     * Every field of everything {@code cassette} holds, one entry a line; where each entry was read from is left
     * out, as a version-2 file's entries sit lower than a version-1 file's.
     */
    private static String describe(Cassette cassette) {
        StringBuilder text = new StringBuilder();
        for (Interaction interaction : cassette.interactions()) {
            Server server = interaction.server();
            Tls tls = server.tls();
            RecordedRequest request = interaction.request();
            RecordedResponse response = interaction.response();
            text.append(List.of(interaction.recordedAt(), interaction.protocol(), server.host(), server.port(),
                            server.address(), server.via(), tls == null ? "no tls" : List.of(tls.protocol(),
                                    tls.cipherSuite(), tls.applicationProtocol(), tls.certificates()),
                            request.method(), request.uri(), request.headers().fields(), body(request.body()),
                            response.status(), response.reason(), response.headers().fields(), body(response.body()),
                            response.trailers().fields(), response.endedEarly(), response.isUnanswered(),
                            response.interleaving(), response.messages(), interaction.connection(),
                            response.pace().points()))
                    .append('\n');
        }
        for (HostLookup lookup : cassette.lookups()) {
            text.append(List.of(lookup.recordedAt(), lookup.host(), lookup.addresses())).append('\n');
        }
        return text.append(cassette.incompleteNotes()).append('\n').append(cassette.bodyFiles().keySet()).toString();
    }

    private static String body(Body body) {
        return body.isText() ? "text " + body.text() : body.isStored() ? "stored " + body.sha256() + " " + body.size()
                : "empty";
    }

    /** netrec's protocols, with the shapes they declare. */
    private static final Map<String, Interaction.Shape> PROTOCOLS = Map.of(Interaction.HTTP_1_1,
            Interaction.Shape.EXCHANGE, Interaction.HTTP_2, Interaction.Shape.EXCHANGE, Interaction.WEBSOCKET,
            Interaction.Shape.EXCHANGE_WITH_MESSAGES, Interaction.TCP, Interaction.Shape.CONVERSATION);

    private static Cassette load(Path cassette) {
        return new CassetteReader(w -> { throw new AssertionError(w); }).knowing(PROTOCOLS).load(cassette);
    }

    private Path cassette(String name, String recording) throws IOException {
        Path cassette = dir.resolve(name);
        Files.createDirectories(cassette.resolve("interactions"));
        Files.writeString(cassette.resolve("interactions/a.yaml"), recording);
        return cassette;
    }

    private String golden(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
