package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import netrec.it.grpc.SimpleClientMain;
import netrec.it.grpc.SimpleServer;
import netrec.it.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC as it ships, over HTTP/2: grpc-java's clients (the Netty transport as grpc-netty-shaded carries it, and the
 * OkHttp transport) make the four kinds of call, an error call and a call past its deadline to grpc-java's own server,
 * plaintext (h2c with prior knowledge) and over TLS. Recorded as {@code h2}, then replayed with the server stopped, in
 * a JVM without network where the machine allows one.
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
    void nettyPlaintextCallsReplayOffline() throws Exception {
        recordThenReplay("netty", false);
    }

    @Test
    void nettyTlsCallsReplayOffline() throws Exception {
        recordThenReplay("netty", true);
    }

    @Test
    void okHttpPlaintextCallsReplayOffline() throws Exception {
        recordThenReplay("okhttp", false);
    }

    @Test
    void okHttpTlsCallsReplayOffline() throws Exception {
        recordThenReplay("okhttp", true);
    }

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

    private void recordThenReplay(String transport, boolean tls) throws Exception {
        Path cassette = work.resolve("cassette");
        String[] arguments;
        try (SimpleServer server = SimpleServer.start("127.0.0.1", tls)) {
            arguments = new String[] {transport, "localhost", String.valueOf(server.port()), tls ? "tls" : "plain"};
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(SimpleClientMain.class.getName(), arguments).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertEquals(ANSWERS, recorded.lines(), recorded.toString());
            RecordReplayScenario.assertQuiet(recorded.stderr);
            assertEquals(7, server.calls());
        }
        List<String> recording = Files.readAllLines(RecordReplayScenario.onlyRecordingFile(cassette));
        assertEquals(List.of("    protocol: h2"), recording.stream().filter(line -> line.startsWith("    protocol:"))
                .distinct().collect(Collectors.toList()));
        String scheme = tls ? "https" : "http";
        assertTrue(recording.contains("      uri: " + scheme + "://localhost:" + arguments[2]
                + "/grpc.testing.SimpleService/BidiStreamingRpc"), String.join("\n", recording));
        assertTrue(recording.contains("        grpc-status: '5'"), String.join("\n", recording));
        assertTrue(recording.contains("      unanswered: true"), "the call past its deadline: " + recording);
        assertTrue(recording.contains("      interleaved:"), "the ping-pong call: " + recording);
        ChildJvm.Result shown = ChildJvm.netrecCommand("show", cassette.toString(), "1").run(work);
        assertTrue(shown.stdout.contains("# request messages (gRPC; protobuf decoded without its schema, by field "
                + "number):\n#   message 1 (7 bytes)\n#     1: \"hello\"\n"), shown.toString());

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(SimpleClientMain.class.getName(), arguments).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(ANSWERS, replayed.lines());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }
}
