package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.it.client.ClientMain;
import netrec.it.client.ThrowingMain;
import netrec.it.support.AlsoCoversJdkClasses;
import netrec.it.support.ChildJvm;
import netrec.it.support.LoopbackServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording replaces its cassette only when it ended well, for a plain {@code -javaagent} JVM (exit status 0, which
 * netrec learns from {@code Shutdown.exit} and the main thread's uncaught exception) and for the launcher (the
 * command's status). Anything else leaves the cassette byte for byte as it was, and says in one line what happened
 * and where the attempt is kept. Replays run with the server stopped.
 */
@AlsoCoversJdkClasses("Shutdown.exit and Thread.dispatchUncaughtException: how a JVM ended, which decides publishing")
class RecordingOutcomeIT {
    private static final String MAIN = ClientMain.class.getName();

    @TempDir
    Path work;

    private final AtomicReference<String> answer = new AtomicReference<>("sunny");
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws Exception {
        server = LoopbackServer.start(exchange -> {
            requests.incrementAndGet();
            LoopbackServer.respond(exchange, 200, "text/plain", answer.get().getBytes(StandardCharsets.UTF_8));
        });
        base = "http://localhost:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private Path cassette() {
        return work.resolve("cassette");
    }

    private ChildJvm.Result record(String... requestsAndMore) throws Exception {
        return ChildJvm.withAgent("record,cassette=" + cassette()).main(MAIN, "urlconnection",
                String.join("; ", requestsAndMore)).run(work);
    }

    private List<String> recordingFiles() throws Exception {
        try (Stream<Path> files = Files.list(cassette().resolve("interactions"))) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private String recording() throws Exception {
        return Files.readString(cassette().resolve("interactions").resolve("ClientMain.yaml"));
    }

    private Path onlyFailedAttempt() throws Exception {
        try (Stream<Path> attempts = Files.list(cassette().resolve(".netrec"))) {
            List<Path> failed = attempts.filter(p -> p.getFileName().toString().startsWith("failed-"))
                    .collect(Collectors.toList());
            assertEquals(1, failed.size(), failed.toString());
            return failed.get(0);
        }
    }

    @Test
    void recordingAgainReplacesTheCassetteAndReplayServesTheNewAnswer() throws Exception {
        ChildJvm.Result first = record("GET " + base + "/forecast");
        assertEquals(0, first.exitCode, first.toString());
        assertEquals("", first.stderr);
        answer.set("rainy, and a longer answer");
        ChildJvm.Result again = record("GET " + base + "/forecast");
        assertEquals(0, again.exitCode, again.toString());
        assertEquals(List.of("ClientMain.yaml"), recordingFiles(), "one file, named after the program, replaced");
        assertTrue(recording().contains("body: \"rainy, and a longer answer\"") || recording().contains("rainy"),
                recording());
        assertFalse(recording().contains("sunny"), recording());

        server.stop(0);
        server = null;
        ChildJvm.Result replayed = ChildJvm.withAgent("replay,cassette=" + cassette()).main(MAIN, "urlconnection",
                "GET " + base + "/forecast").run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(again.stdout, replayed.stdout, "replay serves the answer recorded last");
    }

    @Test
    void aJvmThatExitsWithAFailureLeavesTheCassetteAsItWasAndSaysWhereItsAttemptIs() throws Exception {
        assertEquals(0, record("GET " + base + "/forecast").exitCode);
        String before = recording();
        answer.set("rainy");
        ChildJvm.Result failed = record("GET " + base + "/forecast", "GET http://localhost:1/unreachable");
        assertEquals(3, failed.exitCode, failed.toString());
        assertEquals(before, recording());
        Path kept = onlyFailedAttempt();
        assertEquals("netrec: this JVM did not end well (it exits with status 3), so its recording of 1 interaction "
                + "does not replace " + cassette() + ", which is left as it was; the attempt is kept in " + kept + "\n",
                failed.stderr);
        assertTrue(Files.readString(kept.resolve("interactions").resolve("ClientMain.yaml")).contains("rainy"));
    }

    @Test
    void aJvmWhoseMainThrowsDoesNotReplaceTheCassette() throws Exception {
        assertEquals(0, record("GET " + base + "/forecast").exitCode);
        String before = recording();
        ChildJvm.Result thrown = ChildJvm.withAgent("record,cassette=" + cassette())
                .main(ThrowingMain.class.getName(), base + "/forecast").run(work);
        assertEquals(1, thrown.exitCode, thrown.toString());
        assertEquals(before, recording());
        assertEquals(List.of("ClientMain.yaml"), recordingFiles());
        assertTrue(thrown.stderr.contains("netrec: this JVM did not end well (its main method threw, so the JVM exits "
                + "with status 1), so its recording of 1 interaction does not replace " + cassette()), thrown.stderr);
    }

    @Test
    void aJvmStoppedBySigtermDoesNotReplaceTheCassette() throws Exception {
        Process looping = ChildJvm.withAgent("record,cassette=" + cassette()).main(MAIN, "urlconnection", "loop",
                base + "/loop").start(work);
        String first = new java.io.BufferedReader(new java.io.InputStreamReader(looping.getInputStream(),
                StandardCharsets.UTF_8)).readLine();
        assertTrue(first.startsWith("response 1 200"), first);
        looping.toHandle().destroy(); // SIGTERM, leaving stderr readable: the JVM runs its hooks and exits with 143
        assertTrue(looping.waitFor(1, TimeUnit.MINUTES));
        assertEquals(143, looping.exitValue());
        String stderr = new String(looping.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertFalse(Files.exists(cassette().resolve("interactions")), "nothing published");
        assertTrue(stderr.contains("netrec: this JVM did not end well (it was stopped by signal 15 (exit status 143)),"
                + " so its recording of "), stderr);
        assertTrue(stderr.contains("the attempt is kept in " + onlyFailedAttempt()), stderr);
    }

    @Test
    void aJvmThatRecordedNothingSaysWhatItLeftAloneAndTheChangeThatRecordsIt() throws Exception {
        ChildJvm.Result alone = ChildJvm.withAgent("record,cassette=" + cassette() + ",leave-alone=loopback")
                .main(MAIN, "urlconnection", "GET " + base + "/forecast").run(work);
        assertEquals(0, alone.exitCode, alone.toString());
        assertTrue(alone.stderr.matches("netrec: this JVM recorded nothing, so " + Pattern.quote(cassette().toString())
                + " is left as it was; it left alone \\d connections? to localhost:" + server.getAddress().getPort()
                + " \\(to record (it|them): drop leave-alone=loopback\\)\n"), alone.stderr);
        assertFalse(Files.exists(cassette()), "no cassette folder for a recording of nothing");
    }

    @Test
    void replayOfACassetteThatDoesNotExistSaysSoAtTheFirstCallEvenToALoopbackServer() throws Exception {
        ChildJvm.Result replayed = ChildJvm.withAgent("replay,cassette=" + cassette()).main(MAIN, "urlconnection",
                "GET " + base + "/forecast").run(work);
        assertEquals(3, replayed.exitCode, replayed.toString());
        String reason = "netrec: replay (mode replay) from " + cassette() + ", which does not exist, answers nothing, "
                + "so no connection is made";
        assertTrue(replayed.stdout.startsWith("FAILED: " + reason), replayed.stdout);
        assertTrue(replayed.stderr.startsWith(reason), "said on stderr at the first call too: " + replayed.stderr);
        assertEquals(0, requests.get(), "the live loopback server was not asked");
    }

    @Test
    void theLauncherPublishesOnlyACommandThatExitedWithZero() throws Exception {
        String java = ChildJvm.javaExecutable();
        String classpath = ChildJvm.applicationClasspath();
        ChildJvm.Result failed = ChildJvm.netrecCommand("record", "--cassette", cassette().toString(), "--", java,
                "-cp", classpath, MAIN, "urlconnection", "GET " + base + "/forecast; GET http://localhost:1/x")
                .run(work);
        assertEquals(3, failed.exitCode, failed.toString());
        assertFalse(Files.exists(cassette().resolve("interactions")));
        assertTrue(failed.stderr.contains("netrec: the command exited with status 3, so its recording of 1 "
                + "interaction does not replace " + cassette() + ", which is left as it was; the attempt is kept in "
                + onlyFailedAttempt()), failed.stderr);

        ChildJvm.Result once = ChildJvm.netrecCommand("once", "--cassette", cassette().toString(), "--", java,
                "-cp", classpath, MAIN, "urlconnection", "GET " + base + "/forecast; GET " + base + "/old").run(work);
        assertEquals(0, once.exitCode, once.toString());
        assertEquals(List.of("ClientMain.yaml"), recordingFiles(), "once recorded the cassette it lacked");
        int asked = requests.get();

        server.stop(0);
        server = null;
        ChildJvm.Result replayed = ChildJvm.netrecCommand("once", "--cassette", cassette().toString(), "--", java,
                "-cp", classpath, MAIN, "urlconnection", "GET " + base + "/forecast").run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(asked, requests.get(), "once replayed the cassette it had");
        String report = Files.readString(cassette().resolve(".netrec").resolve("replay-report.txt"));
        assertTrue(report.startsWith("replayed 1 requests from " + cassette() + ", 0 missed, 1 of 2 recorded "
                + "interactions never used\npassed: yes\n"), report);

        String before = recording();
        ChildJvm.Result pruned = ChildJvm.netrecCommand("prune", cassette().toString()).run(work);
        assertEquals(0, pruned.exitCode, pruned.toString());
        assertTrue(pruned.stdout.startsWith("pruned 1 interaction the last replay never used from " + cassette()
                + "\n  GET " + base + "/old  (ClientMain.yaml)\n"), pruned.stdout);
        int old = before.indexOf("      uri: " + base + "/old");
        int start = before.lastIndexOf("\n  - recorded-at", old) + 1;
        int end = before.indexOf("\n  - ", old) < 0 ? before.indexOf("# end of recording") : before.indexOf("\n  - ", old) + 1;
        assertEquals(before.substring(0, start) + before.substring(end), recording(),
                "the entry /old went whole, and every other line stays as it was");
    }
}
