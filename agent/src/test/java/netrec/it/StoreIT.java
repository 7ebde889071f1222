package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.FileDigests;
import netrec.it.support.JdkIndependent;
import netrec.it.support.TestCertificates;
import netrec.it.support.TestServer;
import netrec.store.testing.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cassettes in an S3-compatible store, through netrec's command line as a user runs it, against a real S3 API server
 * (S3Proxy, SigV4): the launcher records into {@code s3://...} and replays from it in a network namespace on a clean
 * cache, then from the cache alone with the store stopped; {@code push}, {@code pull} and {@code gc}.
 */
@JdkIndependent("the store is netrec's command line's own work, in its JVM; the command's JVMs replay a folder on this "
        + "machine as they always do")
class StoreIT {
    private static final String MAIN = ClientMain.class.getName();

    @TempDir
    Path work;

    /** {@code java -jar netrec.jar ARGS}, given the store as a user gives it, and this test's cache. */
    private ChildJvm netrec(S3ProxyServer s3, String cache, String... arguments) {
        return ChildJvm.netrecCommand(arguments).env(s3.environment(work.resolve(cache)));
    }

    private ChildJvm launched(S3ProxyServer s3, String cache, String mode, String cassette, boolean noNetwork,
            String requests) {
        return netrec(s3, cache, mode, "--cassette", cassette, noNetwork ? "--no-network" : "--no-proxy", "--",
                ChildJvm.javaExecutable(), "-Djavax.net.ssl.trustStore=" + TestCertificates.trustStore(),
                "-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD, "-cp",
                ChildJvm.applicationClasspath(), MAIN, "urlconnection", requests);
    }

    @Test
    void aCassetteRecordedIntoTheStoreReplaysOfflineOnAnotherMachinesCacheThenFromTheCacheAloneWithTheStoreDown()
            throws Exception {
        assertTrue(ChildJvm.networkNamespacesWork(), "this test replays with no network, in a network namespace "
                + "(unshare -n, as root or with user namespaces), and this machine makes none");
        S3ProxyServer s3 = S3ProxyServer.start(Files.createDirectories(work.resolve("s3")), "cassettes");
        try {
            String requests;
            ChildJvm.Result recorded;
            try (TestServer server = TestServer.start(work.resolve("files"))) {
                requests = "GET " + server.https() + "/json; GET " + server.https() + "/binary";
                recorded = launched(s3, "recording-machine", "record", "s3://cassettes/ci/downloads", false, requests)
                        .run(work);
                assertEquals(0, recorded.exitCode, recorded.toString());
                assertTrue(recorded.stderr.contains("netrec: published s3://cassettes/ci/downloads: "),
                        recorded.stderr);

                ChildJvm.Result second = launched(s3, "recording-machine", "record", "s3://cassettes/ci/binary-only",
                        false, "GET " + server.https() + "/binary").run(work);
                assertEquals(0, second.exitCode, second.toString());
                assertTrue(second.stderr.contains("1 of 3 objects sent"), "the 1 MiB body is stored once per store; "
                        + "only the new recording was sent, and its certificate was there too: " + second.stderr);
            }
            assertTrue(recorded.stdout.contains(" -> 200 ") && recorded.stdout.contains(TestServer.BINARY_BYTES
                    + " bytes"), recorded.stdout);

            ChildJvm.Result replayed = launched(s3, "ci-machine", "replay", "s3://cassettes/ci/downloads", true,
                    requests).run(work);
            assertEquals(0, replayed.exitCode, replayed.toString());
            assertEquals(recorded.stdout, replayed.stdout, "a clean cache, fetched from the store, no network");

            s3.close();
            ChildJvm.Result fromCache = launched(s3, "ci-machine", "replay", "s3://cassettes/ci/downloads", true,
                    requests).run(work);
            assertEquals(0, fromCache.exitCode, fromCache.toString());
            assertEquals(recorded.stdout, fromCache.stdout, "the store stopped, the cache warm");
            assertTrue(fromCache.stderr.contains("netrec: the store could not be reached (") && fromCache.stderr
                    .contains("): using the manifest of s3://cassettes/ci/downloads this machine fetched last"),
                    fromCache.stderr);

            ChildJvm.Result recordBlind = launched(s3, "ci-machine", "record", "s3://cassettes/ci/downloads", false,
                    requests).run(work);
            assertEquals(2, recordBlind.exitCode, recordBlind.toString());
            assertTrue(recordBlind.stderr.contains("netrec: s3://cassettes/ci/downloads cannot be reached, and a "
                    + "recording published later could replace a newer cassette than the one this machine fetched "
                    + "last"), recordBlind.stderr);

            ChildJvm.Result cold = launched(s3, "new-machine", "replay", "s3://cassettes/ci/downloads", true,
                    requests).run(work);
            assertEquals(2, cold.exitCode, cold.toString());
            assertTrue(cold.stderr.contains("and this machine has not fetched it before (" + work.resolve(
                    "new-machine") + ")"), cold.stderr);
            assertTrue(cold.stdout.isEmpty(), "the command never ran: " + cold.stdout);
        } finally {
            s3.close();
        }
    }

    /**
     * The store stops while a command records: the recording stays in the machine's copy, the launcher names the push
     * that publishes it and exits 1, and the next run of that cassette refuses to overwrite it until it is published.
     */
    @Test
    void aRecordingThatCouldNotBePublishedIsKeptNamedAndNeverOverwritten() throws Exception {
        Path data = Files.createDirectories(work.resolve("s3"));
        Path copy = work.resolve("cache/cassettes/cassettes/ci%2Fflaky");
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            String request = "GET " + server.http() + "/json";
            ChildJvm.Result recorded;
            try (S3ProxyServer s3 = S3ProxyServer.start(data, "cassettes")) {
                assertEquals(0, launched(s3, "cache", "record", "s3://cassettes/ci/flaky", false, request).run(work)
                        .exitCode);
                recorded = netrec(s3, "cache", "record", "--cassette", "s3://cassettes/ci/flaky", "--no-proxy", "--",
                        "sh", "-c", "\"$0\" -cp \"$1\" " + MAIN + " urlconnection \"$2\" && kill " + s3.pid(),
                        ChildJvm.javaExecutable(), ChildJvm.applicationClasspath(), request + "; GET " + server.http()
                                + "/binary").run(work);
            }
            assertEquals(1, recorded.exitCode, recorded.toString());
            assertTrue(recorded.stderr.contains("netrec: the recording could not be published to "
                    + "s3://cassettes/ci/flaky (") && recorded.stderr.contains("); it is kept in " + copy
                    + ": publish it with java -jar netrec.jar push " + copy + " s3://cassettes/ci/flaky"),
                    recorded.stderr);
            try (S3ProxyServer s3 = S3ProxyServer.start(data, "cassettes")) {
                ChildJvm.Result refused = launched(s3, "cache", "replay", "s3://cassettes/ci/flaky", false, request)
                        .run(work);
                assertEquals(2, refused.exitCode, refused.toString());
                assertTrue(refused.stderr.contains("netrec: " + copy + " has changed since its last pull or "
                        + "publishing of s3://cassettes/ci/flaky (") && refused.stderr.contains("so nothing was "
                        + "overwritten: publish it (java -jar netrec.jar push " + copy + " s3://cassettes/ci/flaky)"),
                        refused.stderr);
                assertEquals(0, netrec(s3, "cache", "push", copy.toString(), "s3://cassettes/ci/flaky").run(work)
                        .exitCode);
                ChildJvm.Result replayed = launched(s3, "cache", "replay", "s3://cassettes/ci/flaky", true,
                        request + "; GET " + server.http() + "/binary").run(work);
                assertEquals(0, replayed.exitCode, replayed.toString());
                assertEquals(recorded.stdout, replayed.stdout, "the recording that was kept is the cassette now");
            }
        }
    }

    @Test
    void pushPullAndGcFromTheCommandLine() throws Exception {
        Path local = work.resolve("local");
        try (S3ProxyServer s3 = S3ProxyServer.start(Files.createDirectories(work.resolve("s3")), "cassettes");
                TestServer server = TestServer.start(work.resolve("files"))) {
            ChildJvm.Result recorded = ChildJvm.netrecCommand("record", "--cassette", local.toString(), "--no-proxy",
                    "--", ChildJvm.javaExecutable(), "-cp", ChildJvm.applicationClasspath(), MAIN, "urlconnection",
                    "GET " + server.http() + "/binary").run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());

            ChildJvm.Result pushed = netrec(s3, "cache", "push", local.toString(), "s3://cassettes/team/weather")
                    .run(work);
            assertEquals(0, pushed.exitCode, pushed.toString());
            assertTrue(pushed.stdout.startsWith("published " + local + " as s3://cassettes/team/weather: 2 files"),
                    pushed.stdout);

            Path pulled = work.resolve("pulled");
            ChildJvm.Result pull = netrec(s3, "other-cache", "pull", "s3://cassettes/team/weather", pulled.toString())
                    .run(work);
            assertEquals(0, pull.exitCode, pull.toString());
            assertTrue(pull.stdout.startsWith("pulled s3://cassettes/team/weather into " + pulled + ": 2 files"),
                    pull.stdout);
            assertEquals(withoutNetrecsOwn(FileDigests.of(local)), withoutNetrecsOwn(FileDigests.of(pulled)));

            Path mine = Files.createDirectories(work.resolve("mine"));
            Files.writeString(mine.resolve("notes.txt"), "my notes");
            ChildJvm.Result overwrite = netrec(s3, "cache", "pull", "s3://cassettes/team/weather", mine.toString())
                    .run(work);
            assertEquals(1, overwrite.exitCode, overwrite.toString());
            assertTrue(overwrite.stderr.contains(mine + " holds files that are no pull of s3://cassettes/team/weather "
                    + "(notes.txt), so nothing was overwritten: pull into an empty or new folder\n"), overwrite.stderr);
            assertEquals("my notes", Files.readString(mine.resolve("notes.txt")));
            assertEquals(0, netrec(s3, "cache", "pull", "s3://cassettes/team/weather", local.toString()).run(work)
                    .exitCode, "the folder pushed is the cassette: pulling into it brings it up to date");

            ChildJvm.Result again = ChildJvm.netrecCommand("record", "--cassette", local.toString(), "--no-proxy",
                    "--", ChildJvm.javaExecutable(), "-cp", ChildJvm.applicationClasspath(), MAIN, "urlconnection",
                    "GET " + server.http() + "/json").run(work);
            assertEquals(0, again.exitCode, again.toString());
            assertEquals(0, netrec(s3, "cache", "push", local.toString(), "s3://cassettes/team/weather").run(work)
                    .exitCode);
            ChildJvm.Result dryRun = netrec(s3, "cache", "gc", "s3://cassettes/team", "--grace", "0", "--dry-run")
                    .run(work);
            assertEquals(0, dryRun.exitCode, dryRun.toString());
            assertEquals(2, dryRun.stdout.split("\nwould remove s3://cassettes/team/.netrec/objects/", -1).length - 1
                    + (dryRun.stdout.startsWith("would remove s3://cassettes/team/.netrec/objects/") ? 1 : 0),
                    "each object it would remove, named: " + dryRun.stdout);
            ChildJvm.Result onACassette = netrec(s3, "cache", "gc", "s3://cassettes/team/weather").run(work);
            assertTrue(onACassette.stderr.contains("holds no cassette and no object: gc takes the store a cassette is "
                    + "in"), onACassette.toString());
            ChildJvm.Result gc = netrec(s3, "cache", "gc", "s3://cassettes/team", "--grace", "0").run(work);
            assertEquals(0, gc.exitCode, gc.toString());
            assertTrue(gc.stdout.startsWith("s3://cassettes/team/: 1 cassette name 1 of its 3 objects; removed 2 that "
                    + "none names"), "the first recording and its body, replaced: " + gc.stdout);

            ChildJvm.Result wrong = netrec(s3, "cache", "push", local.toString(), "s3://cassettes").run(work);
            assertEquals(2, wrong.exitCode, wrong.toString());
            assertTrue(wrong.stderr.startsWith("netrec: 's3://cassettes' is not a cassette in an object store: write "
                    + "s3://BUCKET/NAME or s3://BUCKET/PREFIX/NAME"), wrong.stderr);
        }
    }

    private static java.util.Map<String, String> withoutNetrecsOwn(java.util.Map<String, String> files) {
        files.keySet().removeIf(name -> name.startsWith(".netrec"));
        return files;
    }
}
