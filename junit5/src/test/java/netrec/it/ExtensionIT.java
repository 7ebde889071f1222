package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import netrec.it.junit.ApiCalls;
import netrec.it.junit.JUnitMain;
import netrec.it.junit.LeftAloneCalls;
import netrec.it.junit.LocalServerCalls;
import netrec.it.junit.NoCassette;
import netrec.it.junit.ParallelCalls;
import netrec.it.junit.SentCalls;
import netrec.it.junit.StoreCassetteCalls;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.support.TestServer;
import netrec.store.testing.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JUnit 5 extension ({@code @Netrec}) as a developer's build runs it: test classes on the JUnit Platform in a
 * child JVM with netrec.jar on the class path, netrec loaded by {@code -javaagent} (as Surefire's argLine does)
 * or attaching itself. Replays run with the server stopped, in a JVM with no network.
 */
class ExtensionIT {
    private static final String MAIN = JUnitMain.class.getName();
    private static final List<String> API_TESTS = List.of("ApiCalls.a_json", "ApiCalls.b_pathsOnAPooledConnection",
            "ApiCalls.c_morePathsOnThePooledConnection", "ApiCalls.d_strict", "ApiCalls.e_variable");

    @TempDir
    Path work;

    private ChildJvm tests(boolean javaagent, String server, String... options) {
        ChildJvm jvm = javaagent ? ChildJvm.withAgent("") : ChildJvm.withoutAgent();
        jvm.netrecOnClasspath().jvmOption("-Dtest.server=" + server)
                .jvmOption("-Dnetrec.cassettes=" + work.resolve("cassettes"));
        for (String option : options) {
            jvm.jvmOption(option);
        }
        return jvm;
    }

    private ChildJvm offline(ChildJvm jvm) {
        return ChildJvm.networkNamespacesWork() ? jvm.offline() : jvm;
    }

    private static List<String> passed(ChildJvm.Result run) {
        return run.lines().stream().filter(l -> l.startsWith("PASSED ")).map(l -> l.substring(7)).sorted()
                .collect(Collectors.toList());
    }

    private String cassetteText(String test) throws Exception {
        Path interactions = work.resolve("cassettes").resolve("ApiCalls").resolve(test).resolve("interactions");
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(interactions)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    @Test
    void onceModeRecordsEachTestsCassetteThenReplaysItOffline() throws Exception {
        String base;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = server.http();
            ChildJvm.Result recorded = tests(true, base).main(MAIN, ApiCalls.class.getName(), NoCassette.class.getName())
                    .run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertEquals("", recorded.stderr);
        }
        assertTrue(cassetteText("b_pathsOnAPooledConnection").contains("/echo-path/b2"));
        assertFalse(cassetteText("b_pathsOnAPooledConnection").contains("/echo-path/c1"),
                "the pooled connection's next request belongs to the next test's cassette");
        assertTrue(cassetteText("c_morePathsOnThePooledConnection").contains("uri: " + base + "/echo-path/c1"));
        assertFalse(cassetteText("c_morePathsOnThePooledConnection").contains("/echo-path/b"));
        assertFalse(Files.exists(work.resolve("cassettes").resolve("NoCassette")), "a test without @Netrec is left alone");

        ChildJvm.Result replayed = offline(tests(true, base)).main(MAIN, ApiCalls.class.getName()).run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(API_TESTS, passed(replayed));
        assertEquals("", replayed.stderr);

        ChildJvm.Result missed = offline(tests(true, base, "-Dtest.variable=/echo-path/other", "-Dtest.fewer.calls=true"))
                .main(MAIN, ApiCalls.class.getName()).run(work);
        assertEquals(1, missed.exitCode, missed.toString());
        assertTrue(missed.stdout.contains("FAILED ApiCalls.e_variable: netrec: no recorded interaction matches GET "
                + base + "/echo-path/other\n  cassette: " + work.resolve("cassettes/ApiCalls/e_variable")
                + " (mode replay, 1 recorded interactions)\n  nearest: GET " + base + "/echo-path/e ("), missed.stdout);
        assertTrue(missed.stdout.contains("    path is /echo-path/other, recorded /echo-path/e\n"), missed.stdout);
        assertTrue(missed.stdout.contains("FAILED ApiCalls.d_strict: netrec: strict: ApiCalls.d_strict never requested "
                + "1 recorded interaction(s):\n  GET " + base + "/c/2 ("), missed.stdout);
        assertEquals(List.of("ApiCalls.a_json", "ApiCalls.b_pathsOnAPooledConnection",
                "ApiCalls.c_morePathsOnThePooledConnection"), passed(missed));
        Path misses = work.resolve("target/netrec/ApiCalls/e_variable/replay-misses.txt");
        assertTrue(Files.exists(misses), "the miss is in replay-misses.txt, among the build's reports");
        try (var files = Files.list(work.resolve("cassettes/ApiCalls/e_variable"))) {
            assertEquals(List.of("interactions"), files.map(f -> f.getFileName().toString()).sorted()
                    .collect(Collectors.toList()), "and nothing but the recording is in the cassette");
        }

        ChildJvm.Result passingAgain = offline(tests(true, base)).main(MAIN, ApiCalls.class.getName()).run(work);
        assertEquals(API_TESTS, passed(passingAgain));
        assertFalse(Files.exists(misses), "a clean replay leaves no replay-misses.txt of an earlier run");
    }

    @JdkIndependent("which mode a run asks for is the extension's business; switching cassettes under a pooled JDK "
            + "HttpClient connection runs on both JDKs (autoMode...), as does attaching without -javaagent")
    @Test
    void aModeGivenForTheRunReRecordsWhatTheCassetteHad() throws Exception {
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            ChildJvm.Result first = tests(true, server.http()).main(MAIN, ApiCalls.class.getName()).run(work);
            assertEquals(0, first.exitCode, first.toString());
            ChildJvm.Result again = tests(true, server.http(), "-Dnetrec.mode=record", "-Dtest.variable=/echo-path/e2")
                    .main(MAIN, ApiCalls.class.getName()).run(work);
            assertEquals(0, again.exitCode, again.toString());
        }
        assertTrue(cassetteText("e_variable").contains("/echo-path/e2"));
        assertFalse(cassetteText("e_variable").contains("/echo-path/e\n"), "re-recording replaces the cassette");
        try (var files = Files.list(work.resolve("cassettes/ApiCalls/e_variable/interactions"))) {
            assertEquals(List.of("recording.yaml"), files.map(f -> f.getFileName().toString())
                    .collect(Collectors.toList()), "re-recorded into the same file, so version control shows a diff");
        }

        ChildJvm.Result wrongMode = tests(true, "http://localhost:1", "-Dnetrec.mode=replya")
                .main(MAIN, ApiCalls.class.getName()).run(work);
        assertTrue(wrongMode.stdout.contains("FAILED ApiCalls.a_json: netrec: -Dnetrec.mode=replya is not a mode; use "
                + "record, replay, update or once"), wrongMode.stdout);
    }

    /** The JVM of {@link #tests}, given the store's credentials and address, and this machine's cache. */
    private ChildJvm withStore(ChildJvm jvm, S3ProxyServer s3, String machine) {
        return jvm.env(s3.environment(work.resolve(machine)));
    }

    @JdkIndependent("the extension's use of a stored cassette; the store's requests from a JVM netrec records or "
            + "replays in are AgentStoreIT's, on both JDKs")
    @Test
    void aTestsCassetteInAStoreIsPublishedWhenItPassesAndReplaysFromTheStoreThenFromTheCache() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.start(Files.createDirectories(work.resolve("s3")), "ci-cassettes");
        try {
            String base;
            ChildJvm.Result recorded;
            try (TestServer server = TestServer.start(work.resolve("files"))) {
                base = server.http();
                recorded = withStore(tests(true, base), s3, "developer").main(MAIN,
                        StoreCassetteCalls.class.getName()).run(work);
            }
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertTrue(recorded.stdout.contains("PASSED StoreCassetteCalls.namesAStoredCassette"), recorded.stdout);
            assertTrue(recorded.stderr.contains("netrec: published s3://ci-cassettes/weather: "), recorded.stderr);
            assertFalse(Files.exists(work.resolve("cassettes/s3:")), "no folder named after the address");

            ChildJvm.Result replayed = withStore(tests(true, base), s3, "ci-machine").main(MAIN,
                    StoreCassetteCalls.class.getName()).run(work);
            assertEquals(0, replayed.exitCode, replayed.toString());
            assertTrue(replayed.stdout.contains("PASSED StoreCassetteCalls.namesAStoredCassette"),
                    "once mode replays what the store has, on a clean cache, the server stopped: " + replayed);

            s3.close();
            ChildJvm.Result fromCache = withStore(offline(tests(true, base)), s3, "ci-machine")
                    .main(MAIN, StoreCassetteCalls.class.getName()).run(work);
            assertEquals(0, fromCache.exitCode, fromCache.toString());
            assertTrue(fromCache.stderr.contains("netrec: the store could not be reached ("), fromCache.stderr);
        } finally {
            s3.close();
        }
    }

    @Test
    void withoutJavaagentTheExtensionAttachesNetrecItself() throws Exception {
        String base;
        ChildJvm.Result recorded;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = server.http();
            recorded = tests(false, base).main(MAIN, ApiCalls.class.getName()).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
        }
        ChildJvm.Result replayed = offline(tests(false, base)).main(MAIN, ApiCalls.class.getName()).run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(API_TESTS, passed(replayed));
        boolean warnsOnThisJdk = ChildJvm.javaFeatureVersion() >= 21;
        for (ChildJvm.Result run : List.of(recorded, replayed)) {
            if (warnsOnThisJdk) {
                assertTrue(run.stderr.startsWith("netrec: attaching itself to this JVM, which was started without "
                        + "-javaagent:" + ChildJvm.agentJar() + ". The JVM warns about agents loaded this way;"),
                        run.stderr);
            } else {
                assertEquals("", run.stderr);
            }
        }
    }

    @JdkIndependent("which hosts are left alone is the session's choice at connect; HttpURLConnection's connect is "
            + "the scenario's, on both JDKs")
    @Test
    void loopbackIsRecordedByDefaultAsTheAgentRecordsIt() throws Exception {
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            ChildJvm.Result run = tests(true, server.http()).main(MAIN, LocalServerCalls.class.getName()).run(work);
            assertEquals(0, run.exitCode, run.toString());
            assertEquals("", run.stderr);
            assertEquals(1, server.requestCount(), "the call reached the local server");
        }
        Path interactions = work.resolve("cassettes/LocalServerCalls/callsALocalTestServer/interactions");
        assertTrue(Files.readString(interactions.resolve("recording.yaml")).contains("/json"));
    }

    @Test
    void aTestThatRecordedNothingSaysWhatItLeftAloneAndStrictFailsIt() throws Exception {
        String port;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            port = server.http().replaceFirst(".*:", "");
            // each test opens its own connection: what is left alone is counted as connections open, and a
            // kept-alive connection from the test before would be the first test's
            ChildJvm.Result run = tests(true, server.http(), "-Dhttp.keepAlive=false")
                    .main(MAIN, LeftAloneCalls.class.getName()).run(work);
            assertEquals(1, run.exitCode, run.toString());
            assertEquals(List.of("LeftAloneCalls.callsALocalServerLeftAlone"), passed(run));
            assertEquals("netrec: LeftAloneCalls.callsALocalServerLeftAlone recorded nothing, so "
                    + work.resolve("cassettes/LeftAloneCalls/callsALocalServerLeftAlone") + " is left as it was; it left "
                    + "alone 1 connection to localhost:" + port + " (to record it: @Netrec(leaveAlone = {}))\n",
                    run.stderr);
            assertTrue(run.stdout.contains("FAILED LeftAloneCalls.strictlyCallsALocalServerLeftAlone: netrec: strict: "
                    + "LeftAloneCalls.strictlyCallsALocalServerLeftAlone recorded nothing, so " + work.resolve(
                    "cassettes/LeftAloneCalls/strictlyCallsALocalServerLeftAlone") + " is left as it was; it left "
                    + "alone 1 connection to localhost:" + port + " (to record it: @Netrec(leaveAlone = "
                    + "{\"db.internal\"}))"), run.stdout);
            assertEquals(2, server.requestCount(), "both calls reached the local server");
        }
        assertFalse(Files.exists(work.resolve("cassettes/LeftAloneCalls")), "no cassette, not even an empty folder");
    }

    @JdkIndependent("what was sent is netrec's own record of requests; HttpURLConnection's sockets are ApiCalls' on "
            + "both JDKs")
    @Test
    void aTestChecksWhatItsCodeSentInRecordAndInReplay() throws Exception {
        List<String> tests = List.of("SentCalls.a_postThenGet", "SentCalls.b_verifySaysAllThatWasSent",
                "SentCalls.c_eachTestSeesItsOwnRequestsOnly");
        String base;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = server.http();
            ChildJvm.Result recorded = tests(true, base).main(MAIN, SentCalls.class.getName()).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertEquals(tests, passed(recorded), recorded.toString());
        }

        ChildJvm.Result replayed = offline(tests(true, base)).main(MAIN, SentCalls.class.getName()).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(tests, passed(replayed), replayed.toString());
    }

    @JdkIndependent("the extension refuses a second test's cassette before any traffic")
    @Test
    void twoTestsRunningAtTheSameTimeWithOneCassetteAreRefusedNotMixed() throws Exception {
        ChildJvm.Result run = tests(true, "http://localhost:1", "-Djunit.jupiter.execution.parallel.enabled=true")
                .main(MAIN, ParallelCalls.class.getName()).run(work);
        assertEquals(1, run.exitCode, run.toString());
        assertEquals(1, passed(run).size(), run.stdout);
        assertTrue(run.stdout.matches("(?s).*FAILED ParallelCalls\\.(first|second): netrec: ParallelCalls\\.(first|"
                + "second) started while ParallelCalls\\.(first|second) is using the same cassette .*one-cassette; "
                + "tests running at the same time need a cassette each.*"), run.stdout);
    }
}
