package netrec.cassette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.cassette.Pace;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.yaml.CassetteReader;
import netrec.cassette.yaml.CassetteYaml;
import netrec.cassette.yaml.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording becomes part of its cassette only when it is published, and then changes no more of the cassette's
 * text than its traffic changed: the same traffic recorded again leaves every byte as it was; a changed answer
 * changes its own lines; what was recorded before the recording began goes, with the bodies only it named.
 */
class PublicationTest {
    private static final Instant MONDAY = Instant.parse("2026-11-23T09:15:00.123Z");
    private static final Instant MONDAY_LATER = Instant.parse("2026-11-23T17:40:12.456Z");

    @TempDir
    Path dir;

    private CassetteLayout cassette() {
        return new CassetteLayout(dir.resolve("cassette"));
    }

    /** Records {@code answers} (path=body pairs, served with a Date header of the recording's time) and publishes. */
    private Publication.Result record(Instant at, boolean replace, String name, String... answers) throws IOException {
        return record(at, replace, name, null, answers);
    }

    /**
     * Records {@code answers} as {@link #record} does, each over the connection {@code connections} numbers (format
     * 5's count of the JVM's connections; null: none), with a pace that differs from one recording to the next.
     */
    private Publication.Result record(Instant at, boolean replace, String name, int[] connections, String... answers)
            throws IOException {
        return recorded(at, name, connections, answers).publish(replace);
    }

    /** An attempt that recorded {@code answers} as {@link #record} does, not published yet. */
    private RecordingAttempt recorded(Instant at, String name, int[] connections, String... answers)
            throws IOException {
        RecordingAttempt attempt = RecordingAttempt.begin(cassette(), Instant.now());
        CassetteLayout staged = new CassetteLayout(attempt.directory());
        RecordingFile file = RecordingFile.named(staged, at, name);
        BodyStore bodies = new BodyStore(staged);
        file.append(CassetteYaml.entry(new HostLookup(at, "api.example", List.of("192.0.2.1"))));
        int n = 0;
        for (String answer : answers) {
            String[] parts = answer.split("=", 2);
            Body body = Body.text(parts[1]);
            if (parts[1].startsWith("big:")) {
                BodyStore.BodyWriter writer = bodies.newBody();
                byte[] bytes = parts[1].repeat(5000).getBytes(StandardCharsets.UTF_8);
                writer.write(bytes, 0, bytes.length);
                body = writer.finish();
            }
            Interaction interaction = interaction(at.plusMillis(137 * ++n), parts[0], body);
            if (connections != null) {
                long slow = at.toEpochMilli() % 1000; // when the server took its time, and whether it did
                interaction = new Interaction(interaction.recordedAt(), interaction.server(), interaction.request(),
                        interaction.response().withPace(slow < 200 ? Pace.none() : Pace.of(List.of(
                                new Pace.Point(0, slow), new Pace.Point(body.size(), slow + 25)))), "")
                        .inConnection(connections[n - 1]);
            }
            file.append(CassetteYaml.entry(interaction));
            file.flush(); // a "# flushed" line after each, as a recorder under load writes them
        }
        file.close();
        assertEquals(answers.length, attempt.interactions());
        return attempt;
    }

    private static Interaction interaction(Instant at, String path, Body body) {
        Headers headers = Headers.of(List.of(new Headers.Field("Content-Type", "text/plain"),
                new Headers.Field("Date", at.toString()), new Headers.Field("X-Request-Id", "r" + at.toEpochMilli())));
        return new Interaction(at, new Server("api.example", 443, "192.0.2." + (at.getNano() % 7), "", null),
                new RecordedRequest("GET", "https://api.example:443" + path, Headers.none(), Body.empty()),
                new RecordedResponse(200, "OK", headers, body), "");
    }

    private String text(String name) throws IOException {
        return Files.readString(cassette().interactions().resolve(name));
    }

    private List<String> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /**
     * Two JVMs of one build (forked test JVMs, say) run the same program, so their recordings have the same name, and
     * they often end together: each publication keeps the other's.
     */
    @Test
    void recordingsOfTheSameNamePublishedAtOnceAreBothKept() throws Exception {
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                RecordingAttempt first = recorded(MONDAY, "ClientMain", null, "/first/" + round + "=one");
                RecordingAttempt second = recorded(MONDAY, "ClientMain", null, "/second/" + round + "=two");
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Publication.Result>> published = new ArrayList<>();
                for (RecordingAttempt attempt : List.of(first, second)) {
                    published.add(both.submit(() -> {
                        together.await();
                        return attempt.publish(true);
                    }));
                }
                for (Future<Publication.Result> result : published) {
                    result.get(30, TimeUnit.SECONDS);
                }
                Cassette loaded = new CassetteReader(w -> { throw new AssertionError(w); }).load(cassette().directory());
                List<String> uris = loaded.interactions().stream().map(i -> i.request().uri()).sorted()
                        .collect(Collectors.toList());
                assertEquals(List.of("https://api.example:443/first/" + round, "https://api.example:443/second/"
                        + round), uris, "round " + round + ": " + files(cassette().interactions()));
                assertFalse(Files.exists(cassette().work()), "netrec's folder is gone once both are published");
                RecordingAttempt.deleteTree(cassette().directory());
            }
        } finally {
            both.shutdownNow();
        }
    }

    @Test
    void aPublishedRecordingSaysTheDayAndTheJdkButNoTimePidOrFlushedLines() throws IOException {
        record(MONDAY, true, "recording", "/a=one", "/b=two");
        String text = text("recording.yaml");
        assertTrue(text.startsWith("version: " + CassetteYaml.RECORDING_VERSION + "\nrecording:\n  started: "
                + LocalDate.now(ZoneOffset.UTC) + "\n  java: " + System.getProperty("java.version") + "\ninteractions:\n"
                + "  - recorded-at: 2026-11-23T00:00:00Z\n    lookup: api.example\n"), text);
        assertFalse(text.contains("# flushed"), text);
        assertFalse(text.contains("pid:"), text);
        assertTrue(text.endsWith("# end of recording\n"), text);
        Cassette loaded = new CassetteReader(w -> { throw new AssertionError(w); }).load(cassette().directory());
        assertEquals(List.of("https://api.example:443/a", "https://api.example:443/b"),
                loaded.interactions().stream().map(i -> i.request().uri()).collect(Collectors.toList()));
        assertFalse(Files.exists(cassette().work()), "the attempt is gone, and so is netrec's folder, then empty");
        RecordingAttempt.begin(cassette(), Instant.now());
        assertEquals("# netrec's own: recording attempts and reports, never committed\n*\n",
                Files.readString(cassette().work().resolve(".gitignore")), "while it records, git leaves it out");
    }

    @Test
    void theSameTrafficRecordedAgainLeavesEveryByteAsItWas() throws IOException {
        record(MONDAY, true, "recording", "/a=one", "/b=two", "/c=three");
        String before = text("recording.yaml");
        Publication.Result again = record(MONDAY_LATER, true, "recording", "/a=one", "/b=two", "/c=three");
        assertEquals(before, text("recording.yaml"));
        assertEquals(List.of(cassette().interactions().resolve("recording.yaml")), again.unchanged());
    }

    @Test
    void theSameTrafficInAnotherOrderLeavesTheFileAsItWas() throws IOException {
        record(MONDAY, true, "recording", "/a=one", "/b=two", "/c=three");
        String before = text("recording.yaml");
        record(MONDAY_LATER, true, "recording", "/c=three", "/a=one", "/b=two");
        assertEquals(before, text("recording.yaml"));
    }

    @Test
    void aChangedAnswerChangesOnlyItsOwnLines() throws IOException {
        record(MONDAY, true, "recording", "/a=one", "/b=two", "/c=three");
        List<String> before = text("recording.yaml").lines().collect(Collectors.toList());
        record(MONDAY_LATER, true, "recording", "/a=one", "/b=TWO", "/c=three");
        List<String> after = text("recording.yaml").lines().collect(Collectors.toList());
        assertEquals(before.size(), after.size());
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(before.get(i).trim() + " -> " + after.get(i).trim());
            }
        }
        assertEquals(List.of("body: two -> body: TWO"), changed, "the Date and X-Request-Id of /b stay as they were");
    }

    @Test
    void connectionsAreNumberedFromOneInTheFileWhateverTheJvmCountedBefore() throws IOException {
        record(MONDAY, true, "recording", new int[] {37, 37, 40}, "/a=one", "/b=two", "/c=three");
        assertEquals(List.of("connection: 1", "connection: 1", "connection: 2"), text("recording.yaml").lines()
                .map(String::trim).filter(l -> l.startsWith("connection:")).collect(Collectors.toList()));
    }

    @Test
    void otherConnectionNumbersAndAnotherPaceAreTheSameTraffic() throws IOException {
        record(MONDAY_LATER, true, "recording", new int[] {3, 4, 4}, "/a=one", "/b=two", "/c=three");
        String before = text("recording.yaml");
        assertTrue(before.contains("      pace: [[0, 456], [3, 481]]\n"), before);
        record(MONDAY, true, "recording", new int[] {12, 12, 15}, "/a=one", "/b=two", "/c=three");
        assertEquals(before, text("recording.yaml"), "no pace now, and /a shared its connection with /b");
    }

    @Test
    void aChangedRecordingNumbersEveryConnectionAsItsOwnKeptEntriesIncluded() throws IOException {
        record(MONDAY, true, "recording", new int[] {1, 2, 3}, "/a=one", "/b=two", "/c=three");
        record(MONDAY_LATER, true, "recording", new int[] {5, 5, 6}, "/a=one", "/b=TWO", "/c=three");
        String after = text("recording.yaml");
        assertEquals(List.of("connection: 1", "connection: 1", "connection: 2"), after.lines().map(String::trim)
                .filter(l -> l.startsWith("connection:")).collect(Collectors.toList()), after);
        assertTrue(after.contains("body: TWO"), after);
    }

    /**
     * Records two raw TCP conversations over connections 7 and 9, each incrementing a counter twice: {@code orders}
     * says where each client turn ended among the JVM's, {@code answers} what the server said to each.
     */
    private Publication.Result recordCounters(Instant at, long[] orders, String... answers) throws IOException {
        RecordingAttempt attempt = RecordingAttempt.begin(cassette(), Instant.now());
        RecordingFile file = RecordingFile.named(new CassetteLayout(attempt.directory()), at, "counters");
        for (int c = 0; c < 2; c++) {
            List<Message> turns = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                turns.add(Message.of(Message.Side.CLIENT, t * 5, Message.Kind.DATA, "INCR n\r\n".getBytes(
                        StandardCharsets.UTF_8)).withOrder(orders[c * 2 + t]));
                turns.add(Message.of(Message.Side.SERVER, t * 5 + 1, Message.Kind.DATA, answers[c * 2 + t].getBytes(
                        StandardCharsets.UTF_8)));
            }
            file.append(CassetteYaml.entry(new Interaction(at, new Server("localhost", 6379, "127.0.0.1", "", null),
                    Interaction.TCP, Interaction.tcpRequest("localhost", 6379), RecordedResponse.conversation(turns),
                    "").inConnection(7 + 2 * c)));
        }
        file.close();
        return attempt.publish(true);
    }

    private List<String> orders() throws IOException {
        return text("counters.yaml").lines().map(String::trim).filter(l -> l.startsWith("order:"))
                .collect(Collectors.toList());
    }

    @Test
    void tcpTurnsAreOrderedFromOneInTheFileAndAChangedRecordingOrdersKeptEntriesAsItsOwn() throws IOException {
        recordCounters(MONDAY, new long[] {31, 38, 33, 40}, ":1\r\n", ":3\r\n", ":2\r\n", ":4\r\n");
        assertEquals(List.of("order: 1", "order: 3", "order: 2", "order: 4"), orders());
        String before = text("counters.yaml");
        recordCounters(MONDAY_LATER, new long[] {51, 58, 53, 60}, ":1\r\n", ":3\r\n", ":2\r\n", ":4\r\n");
        assertEquals(before, text("counters.yaml"), "the same traffic in the same order: every byte as it was");

        // the first connection's conversation is the same traffic, answered in another order among the JVM's
        recordCounters(MONDAY_LATER, new long[] {51, 52, 53, 60}, ":1\r\n", ":3\r\n", ":2\r\n", ":5\r\n");
        assertEquals(List.of("order: 1", "order: 2", "order: 3", "order: 4"), orders(),
                "the kept entry takes the new recording's order, which is one recording's with the changed one");
        assertTrue(text("counters.yaml").contains(":5"), text("counters.yaml"));
    }

    @Test
    void aBodyLineThatReadsAsATurnsOrderIsLeftAsItIs() throws IOException {
        record(MONDAY, true, "recording", new int[] {3}, "/a=order: 42\nnext: 1\n");
        Cassette loaded = new CassetteReader(w -> { throw new AssertionError(w); }).load(cassette().directory());
        assertEquals("order: 42\nnext: 1\n", loaded.interactions().get(0).response().body().text(),
                text("recording.yaml"));
    }

    @Test
    void whatTheNewRecordingLacksGoesAndWhatItAddsComesInItsPlace() throws IOException {
        record(MONDAY, true, "recording", "/a=one", "/b=two", "/c=three");
        String before = text("recording.yaml");
        record(MONDAY_LATER, true, "recording", "/a=one", "/c=three", "/d=four");
        String after = text("recording.yaml");
        assertFalse(after.contains("/b"), after);
        assertTrue(after.contains("uri: https://api.example:443/d"), after);
        String entryA = before.substring(before.indexOf("  - recorded-at", before.indexOf("lookup")),
                before.indexOf("  - recorded-at", before.indexOf("/a")));
        assertTrue(after.contains(entryA), "/a keeps its text");
    }

    @Test
    void recordReplacesEveryRecordingMadeBeforeItBeganAndTheBodiesOnlyTheyNamed() throws IOException {
        record(MONDAY, false, "Loader", "/a=big:one");
        record(MONDAY, false, "Loader", "/a=big:old"); // an update added Loader-2.yaml
        assertEquals(List.of("Loader-2.yaml", "Loader.yaml"), files(cassette().interactions()));
        assertEquals(2, files(cassette().bodies()).size());

        Publication.Result result = record(MONDAY_LATER, true, "Loader", "/a=big:one");
        assertEquals(List.of("Loader.yaml"), files(cassette().interactions()));
        assertEquals(List.of(cassette().interactions().resolve("Loader-2.yaml")), result.removed());
        assertEquals(1, files(cassette().bodies()).size(), "the body only Loader-2.yaml named went with it");
        new CassetteReader(w -> { throw new AssertionError(w); }).load(cassette().directory());
    }

    @Test
    void aFileWrittenAfterTheRecordingBeganStaysBesideIt() throws IOException {
        Instant began = Instant.now();
        RecordingAttempt mine = RecordingAttempt.begin(cassette(), began);
        record(Instant.now(), true, "ForkedBooter", "/fork=yes"); // another JVM of the build published meanwhile
        RecordingFile file = RecordingFile.named(new CassetteLayout(mine.directory()), began, "Launcher");
        file.append(CassetteYaml.entry(interaction(began, "/maven", Body.text("pom"))));
        file.close();
        mine.publish(true);
        assertEquals(List.of("ForkedBooter.yaml", "Launcher.yaml"), files(cassette().interactions()));
    }

    @Test
    void updateAddsBesideAndNeverReplaces() throws IOException {
        record(MONDAY, true, "recording", "/a=one");
        String before = text("recording.yaml");
        record(MONDAY_LATER, false, "recording", "/z=new");
        assertEquals(before, text("recording.yaml"));
        assertTrue(text("recording-2.yaml").contains("/z"));
    }

    @Test
    void aFailedAttemptIsKeptAsFailedAndTheCassetteIsUntouched() throws IOException {
        record(MONDAY, true, "recording", "/a=one");
        String before = text("recording.yaml");
        RecordingAttempt attempt = RecordingAttempt.begin(cassette(), MONDAY_LATER);
        RecordingFile file = RecordingFile.named(new CassetteLayout(attempt.directory()), MONDAY_LATER, "recording");
        file.append(CassetteYaml.entry(new HostLookup(MONDAY_LATER, "api.example", List.of("192.0.2.1"))));
        file.close();
        assertEquals(0, attempt.interactions(), "a DNS answer alone is no recording");
        Path kept = attempt.keep();
        assertEquals(before, text("recording.yaml"));
        assertTrue(kept.getFileName().toString().startsWith("failed-"), kept.toString());
        assertTrue(Files.exists(kept.resolve("interactions").resolve("recording.yaml")));
        assertEquals(List.of("recording.yaml"), files(cassette().interactions()));
    }

    @Test
    void anAttemptWhoseJvmIsGoneIsFoundAndKeptAsFailed() throws IOException {
        Path attempt = Files.createDirectories(cassette().work().resolve("attempt-20261123T091500Z-999999999-1234")
                .resolve("interactions"));
        Files.writeString(attempt.resolve("recording.yaml"), "version: 4\nrecording:\n  started: x\ninteractions:\n");
        RecordingAttempt live = RecordingAttempt.begin(cassette(), MONDAY);
        List<Path> kept = RecordingAttempt.abandoned(cassette());
        assertEquals(List.of(cassette().work().resolve("failed-20261123T091500Z-999999999-1234")), kept);
        assertTrue(Files.isDirectory(live.directory()), "an attempt of a JVM that runs is left alone");
    }

    @Test
    void anEmptyAttemptInANewCassetteLeavesNothingBehind() throws IOException {
        RecordingAttempt attempt = RecordingAttempt.begin(cassette(), MONDAY);
        attempt.discard();
        assertFalse(Files.exists(cassette().directory()));
    }

    @Test
    void anEmptyAttemptTakesTheFoldersItMadeForATestsCassetteWithIt() throws IOException {
        Files.createDirectories(dir.resolve("netrec/OtherTest"));
        CassetteLayout testCassette = new CassetteLayout(dir.resolve("netrec/WeatherTest/sunny"));
        RecordingAttempt attempt = RecordingAttempt.begin(testCassette, MONDAY);
        attempt.discard();
        assertFalse(Files.exists(dir.resolve("netrec/WeatherTest")), "the class's folder it made goes too");
        assertTrue(Files.isDirectory(dir.resolve("netrec/OtherTest")), "what was there before stays");
    }

    @Test
    void theReportsOfATestCassetteGoToTheBuildFolderAndOthersStayInNetrecsFolder() {
        Path project = dir.resolve("project");
        Path testCassette = project.resolve("src/test/resources/netrec/WeatherTest/sunny");
        assertEquals(project.resolve("target/netrec/WeatherTest/sunny"), CassetteLayout.defaultReports(testCassette));
        assertEquals(dir.resolve("c/.netrec"), CassetteLayout.defaultReports(dir.resolve("c")));
    }
}
