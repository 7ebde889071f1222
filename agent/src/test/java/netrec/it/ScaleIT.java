package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netrec.cassette.yaml.CassetteYaml;
import netrec.it.client.ClientMain;
import netrec.it.client.EveryGeneratedRequest;
import netrec.cassette.cache.UnusedFiles;
import netrec.it.support.ChildJvm;
import netrec.it.support.GeneratedCassette;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cassettes far larger than any test records: 100,000 interactions in one 116 MB recording file, with 1 GB of
 * body files, replayed in a JVM capped at 256 MB of heap with no network at all, and refused in one too small for
 * it, saying so; and a file of 1,000,000 interactions that the commands stream in 64 MB. These are tests of memory;
 * bench/ has the timings (what each JVM took here is printed, as a hint of where the suite's time goes). They take
 * minutes: {@code -Pfull} runs them, as CI does, on JDK 25 only (beside the real build that JDK runs): the limits of
 * a cassette's size are the format's and the heap's, and replay of HttpURLConnection with no loopback runs on both
 * JDKs in UrlConnectionRecordReplayIT. The million is not replayed: that took over a minute of the suite on 2
 * cores and checked nothing the 100,000 do not (the same index, ten times the entries, in a heap ten times larger).
 */
class ScaleIT {
    private static final int COUNT = 100_000;
    private static final int EVERY = 100;
    private static final int BODY_BYTES = 1 << 20;
    private static final int PORT = 8081;
    /**
     * How long each JVM here may run before it is taken for hung: about a minute each alone on 2 cores, they took
     * over two beside a real build on a slow day.
     */
    private static final int MINUTES_OF_WORK = 6;

    @TempDir
    static Path work;
    private static Path cassette;
    private static final List<String> TOOK = new ArrayList<>();

    @BeforeAll
    static void generate() throws Exception {
        cassette = work.resolve("cassette");
        timed("generating", () -> {
            GeneratedCassette.write(cassette, COUNT, EVERY, BODY_BYTES, PORT);
            return null;
        });
    }

    @AfterAll
    static void sayWhatEachStepTook() {
        System.out.println("ScaleIT: " + String.join(", ", TOOK));
    }

    private static <T> T timed(String step, Callable<T> run) throws Exception {
        long start = System.nanoTime();
        try {
            return run.call();
        } finally {
            TOOK.add(step + " " + (System.nanoTime() - start) / 100_000_000 / 10.0 + " s");
        }
    }

    @Test
    void hundredThousandInteractionsReplayEveryAnswerInA256MegabyteHeapAndAreRefusedInA24MegabyteOne()
            throws Exception {
        Path cache = work.resolve("cache-" + System.nanoTime());
        for (String jvm : new String[] {"first JVM (reads the YAML, writes the index)", "second JVM (reads the index)"}) {
            ChildJvm replaying = replaying(cache, "256m").main(EveryGeneratedRequest.class.getName(),
                    String.valueOf(PORT), String.valueOf(COUNT), String.valueOf(EVERY), String.valueOf(BODY_BYTES));
            ChildJvm.Result replay = timed(jvm.substring(0, jvm.indexOf(" (")) + " of 100,000",
                    () -> replaying.run(work));
            assertEquals(0, replay.exitCode, jvm + ": " + replay);
            Matcher answered = Pattern.compile("answered (\\d+) wrong (\\d+) peak-heap-mb (\\d+) live-heap-mb (\\d+) "
                    + "max-heap-mb (\\d+)").matcher(replay.stdout);
            assertTrue(answered.find(), jvm + ": " + replay);
            assertEquals(COUNT, Integer.parseInt(answered.group(1)), jvm + ": " + replay);
            assertEquals(0, Integer.parseInt(answered.group(2)), jvm + ": " + replay);
            assertTrue(Integer.parseInt(answered.group(5)) <= 256, jvm + ": " + replay);
            assertTrue(Integer.parseInt(answered.group(4)) < 128, jvm + ": after every answer, the cassette and "
                    + "the replay state hold under half the heap: " + replay);
        }
        try (var indexes = Files.list(cache.resolve("cassette-index"))) {
            List<String> names = indexes.map(file -> file.getFileName().toString())
                    .filter(name -> !name.equals(UnusedFiles.SWEPT)).sorted().toList();
            assertEquals(3, names.size(), "the first JVM left an index, its responses file and its bodies' CRC32C "
                    + "for the second (and the mark of the folder's last sweep): " + names);
            assertTrue(names.contains("body-crc32c"), names.toString());
        }

        // the index holds 36 MB of requests once collected (bench/scale.sh): a heap smaller than that cannot replay
        ChildJvm tooSmall = replaying(cache, "24m").main(ClientMain.class.getName(), "urlconnection",
                "GET http://localhost:" + PORT + "/");
        ChildJvm.Result refused = timed("replay of 100,000 in 24 MB", () -> tooSmall.run(work));
        assertEquals(3, refused.exitCode, refused.toString());
        assertTrue(refused.stdout.startsWith("FAILED: netrec: the cassette " + cassette + " needs more heap than this "
                + "JVM has"), "a cassette too large for the heap fails the request, saying so: " + refused);
    }

    /** A JVM that replays the 100,000 with no network in {@code heap}, its classes and the index in {@code cache}. */
    private static ChildJvm replaying(Path cache, String heap) {
        return ChildJvm.withAgent("replay,cassette=" + cassette + ",class-cache=" + cache + "/classes").usualJvm()
                .within(MINUTES_OF_WORK).jvmOption("-Xmx" + heap).withoutLoopback();
    }

    @Test
    void millionInteractionFileStreamsThroughVerifyAndListInA64MegabyteHeap() throws Exception {
        Path million = work.resolve("million");
        writeMillionInteractions(million.resolve("interactions").resolve("20261124T100000Z-1-0001.yaml"));
        ChildJvm.Result verify = timed("verify of 1,000,000", () -> ChildJvm.netrecCommand("verify",
                million.toString()).usualJvm().within(MINUTES_OF_WORK).jvmOption("-Xmx64m").run(work));
        assertEquals(0, verify.exitCode, verify.toString());
        assertTrue(verify.stdout.contains("1000000 interactions, 0 body file references, 0 problems"), verify.toString());
        ChildJvm.Result list = timed("list of 1,000,000", () -> ChildJvm.netrecCommand("list", million.toString())
                .usualJvm().within(MINUTES_OF_WORK).jvmOption("-Xmx64m").run(work));
        assertEquals(0, list.exitCode, list.stderr);
        assertEquals(1_000_000, list.stdout.lines().count());
        assertTrue(list.stdout.endsWith("1000000  GET     http://localhost:8081/a/999999  200  11 B\n"),
                list.stdout.substring(list.stdout.length() - 200));

    }

    /** One recording file of 1,000,000 small interactions (224 MB), written as a person or another tool might. */
    private static void writeMillionInteractions(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("version: 1\nrecording:\n  started: 2026-11-24T10:00:00Z\n  pid: 1\n  java: 17\ninteractions:\n");
            for (int i = 0; i < 1_000_000; i++) {
                out.write("  - recorded-at: 2026-11-24T10:00:00Z\n    server:\n      host: localhost\n      port: 8081\n"
                        + "      address: 127.0.0.1\n"
                        + "    request:\n      method: GET\n      uri: http://localhost:8081/a/" + i + "\n    response:\n"
                        + "      status: 200\n      reason: OK\n      headers:\n        Content-Length: "
                        + ("item " + i).length() + "\n      body: item " + i + "\n");
            }
            out.write(CassetteYaml.FILE_END);
        }
    }
}
