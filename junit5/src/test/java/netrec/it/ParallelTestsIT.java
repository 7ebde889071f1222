package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.it.junit.JUnitMain;
import netrec.it.junit.ParallelBlockingCalls;
import netrec.it.junit.ParallelExecutorCalls;
import netrec.it.junit.ParallelLibraryThreadCalls;
import netrec.it.junit.ParallelPooledClientCalls;
import netrec.it.junit.ParallelSentinelCalls;
import netrec.it.junit.ParallelSharedCassetteCalls;
import netrec.it.junit.ParallelVertxCalls;
import netrec.it.support.ChildJvm;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite run by JUnit four tests at a time (classes and methods concurrent), each test with its own cassette (and
 * one class with one cassette for its tests): 31 tests that call a stand-in server on their own thread, through
 * pooled connections first opened by other tests, through work handed to a shared thread pool, a scheduled pool,
 * {@code CompletableFuture} and the JDK HttpClient's own executor, and through libraries' own threads (Netty's event
 * loops, directly and under Reactor Netty; OkHttp's dispatcher), each client shared by every test; and one more
 * that runs through all of them, so that no test ever runs alone. Recorded, each cassette holds exactly its test's requests; replayed with the server
 * stopped in a JVM with no network, the suite passes again.
 */
class ParallelTestsIT {
    private static final List<Class<?>> SUITE = List.of(ParallelSentinelCalls.class, ParallelBlockingCalls.class,
            ParallelPooledClientCalls.class, ParallelExecutorCalls.class, ParallelSharedCassetteCalls.class,
            ParallelLibraryThreadCalls.class, ParallelVertxCalls.class);

    @TempDir
    Path work;

    private ChildJvm suite(String server, String mode) {
        return ChildJvm.withAgent("").netrecOnClasspath().jvmOption("-Dtest.server=" + server)
                .jvmOption("-Dnetrec.cassettes=" + work.resolve("cassettes")).jvmOption("-Dnetrec.mode=" + mode)
                .jvmOption("-Djunit.jupiter.execution.parallel.enabled=true")
                .jvmOption("-Djunit.jupiter.execution.parallel.mode.default=concurrent")
                .jvmOption("-Djunit.jupiter.execution.parallel.mode.classes.default=concurrent")
                .jvmOption("-Djunit.jupiter.execution.parallel.config.strategy=fixed")
                .jvmOption("-Djunit.jupiter.execution.parallel.config.fixed.parallelism=4")
                .jvmOption("-Djunit.jupiter.execution.parallel.config.fixed.max-pool-size=4")
                // Netty's event loop loads before any test starts (netrec then changes it as the first test starts),
                // OkHttp's queued call as a test first enqueues one (netrec changes it as it loads)
                .jvmOption("-Djunit.main.loads=io.netty.util.concurrent.SingleThreadEventExecutor")
                .main(JUnitMain.class.getName(), SUITE.stream().map(Class::getName).toArray(String[]::new));
    }

    @Test
    void eachTestRecordsAndReplaysItsOwnCassetteFourAtATime() throws Exception {
        String base;
        ChildJvm.Result recorded;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = server.http();
            recorded = suite(base, "record").run(work);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertEquals(35, passed(recorded).size(), recorded.toString());
        assertEquals(4, mostAtOnce(recorded), "four tests ran at once: " + recorded);
        assertFalse(recorded.stderr.contains("works for none"), recorded.stderr);

        List<String> everyPath = new ArrayList<>();
        for (String test : passed(recorded)) {
            for (int n = 1; n <= 3; n++) {
                everyPath.add("/echo-path/" + test.replace('.', '/') + "/" + n);
            }
        }
        for (String test : passed(recorded)) {
            boolean shared = test.startsWith("ParallelSharedCassetteCalls.");
            String cassette = cassetteText(shared ? "parallel-shared" : test.replace('.', '/'));
            for (String path : everyPath) {
                boolean own = shared ? path.startsWith("/echo-path/ParallelSharedCassetteCalls/")
                        : path.startsWith("/echo-path/" + test.replace('.', '/') + "/");
                assertEquals(own, cassette.contains("uri: " + base + path + "\n"), (own ? "missing from " : "crossed "
                        + "into ") + (shared ? "the class's cassette" : test + "'s cassette") + ": " + path
                        + "; the cassettes holding it: " + holding(path + "\n"));
            }
        }

        ChildJvm.Result replayed = (ChildJvm.networkNamespacesWork() ? suite(base, "replay").offline()
                : suite(base, "replay")).run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(passed(recorded), passed(replayed), replayed.toString());
        assertEquals(4, mostAtOnce(replayed), "four tests ran at once: " + replayed);
    }

    private static List<String> passed(ChildJvm.Result run) {
        return run.lines().stream().filter(l -> l.startsWith("PASSED ")).map(l -> l.substring(7)).sorted()
                .collect(Collectors.toList());
    }

    private static int mostAtOnce(ChildJvm.Result run) {
        int most = 0;
        Matcher atOnce = Pattern.compile("at-once (\\d+)").matcher(run.stdout);
        while (atOnce.find()) {
            most = Math.max(most, Integer.parseInt(atOnce.group(1)));
        }
        return most;
    }

    /** The recording files that hold {@code line}, for a failure's message. */
    private List<String> holding(String line) throws Exception {
        List<String> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(work.resolve("cassettes"))) {
            for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                for (String text : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                    if ((text + "\n").contains(line)) {
                        files.add(work.resolve("cassettes").relativize(file) + " (" + text.trim() + ")");
                    }
                }
            }
        }
        return files;
    }

    private String cassetteText(String cassette) throws Exception {
        Path interactions = work.resolve("cassettes").resolve(cassette).resolve("interactions");
        StringBuilder text = new StringBuilder();
        if (!Files.isDirectory(interactions)) {
            return ""; // the test recorded nothing of its own
        }
        try (Stream<Path> files = Files.list(interactions)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }
}
