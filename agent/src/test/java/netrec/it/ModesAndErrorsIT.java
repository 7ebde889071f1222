package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The modes other than plain record and replay, wrong input at startup, and the command line. */
class ModesAndErrorsIT {
    private static final String MAIN = ClientMain.class.getName();

    @TempDir
    Path work;

    @JdkIndependent("options are read before any hook is in place")
    @Test
    void unknownModeStopsTheJvmWithOneLineNamingTheValidModes() throws Exception {
        ChildJvm.Result result = ChildJvm.withAgent("replya").main(MAIN, "urlconnection", "").run(work);
        assertEquals(2, result.exitCode);
        assertEquals("netrec: unknown mode 'replya'; valid modes: record, replay, update, once, off\n", result.stderr);
    }

    @Test
    void malformedCassetteFailsReplayedCallsNamingFileAndLine() throws Exception {
        Path cassette = work.resolve("cassette");
        Files.createDirectories(cassette.resolve("interactions"));
        Files.writeString(cassette.resolve("interactions").resolve("hand-edited.yaml"), String.join("\n",
                "version: 1", "interactions:", "  - recorded-at: 2026-11-22T03:10:49Z", "    server: {host: h, port: 80}",
                "    request: {method: GET, uri: 'http://h:80/'}", "    response: {status: ok}", "# end of recording", ""));
        String reason = "netrec: " + cassette.resolve("interactions").resolve("hand-edited.yaml")
                + ":3: in the entry starting here, 'status' must be a whole number, not 'ok'";
        assertRefusedSayingOnce(reason, replayRequest(cassette));

        ChildJvm.Result noNetwork = ChildJvm.withAgent("replay,cassette=" + cassette).main(MAIN, "urlconnection", "")
                .run(work);
        assertEquals(0, noNetwork.exitCode, "a JVM that makes no network call never opens the cassette: " + noNetwork);
        assertEquals("", noNetwork.stderr);
    }

    /** A request to the host of the hand-written cassettes, in a JVM replaying {@code cassette}. */
    private ChildJvm.Result replayRequest(Path cassette) throws Exception {
        return ChildJvm.withAgent("replay,cassette=" + cassette).main(MAIN, "urlconnection", "GET http://h:80/")
                .run(work);
    }

    /** The request failed with {@code reason}, which netrec also said once on stderr. */
    private static void assertRefusedSayingOnce(String reason, ChildJvm.Result result) {
        assertEquals(3, result.exitCode, result.toString());
        assertEquals("FAILED: " + reason + "\n", result.stdout, result.toString());
        assertEquals(reason + "\n", result.stderr, result.toString());
    }

    @JdkIndependent("the cassette loader's message; how a client carries it is the test above's, on both JDKs")
    @Test
    void malformedTemplateOrRuleFailsReplayedCallsNamingFileAndLine() throws Exception {
        Path cassette = work.resolve("cassette");
        Files.createDirectories(cassette.resolve("interactions"));
        Path recording = cassette.resolve("interactions").resolve("hand-edited.yaml");
        Files.writeString(recording, String.join("\n", "version: 1", "interactions:",
                "  - recorded-at: 2026-11-22T03:10:49Z", "    server: {host: h, port: 80}",
                "    request: {method: GET, uri: 'http://h:80/items/{id:[0-9]+'}", "    response: {status: 200}",
                "# end of recording", ""));
        assertRefusedSayingOnce("netrec: " + recording + ":3: in the entry starting here, 'request.uri' the "
                + "placeholder at column 1 of '{id:[0-9]+' is not closed; write {name}, {*}, {name:REGEX} or {**}, or "
                + "%7B for a literal brace", replayRequest(cassette));

        Files.writeString(recording, Files.readString(recording).replace("[0-9]+'", "[0-9]+}'"));
        Files.writeString(cassette.resolve("rules.yaml"), "version: 1\nrules:\n  - body: yaml\n");
        assertRefusedSayingOnce("netrec: " + cassette.resolve("rules.yaml") + ":3: in the rule starting here, 'body' "
                + "is 'yaml'; it must be ignore, exact, json or form", replayRequest(cassette));
    }

    @JdkIndependent("the launcher and its summary; JVMs started under its JAVA_TOOL_OPTIONS run on JDK 25 in "
            + "MavenBuildIT's Maven 4 build")
    @Test
    void launcherRunsACommandWithNetrecAndSumsUpItsReplay() throws Exception {
        Path cassette = work.resolve("cassette");
        String base;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = server.http();
            ChildJvm.Result recorded = ChildJvm.netrecCommand("record", "--cassette", cassette.toString(), "--",
                    ChildJvm.javaExecutable(), "-cp", ChildJvm.applicationClasspath(), MAIN, "urlconnection",
                    "GET " + base + "/json").run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertTrue(recorded.stderr.startsWith("Picked up JAVA_TOOL_OPTIONS: -javaagent:" + ChildJvm.agentJar()
                    + "=record,cassette=" + cassette), recorded.stderr);
        }
        ChildJvm.Result replayed = ChildJvm.netrecCommand("replay", "--cassette", cassette.toString(), "--no-network",
                "--", ChildJvm.javaExecutable(), "-cp", ChildJvm.applicationClasspath(), MAIN, "urlconnection",
                "GET " + base + "/json; GET " + base + "/other").run(work);
        assertEquals(3, replayed.exitCode, "the command's own status: " + replayed);
        assertTrue(replayed.stdout.startsWith("GET " + base + "/json -> 200 "), replayed.stdout);
        assertTrue(replayed.stderr.contains("netrec: replayed 1 requests from " + cassette + ", 1 missed (asked 2 "
                + "times), 0 of 1 "
                + "recorded interactions never used; the first miss:\nnetrec: no recorded interaction matches GET "
                + base + "/other\n"), replayed.stderr);
        assertTrue(Files.readString(cassette.resolve(".netrec").resolve("replay-report.txt")).startsWith("replayed 1 requests from "
                + cassette + ", 1 missed (asked 2 times)"), "the client (HttpURLConnection) sent the request "
                + "again on a new connection when the kept-alive one failed: two failed calls");

        ChildJvm.Result usage = ChildJvm.netrecCommand("replay", "--", "true").run(work);
        assertEquals(2, usage.exitCode);
        assertTrue(usage.stderr.startsWith("netrec: replay needs --cassette DIR (or s3://BUCKET/PREFIX/NAME)\n"),
                usage.stderr);
    }

    @JdkIndependent("the body store's message; damaged bodies through both kinds of client: DamagedCassetteIT, on "
            + "both JDKs")
    @Test
    void missingBodyFileFailsReplayedCallsNamingIt() throws Exception {
        Path cassette = work.resolve("cassette");
        String url;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            url = server.http() + "/binary";
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(MAIN, "urlconnection", "GET " + url).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
        }
        try (Stream<Path> bodies = Files.list(cassette.resolve("bodies"))) {
            for (Path body : (Iterable<Path>) bodies::iterator) {
                Files.delete(body);
            }
        }
        ChildJvm.Result result = ChildJvm.withAgent("replay,cassette=" + cassette)
                .main(MAIN, "urlconnection", "GET " + url).run(work);
        assertEquals(3, result.exitCode, result.toString());
        assertTrue(result.stderr.matches("netrec: .*\\.yaml:\\d+: body file .*/bodies/[0-9a-f]{64} is missing; .*"
                + "Restore them, or record again\n"), result.stderr);
        assertTrue(result.stdout.startsWith("FAILED: netrec: "), result.toString());
    }

    @Test
    void replayRefusesHostsAndAddressesTheCassetteLacksWithNetrecReason() throws Exception {
        Path cassette = work.resolve("cassette");
        ChildJvm.Result noCassette = RecordReplayScenario.replayJvm(cassette)
                .main(MAIN, "urlconnection", "GET http://api.example.invalid/x").run(work);
        assertEquals(3, noCassette.exitCode, noCassette.toString());
        assertTrue(noCassette.stdout.startsWith("FAILED: netrec: replay refuses to connect to api.example.invalid:80: "
                + "no recorded interaction with it in " + cassette + " (mode replay), which does not exist: check "
                + "cassette= (or $NETREC_CASSETTE, or the test's @Netrec name), or record it first, and replay sends "
                + "nothing off this machine"), noCassette.toString());
        ChildJvm.Result launcher = ChildJvm.netrecCommand("replay", "--cassette", cassette.toString(), "--", "true")
                .run(work);
        assertEquals(2, launcher.exitCode, launcher.toString());
        assertEquals("netrec: the cassette " + cassette + " does not exist, so replay would answer nothing; check "
                + "--cassette, or record it first: java -jar netrec.jar record --cassette " + cassette + " -- true\n",
                launcher.stderr);
        ChildJvm.Result loud = ChildJvm.netrecCommand("record", "--cassette", cassette.toString(), "--log", "loud", "--",
                "sh", "-c", "echo ran").run(work);
        assertEquals(2, loud.exitCode, loud.toString());
        assertEquals("", loud.stdout, "the command never started");
        assertTrue(loud.stderr.startsWith("netrec: unknown log level 'loud'; valid levels: quiet, warn, info, debug "
                + "(checked before running sh -c echo ran)\n"), loud.stderr);

        Files.createDirectories(cassette);
        ChildJvm.Result unknownHost = RecordReplayScenario.replayJvm(cassette)
                .main(MAIN, "urlconnection", "resolve api.example.invalid").run(work);
        assertEquals(3, unknownHost.exitCode, unknownHost.toString());
        assertTrue(unknownHost.stdout.startsWith("FAILED: netrec: api.example.invalid has no DNS answer in the cassette "
                + cassette + " (mode replay); replay makes no DNS query."), unknownHost.toString());

        ChildJvm.Result unknownUrl = RecordReplayScenario.replayJvm(cassette)
                .main(MAIN, "urlconnection", "GET http://api.example.invalid/x").run(work);
        assertEquals(3, unknownUrl.exitCode, unknownUrl.toString());
        assertTrue(unknownUrl.stdout.startsWith("FAILED: netrec: replay refuses to connect to api.example.invalid:80: "
                + "no recorded interaction with it in " + cassette), unknownUrl.toString());

        ChildJvm.Result farAddress = RecordReplayScenario.replayJvm(cassette)
                .main(MAIN, "urlconnection", "GET http://192.0.2.1:8080/x").run(work);
        assertEquals(3, farAddress.exitCode, farAddress.toString());
        assertTrue(farAddress.stdout.startsWith("FAILED: netrec: replay refuses to connect to 192.0.2.1:8080 (192.0.2.1): "
                + "no recorded interaction with it in " + cassette + " (mode replay), and replay sends nothing off this "
                + "machine"), farAddress.toString());
    }

    @Test
    void withoutLoopbackOrNetworkTheFailureNamesNetrecAndTheCause() throws Exception {
        assertTrue(ChildJvm.networkNamespacesWork(), "this test needs network namespaces (unshare -n) to take "
                + "loopback and the network away");
        Path cassette = work.resolve("cassette");
        Files.createDirectories(cassette.resolve("interactions"));
        Files.writeString(cassette.resolve("interactions").resolve("hand-edited.yaml"), String.join("\n",
                "version: 3", "interactions:", "  - recorded-at: 2026-11-22T03:10:49Z", "    server: {host: h, port: 80}",
                "    protocol: http/1.1", "    request: {method: GET, uri: 'http://h:80/'}",
                "    response: {status: 200, headers: {Content-Length: '2'}, body: ok}", "# end of recording", ""));
        ChildJvm.Result noLoopback = ChildJvm.withAgent("replay,cassette=" + cassette).withoutLoopback()
                .main(MAIN, "jdkhttp", "GET http://h:80/").run(work);
        assertEquals(3, noLoopback.exitCode, noLoopback.toString());
        assertTrue(noLoopback.stdout.startsWith("FAILED: netrec: replay answers this client (it waits on a selector: "
                + "the JDK HttpClient, Netty, Jetty) through a server inside the JVM on loopback, "), noLoopback.stdout);
        assertTrue(noLoopback.stdout.contains("and loopback cannot be reached here (Network is unreachable): bring it "
                + "up, as the launcher's --no-network does"), noLoopback.stdout);

        ChildJvm.Result noNetwork = ChildJvm.withAgent("record,cassette=" + work.resolve("recorded")).withoutLoopback()
                .main(MAIN, "urlconnection", "GET http://192.0.2.10:80/").run(work);
        assertEquals(3, noNetwork.exitCode, noNetwork.toString());
        assertTrue(noNetwork.stderr.contains("netrec: recording, and /192.0.2.10:80 cannot be reached (Network is "
                + "unreachable): this machine has no network here, so there is little to record."), noNetwork.stderr);
    }

    @JdkIndependent("the recorder's disk; HttpURLConnection's traffic is recorded on both JDKs by the scenario")
    @Test
    void recordingThatCannotWriteItsCassetteLeavesTheApplicationWorking() throws Exception {
        Path notADirectory = Files.writeString(work.resolve("a-file"), "x");
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            ChildJvm.Result result = ChildJvm.withAgent("record,cassette=" + notADirectory.resolve("cassette"))
                    .main(MAIN, "urlconnection", "GET " + server.http() + "/json; GET " + server.http() + "/binary")
                    .run(work);
            assertEquals(0, result.exitCode, result.toString());
            assertEquals(2, result.lines().size(), result.toString());
            assertTrue(result.lines().get(0).contains(" -> 200 "), result.toString());
            assertTrue(result.stderr.startsWith("netrec: "), result.toString());
            assertEquals(1, result.stderr.lines().count(), "said once: " + result.stderr);
        }
    }

    @Test
    void socketAdaptorOfABlockingChannelRecordsAndReplaysOffline() throws Exception {
        Path cassette = work.resolve("cassette");
        String requests;
        ChildJvm.Result recorded;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            requests = "GET " + server.http() + "/json; GET " + server.http() + "/binary";
            recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(MAIN, "socket-adaptor", requests).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertTrue(recorded.stdout.contains("/binary -> 200 {} " + TestServer.BINARY_BYTES + " bytes"), recorded.stdout);
        }
        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette).main(MAIN, "socket-adaptor", requests)
                .run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(recorded.stdout, replayed.stdout);
    }

    @JdkIndependent("system properties read as netrec starts; Netty kept on the JDK's NIO is GrpcNativeEscapeIT's, on "
            + "both JDKs")
    @Test
    void replayKeepsNettyOnTheJdkEvenWhenTheUserAskedForNative() throws Exception {
        ChildJvm.Result result = RecordReplayScenario.replayJvm(work.resolve("cassette"))
                .jvmOption("-Dio.netty.transport.noNative=false").main(MAIN, "jdkhttp", "").run(work);
        assertEquals(0, result.exitCode, result.toString());
        assertEquals("netrec: io.netty.transport.noNative=false would let Netty's native transports (epoll, kqueue, "
                + "io_uring) reach the network past replay; netrec set it to true for this replay run\n", result.stderr);
    }

    @Test
    void unixDomainSocketChannelsAreNotNetworkTrafficInEitherMode() throws Exception {
        Path cassette = work.resolve("cassette");
        ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(MAIN, "jdkhttp", "unix")
                .run(work);
        assertEquals("unix socket said ping/pong\n", recorded.stdout, recorded.toString());
        assertFalse(Files.exists(cassette.resolve("interactions")), "nothing recorded");
        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette).main(MAIN, "jdkhttp", "unix").run(work);
        assertEquals("unix socket said ping/pong\n", replayed.stdout, replayed.toString());
    }

    @JdkIndependent("as above")
    @Test
    void nettyNativeTransportKeptByTheUserIsNamedAsInvisible() throws Exception {
        ChildJvm.Result result = ChildJvm.withAgent("record,cassette=" + work.resolve("cassette"))
                .jvmOption("-Dio.netty.transport.noNative=false").main(MAIN, "jdkhttp", "").run(work);
        assertEquals(0, result.exitCode, result.toString());
        assertEquals("netrec: io.netty.transport.noNative=false lets Netty's native transports (epoll, kqueue, "
                + "io_uring) bypass the JDK: netrec cannot record or replay that traffic. Remove the setting to let "
                + "netrec keep Netty on the JDK\n", result.stderr);
    }

    @Test
    void offModeLeavesTrafficAndDiskAlone() throws Exception {
        Path cassette = work.resolve("cassette");
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            ChildJvm.Result result = ChildJvm.withAgent("off,cassette=" + cassette)
                    .main(MAIN, "urlconnection", "GET " + server.http() + "/json").run(work);
            assertEquals(0, result.exitCode, result.toString());
            assertEquals("", result.stderr);
            assertEquals(1, server.requestCount());
        }
        assertFalse(Files.exists(cassette));
    }

    @Test
    void updateModeReplaysWhatTheCassetteHasAndRecordsWhatItLacks() throws Exception {
        Path cassette = work.resolve("cassette");
        String requests;
        ChildJvm.Result updated;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            String base = server.https();
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(MAIN, "urlconnection", "GET " + base + "/json").run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            int before = server.requestCount();
            requests = "GET " + base + "/json; GET " + base + "/keepalive/7";

            updated = ChildJvm.withAgent("update,cassette=" + cassette).main(MAIN, "urlconnection", requests).run(work);

            assertEquals(0, updated.exitCode, updated.toString());
            assertEquals(before + 1, server.requestCount(), "only the request the cassette lacked reached the server");
        }
        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette).main(MAIN, "urlconnection", requests)
                .run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(updated.lines(), replayed.lines());
    }

    @JdkIndependent("the command line reads files")
    @Test
    void commandLineListsShowsAndVerifiesACassette() throws Exception {
        Path cassette = work.resolve("cassette");
        String base;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = server.http();
            ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(MAIN, "urlconnection", "GET " + base + "/json; GET " + base + "/binary").run(work);
        }
        ChildJvm.Result list = ChildJvm.netrecCommand("list", cassette.toString()).run(work);
        assertEquals(0, list.exitCode, list.toString());
        assertEquals("   1  GET     " + base + "/json  200  33 B\n   2  GET     " + base + "/binary  200  1 MiB\n",
                list.stdout);

        ChildJvm.Result show = ChildJvm.netrecCommand("show", cassette.toString(), "2").run(work);
        assertEquals(0, show.exitCode, show.toString());
        assertTrue(show.stdout.contains("uri: " + base + "/binary"), show.stdout);
        assertTrue(show.stdout.contains("size: " + TestServer.BINARY_BYTES), show.stdout);

        ChildJvm.Result verified = ChildJvm.netrecCommand("verify", cassette.toString()).run(work);
        assertEquals(0, verified.exitCode, verified.toString());
        assertTrue(verified.stdout.endsWith("2 interactions, 1 body file references, 0 problems\n"), verified.stdout);

        try (Stream<Path> bodies = Files.list(cassette.resolve("bodies"))) {
            Files.write(bodies.findFirst().orElseThrow(), new byte[] {1, 2, 3});
        }
        ChildJvm.Result broken = ChildJvm.netrecCommand("verify", cassette.toString()).run(work);
        assertEquals(1, broken.exitCode, broken.toString());
        assertTrue(broken.stdout.contains("has 3 bytes, the cassette says " + TestServer.BINARY_BYTES), broken.stdout);
    }
}
