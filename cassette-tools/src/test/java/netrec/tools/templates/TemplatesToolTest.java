package netrec.tools.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netrec.cassette.Interaction;
import netrec.cassette.yaml.CassetteReader;
import netrec.testing.TestCassette;
import netrec.testing.ToolRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code templates}: two recordings of a client whose requests carry the time, a UUID and a cache-buster, in the
 * URL and in a JSON body; what it proposes, what {@code --write} changes, and that a second run finds nothing more.
 * (That the templated cassette replays a day later is TemplatesIT's, under the agent.)
 */
class TemplatesToolTest {
    private static final String BASE = "http://localhost:8080";
    private static final String RULES = "version: 1\nrules:\n  - method: POST\n    path: /events\n    body: json\n";

    @TempDir
    Path work;
    private Path cassette;
    private Path second;

    /** One run of the client: its request to /echo-path/items and its POST to /events. */
    private static Path recording(Path directory, long millis, String uuid, String random) throws Exception {
        return new TestCassette(directory)
                .get(BASE + "/echo-path/items?ts=" + millis + "&id=" + uuid + "&_=" + random, "text/plain", "items")
                .exchange("POST", BASE + "/events", List.of("Content-Type", "application/json"),
                        ("{\"item\":\"book\",\"sentAt\":" + millis + ",\"requestId\":\"" + uuid + "\",\"nonce\":\""
                                + random + "\"}").getBytes(StandardCharsets.UTF_8), 201, List.of(),
                        "accepted".getBytes(StandardCharsets.UTF_8))
                .write("recording");
    }

    @BeforeEach
    void twoRecordings() throws Exception {
        long at = TestCassette.RECORDED.toEpochMilli();
        cassette = recording(work.resolve("cassette"), at + 120, "0b6f3b4e-2f8e-4b1e-9a37-5c3f0d1e2a40", "k3j9x");
        second = recording(work.resolve("second-recording"), at + 98_765, "7d41c2aa-0e55-4c36-8f0b-1d2e3f405162",
                "q81zm");
        Files.writeString(cassette.resolve("rules.yaml"), RULES);
    }

    private List<Interaction> interactions() {
        return new CassetteReader(w -> { }).load(cassette).interactions();
    }

    @Test
    void twoRecordingsShowWhatVariesAndWriteChangesNothingUntilAsked() throws Exception {
        String before = Files.readString(cassette.resolve("interactions/recording.yaml"));

        ToolRun run = ToolRun.of(new TemplatesTool(), cassette.toString(), second.toString());

        assertEquals(0, run.status(), run.toString());
        assertEquals(List.of(
                interactions().get(0).source() + "  GET " + interactions().get(0).request().uri(),
                "    -> " + BASE + "/echo-path/items?ts={epochMillis:[0-9]{13}}&id={uuid:[0-9a-fA-F-]{36}}&_={_}",
                "rules.yaml: ignore body fields [sentAt, requestId, nonce] of POST localhost/events",
                "1 request URIs to template, 1 body rules to add; run again with --write to apply them"), run.lines());
        assertEquals(before, Files.readString(cassette.resolve("interactions/recording.yaml")));
        assertEquals(RULES, Files.readString(cassette.resolve("rules.yaml")));
    }

    @Test
    void writePutsThePlaceholdersAndRulesIntoTheCassetteWhichStillLoads() throws Exception {
        ToolRun run = ToolRun.of(new TemplatesTool(), cassette.toString(), second.toString(), "--write");

        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().endsWith("1 request URIs templated, 1 body rules added; the cassette loads with its 2 "
                + "interactions\n"), run.out());
        assertEquals(BASE + "/echo-path/items?ts={epochMillis:[0-9]{13}}&id={uuid:[0-9a-fA-F-]{36}}&_={_}",
                interactions().get(0).request().uri());
        String rules = Files.readString(cassette.resolve("rules.yaml"));
        assertTrue(rules.startsWith(RULES), rules);
        assertTrue(rules.contains("sentAt") && rules.contains("requestId") && rules.contains("nonce"), rules);

        ToolRun again = ToolRun.of(new TemplatesTool(), cassette.toString(), second.toString());
        assertTrue(again.out().endsWith("0 request URIs to template, 0 body rules to add\n"), again.out());
    }

    @Test
    void oneRecordingAloneGetsWhatIsRecognisableOnSight() throws Exception {
        ToolRun run = ToolRun.of(new TemplatesTool(), cassette.toString());

        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().contains("    -> " + BASE + "/echo-path/items?ts={epochMillis:[0-9]{13}}"
                + "&id={uuid:[0-9a-fA-F-]{36}}&_=k3j9x\n"), "the cache-buster needs a second recording: " + run.out());
    }

    @Test
    void wrongArgumentsAreOneLineAndAPointerToHelp() {
        assertEquals("netrec: templates takes one cassette, or two recordings of the same job\n"
                + "Try 'java -jar netrec.jar templates --help' for more information.\n",
                ToolRun.of(new TemplatesTool()).err());
        assertEquals("netrec: templates has one option, --write, not '--wirte'\n"
                + "Try 'java -jar netrec.jar templates --help' for more information.\n",
                ToolRun.of(new TemplatesTool(), cassette.toString(), "--wirte").err());
    }
}
