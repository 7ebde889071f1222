package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import netrec.cassette.Interaction;
import netrec.cassette.yaml.CassetteReader;
import netrec.it.grpc.SimpleClientMain;
import netrec.it.grpc.SimpleServer;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC as it ships, over HTTP/2: grpc-java's clients (the Netty transport as grpc-netty-shaded carries it, and the
 * OkHttp transport) make the four kinds of call, an error call and a call past its deadline to grpc-java's own server,
 * plaintext (h2c with prior knowledge) and then over TLS, in one JVM. Recorded as {@code h2}, then replayed with the
 * servers stopped, in a JVM without network where the machine allows one.
 */
class GrpcRecordReplayIT {
    private static final List<String> ANSWERS = List.of(
            "unary: unary hello",
            "server streaming: [tick 1, tick 2, tick 3]",
            "client streaming: [received [a, b, c]]",
            "bidirectional: [echo x, echo y, echo z]",
            "ping-pong: [echo p1, echo p2, echo p3]",
            "error: NOT_FOUND no such thing reason=asked for NOT_FOUND",
            "deadline: DEADLINE_EXCEEDED");

    @TempDir
    Path work;

    @Test
    void nettyPlaintextAndTlsCallsReplayOffline() throws Exception {
        recordThenReplay("netty");
    }

    @JdkIndependent("gRPC is h2, netrec's; OkHttp's blocking sockets and SSLSocket are OkHttpRecordReplayIT's, on "
            + "both JDKs; the Netty transport runs on both")
    @Test
    void okHttpPlaintextAndTlsCallsReplayOffline() throws Exception {
        recordThenReplay("okhttp");
    }

    @JdkIndependent("matching rules are netrec's")
    @Test
    void aCallMatchesOnItsMethodPathAndOnItsMessagesWhenRulesAskForThem() throws Exception {
        Path cassette = work.resolve("cassette");
        String[] call;
        try (SimpleServer server = SimpleServer.start("127.0.0.1", false)) {
            call = new String[] {"okhttp", "localhost", String.valueOf(server.port()), "plain", "hello"};
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(SimpleClientMain.class.getName(), call).run(work);
            assertEquals(List.of("unary: unary hello"), recorded.lines(), recorded.toString());
        }
        call[4] = "goodbye";
        ChildJvm.Result byPath = RecordReplayScenario.replayJvm(cassette).main(SimpleClientMain.class.getName(), call)
                .run(work);
        assertEquals(List.of("unary: unary hello"), byPath.lines(), "by default the method path alone counts");

        Files.writeString(cassette.resolve("rules.yaml"), "version: 1\nrules:\n"
                + "  - path: /grpc.testing.SimpleService/UnaryRpc\n    body: exact\n");
        ChildJvm.Result byMessage = RecordReplayScenario.replayJvm(cassette)
                .main(SimpleClientMain.class.getName(), call).run(work);
        assertEquals(3, byMessage.exitCode, byMessage.toString());
        assertTrue(byMessage.stdout.startsWith("FAILED: "), byMessage.toString());
        // grpc-okhttp reports a failed connection without its cause; stderr and the miss report carry netrec's reason
        assertTrue(byMessage.stderr.contains("netrec: replay miss: POST http://localhost:"), byMessage.toString());
        assertTrue(Files.readString(cassette.resolve(".netrec").resolve("replay-misses.txt")).contains("body differs"),
                Files.readString(cassette.resolve(".netrec").resolve("replay-misses.txt")));
        call[4] = "hello";
        ChildJvm.Result sameMessage = RecordReplayScenario.replayJvm(cassette)
                .main(SimpleClientMain.class.getName(), call).run(work);
        assertEquals(List.of("unary: unary hello"), sameMessage.lines(), sameMessage.toString());
    }

    /** One JVM calls a plaintext server and then a TLS one while recording; another replays both. */
    private void recordThenReplay(String transport) throws Exception {
        Path cassette = work.resolve("cassette");
        String[] arguments;
        try (SimpleServer plain = SimpleServer.start("127.0.0.1", false);
                SimpleServer tls = SimpleServer.start("127.0.0.1", true)) {
            arguments = new String[] {transport, "localhost", String.valueOf(plain.port()), "plain",
                String.valueOf(tls.port()), "tls"};
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(SimpleClientMain.class.getName(), arguments).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertEquals(twice(), recorded.lines(), recorded.toString());
            RecordReplayScenario.assertQuiet(recorded.stderr);
            assertEquals(7, plain.calls());
            assertEquals(7, tls.calls());
        }
        List<String> recording = Files.readAllLines(RecordReplayScenario.onlyRecordingFile(cassette));
        assertEquals(List.of("    protocol: h2"), recording.stream().filter(line -> line.startsWith("    protocol:"))
                .distinct().collect(Collectors.toList()), String.join("\n", recording));
        assertTrue(recording.contains("      uri: http://localhost:" + arguments[2]
                + "/grpc.testing.SimpleService/BidiStreamingRpc"), String.join("\n", recording));
        assertTrue(recording.contains("      uri: https://localhost:" + arguments[4]
                + "/grpc.testing.SimpleService/BidiStreamingRpc"), String.join("\n", recording));
        assertEquals(2, recording.stream().filter(line -> line.equals("        grpc-status: '5'")).count(),
                String.join("\n", recording));
        assertEquals(2, recording.stream().filter(line -> line.equals("      unanswered: true")).count(),
                "the calls past their deadline: " + recording);
        assertPingPongInterleaved(cassette);
        ChildJvm.Result shown = ChildJvm.netrecCommand("show", cassette.toString(), "1").run(work);
        assertTrue(shown.stdout.contains("# request messages (gRPC; protobuf decoded without its schema, by field "
                + "number):\n#   message 1 (7 bytes)\n#     1: \"hello\"\n"), shown.toString());

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(SimpleClientMain.class.getName(), arguments).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(twice(), replayed.lines());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }

    /**
     * Each ping-pong call (three messages of 9 bytes, each sent once the answer to the one before came) keeps how its
     * answers went along with its messages. The bidirectional call that sends all its messages first may be
     * interleaved too, when the server's first echo overtook the client's last message: the server echoes each at once.
     */
    private static void assertPingPongInterleaved(Path cassette) throws IOException {
        List<Interaction> pingPongs = new CassetteReader(warning -> { throw new AssertionError(warning); })
                .load(cassette).interactions().stream()
                .filter(i -> i.request().uri().endsWith("/BidiStreamingRpc") && i.request().body().size() == 27)
                .collect(Collectors.toList());
        assertEquals(2, pingPongs.size(), "one ping-pong call over plaintext, one over TLS: " + pingPongs);
        for (Interaction pingPong : pingPongs) {
            assertEquals(3, pingPong.response().interleaving().steps().size(), pingPong + " went along as "
                    + pingPong.response().interleaving() + " (request bytes, response bytes)");
        }
    }

    private static List<String> twice() {
        List<String> both = new ArrayList<>(ANSWERS);
        both.addAll(ANSWERS);
        return both;
    }
}
