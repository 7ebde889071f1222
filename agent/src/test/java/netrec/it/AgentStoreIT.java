package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.CoversJdkClasses;
import netrec.it.support.TestServer;
import netrec.store.testing.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cassette in an S3-compatible store named to the agent itself ({@code -javaagent:netrec.jar=MODE,cassette=s3://...}),
 * as Surefire's {@code argLine} or {@code prepare-agent} give it, against a real S3 API server (S3Proxy, SigV4). The
 * store's requests go out of the very JVM netrec records or replays in, through the JDK classes it weaves, and must
 * be neither recorded nor answered by replay: hence on both JDKs. The store is named {@code localhost}, as the
 * program's server is: the JDK looks up each host name under a lock of its own, which the program's first lookup
 * holds while the cassette is fetched.
 */
@CoversJdkClasses("HttpURLConnection and InetAddress from netrec's own threads: the store's requests, left alone")
class AgentStoreIT {
    private static final String MAIN = ClientMain.class.getName();
    private static final String CASSETTE = "s3://cassettes/ci/weather";

    @TempDir
    Path work;

    /** A JVM netrec records or replays in, with the store's credentials and address, and this machine's cache. */
    private ChildJvm agent(S3ProxyServer s3, String machine, String mode) {
        return ChildJvm.withAgent(mode + ",cassette=" + CASSETTE).env(s3.environment(work.resolve(machine)))
                .env("AWS_ENDPOINT_URL_S3", s3.endpoint().replace("127.0.0.1", "localhost"));
    }

    private static boolean isEmpty(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }

    @Test
    void aJvmRecordsIntoTheStoreAsItEndsAndOthersReplayFromItThenFromTheirCacheWithNoNetwork() throws Exception {
        assertTrue(ChildJvm.networkNamespacesWork(), "this test replays with no network, in a network namespace "
                + "(unshare -n, as root or with user namespaces), and this machine makes none");
        S3ProxyServer s3 = S3ProxyServer.start(Files.createDirectories(work.resolve("s3")), "cassettes");
        try {
            String requests;
            ChildJvm.Result recorded;
            try (TestServer server = TestServer.start(work.resolve("files"))) {
                String json = "GET " + server.https() + "/json";
                ChildJvm.Result first = agent(s3, "recording-machine", "record").main(MAIN, "urlconnection", json)
                        .run(work);
                assertEquals(0, first.exitCode, first.toString());
                requests = json + "; GET " + server.http() + "/binary";
                recorded = agent(s3, "recording-machine", "record").main(MAIN, "urlconnection", requests).run(work);
            }
            assertEquals(0, recorded.exitCode, recorded.toString());
            Path copy = work.resolve("recording-machine/cassettes/cassettes/ci%2Fweather");
            String recording;
            try (var files = Files.list(copy.resolve("interactions"))) {
                List<Path> recordings = files.toList();
                assertEquals(1, recordings.size(), "recorded again, the recording replaced the first: " + recordings);
                recording = Files.readString(recordings.get(0));
            }
            assertTrue(recording.contains("/binary") && !recording.contains(":" + URI.create(s3.endpoint())
                    .getPort()), "the program's two requests, and none of the store's: " + recording);
            assertTrue(recorded.stdout.contains(" -> 200 ") && recorded.stdout.contains(TestServer.BINARY_BYTES
                    + " bytes"), recorded.stdout);
            assertTrue(recorded.stderr.contains("netrec: published " + CASSETTE + ": "), recorded.stderr);

            ChildJvm.Result replayed = agent(s3, "ci-machine", "replay").main(MAIN, "urlconnection", requests)
                    .run(work);
            assertEquals(0, replayed.exitCode, replayed.toString());
            assertEquals(recorded.stdout, replayed.stdout, "a clean cache, fetched from the store, the server stopped");
            assertTrue(!replayed.stderr.contains("published"), "a replay publishes nothing: " + replayed.stderr);

            Path onUseBodies = work.resolve("on-use-machine/cassettes/cassettes/ci%2Fweather/bodies");
            String jsonOnly = "GET " + requests.split("; ")[0].substring("GET ".length());
            ChildJvm.Result jsonReplayed = agent(s3, "on-use-machine", "replay,fetch=on-use").main(MAIN,
                    "urlconnection", jsonOnly).run(work);
            assertEquals(0, jsonReplayed.exitCode, jsonReplayed.toString());
            assertTrue(Files.isDirectory(onUseBodies.resolveSibling("interactions")), "the recording came first");
            assertTrue(!Files.isDirectory(onUseBodies) || isEmpty(onUseBodies), "fetch=on-use: the 1 MiB body no "
                    + "request read was not fetched");
            ChildJvm.Result onUse = agent(s3, "on-use-machine", "replay,fetch=on-use").main(MAIN, "urlconnection",
                    requests).run(work);
            assertEquals(recorded.stdout, onUse.stdout, "the body fetched as the replay read it: " + onUse);
            try (var bodies = Files.list(onUseBodies)) {
                assertEquals(1, bodies.count());
            }

            s3.close();
            ChildJvm.Result fromCache = agent(s3, "ci-machine", "replay").offline().main(MAIN, "urlconnection",
                    requests).run(work);
            assertEquals(0, fromCache.exitCode, fromCache.toString());
            assertEquals(recorded.stdout, fromCache.stdout, "the store stopped, the cache warm, no network");
            assertTrue(fromCache.stderr.contains("netrec: the store could not be reached (") && fromCache.stderr
                    .contains("): using the manifest of " + CASSETTE + " this machine fetched last"), fromCache.stderr);

            ChildJvm.Result whereRecorded = agent(s3, "recording-machine", "replay").offline().main(MAIN,
                    "urlconnection", requests).run(work);
            assertEquals(recorded.stdout, whereRecorded.stdout, "the machine that published it has it in its cache: "
                    + whereRecorded);

            ChildJvm.Result recordBlind = agent(s3, "ci-machine", "record").offline().main(MAIN, "urlconnection",
                    requests).run(work);
            assertTrue(recordBlind.stderr.contains("a recording published later could replace a newer cassette "
                    + "than that one: record when the store answers again; recording stopped, the application's "
                    + "traffic is not affected"), recordBlind.stderr);

            ChildJvm.Result cold = agent(s3, "new-machine", "replay").offline().main(MAIN, "urlconnection", requests)
                    .run(work);
            assertTrue(cold.stdout.contains("and this machine has not fetched it before (" + work.resolve(
                    "new-machine") + ")") || cold.stderr.contains("and this machine has not fetched it before ("
                    + work.resolve("new-machine") + ")"), cold.toString());
            assertTrue(!cold.stdout.contains(" -> 200 "), "nothing answered: " + cold.stdout);
        } finally {
            s3.close();
        }
    }
}
