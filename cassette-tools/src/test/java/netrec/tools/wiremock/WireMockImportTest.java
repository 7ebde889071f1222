package netrec.tools.wiremock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Interaction;
import netrec.cassette.Redacted;
import netrec.cassette.yaml.CassetteReader;
import netrec.testing.ToolRun;
import netrec.testing.WireMockFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wiremock-import}: what WireMock's own recorder saved (run in this JVM, proxying a server on loopback) becomes
 * a cassette whose interactions are the requests made and the answers given, a repeated one's in order, the binary
 * body from {@code __files}; mappings that are no one recorded request are skipped and named. (That an imported
 * cassette replays offline under the agent is the jar's test, CassetteToolsJarIT.)
 */
class WireMockImportTest {
    @TempDir
    Path work;

    /** Each interaction as "status body", a binary body as its size when it is the fixture's image. */
    private static List<String> answers(Path cassette) throws Exception {
        BodyStore bodies = new BodyStore(new CassetteLayout(cassette));
        List<String> answers = new ArrayList<>();
        for (Interaction interaction : new CassetteReader(w -> { }).load(cassette).interactions()) {
            byte[] bytes;
            try (InputStream in = bodies.open(interaction.response().body())) {
                bytes = in.readAllBytes();
            }
            answers.add(interaction.response().status() + " " + (Arrays.equals(bytes, WireMockFixture.IMAGE)
                    ? bytes.length + " bytes" : new String(bytes, StandardCharsets.UTF_8)));
        }
        return answers;
    }

    @Test
    void mappingsWireMocksRecorderSavedImportAsTheRequestsAndAnswersMade() throws Exception {
        Path root = work.resolve("wiremock");
        String base = WireMockFixture.recordThroughWireMock(root);
        try (Stream<Path> files = Files.list(root.resolve("__files"))) {
            assertTrue(files.findAny().isPresent(), "WireMock's recorder kept the binary body in __files");
        }
        Path cassette = work.resolve("cassette");

        ToolRun run = ToolRun.of(new WireMockImport(), root.toString(), cassette.toString(), "--base-url", base);

        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().startsWith("imported 6 interactions from " + root + " into "
                + cassette.resolve("interactions/wiremock.yaml")), run.out());
        List<String> answers = answers(cassette);
        assertEquals(WireMockFixture.expected().stream().sorted().toList(), answers.stream().sorted().toList(),
                "the mappings come in the order of their files, a scenario's in the order of its states");
        assertEquals(List.of("200 call 1", "200 call 2", "200 call 3"),
                answers.stream().filter(a -> a.contains("call")).toList(), "a repeated request's answers in order");
        List<Interaction> interactions = new CassetteReader(w -> { }).load(cassette).interactions();
        Interaction items = interactions.get(answers.indexOf(WireMockFixture.expected().get(0)));
        URI uri = URI.create(items.request().uri());
        assertEquals(base + "/items", uri.getScheme() + "://" + uri.getAuthority() + uri.getPath());
        assertEquals(List.of("a=1", "b=2"), Stream.of(uri.getQuery().split("&")).sorted().toList());
        Interaction events = interactions.get(answers.indexOf("201 accepted"));
        assertEquals("POST " + base + "/events", events.request().toString());
    }

    @Test
    void mappingsThatAreNoOneRecordedRequestAreSkippedAndNamed() throws Exception {
        Path file = work.resolve("stubs.json");
        Files.writeString(file, "{\"mappings\": ["
                + "{\"request\": {\"urlPattern\": \"/a.*\", \"method\": \"GET\"}, \"response\": {\"status\": 200}},"
                + "{\"request\": {\"url\": \"/any\"}, \"response\": {\"status\": 200}},"
                + "{\"request\": {\"url\": \"/fault\", \"method\": \"GET\"}, \"response\": {\"fault\": \"EMPTY_RESPONSE\"}},"
                + "{\"request\": {\"urlPath\": \"/q\", \"method\": \"GET\", \"queryParameters\": {\"a\": "
                + "{\"matches\": \"[0-9]+\"}}}, \"response\": {\"status\": 200}},"
                + "{\"request\": {\"urlPath\": \"/kept\", \"method\": \"GET\", \"queryParameters\": {\"a\": "
                + "{\"equalTo\": \"1 2\"}}, \"headers\": {\"X-Api-Key\": {\"equalTo\": \"k-123\"}}}, "
                + "\"response\": {\"status\": 200, \"jsonBody\": {\"ok\": true}}}]}");
        Path cassette = work.resolve("cassette");

        ToolRun run = ToolRun.of(new WireMockImport(), file.toString(), cassette.toString(), "--base-url",
                "https://api.example.com/");

        assertEquals(0, run.status(), run.toString());
        assertEquals(List.of(
                "skipped stubs.json#1: it matches a URL pattern (urlPattern, urlPathPattern), not one URL; record that "
                        + "request, or write the interaction with a template by hand",
                "skipped stubs.json#2: it matches any method; a recorded request has one",
                "skipped stubs.json#3: its response is a fault, not a recorded answer",
                "skipped stubs.json#4: a query parameter is matched by a pattern, not equalTo",
                "imported 1 interactions from " + file + " into " + cassette.resolve("interactions/stubs.yaml")
                        + "; skipped 4 (see above)"), run.lines());
        Interaction kept = new CassetteReader(w -> { }).load(cassette).interactions().get(0);
        assertEquals("https://api.example.com/kept?a=1+2", kept.request().uri());
        assertEquals(443, kept.server().port());
        assertEquals(Redacted.VALUE, kept.request().headers().first("X-Api-Key"), "the agent's redaction applies");
        assertEquals("{\"ok\":true}", kept.response().body().text());
        assertEquals("11", kept.response().headers().first("Content-Length"), "WireMock would have sent one");
    }

    @Test
    void scenarioStepsComeInTheOrderTheirStatesLead() throws Exception {
        Path mappings = Files.createDirectories(work.resolve("root/mappings"));
        Files.writeString(mappings.resolve("a-third.json"), scenarioStep("call-3", null, "third"));
        Files.writeString(mappings.resolve("b-first.json"), scenarioStep("Started", "call-2", "first"));
        Files.writeString(mappings.resolve("c-second.json"), scenarioStep("call-2", "call-3", "second"));

        ToolRun run = ToolRun.of(new WireMockImport(), work.resolve("root").toString(),
                work.resolve("cassette").toString(), "--base-url", "http://127.0.0.1:9");

        assertEquals(0, run.status(), run.toString());
        List<String> bodies = new ArrayList<>();
        new CassetteReader(w -> { }).load(work.resolve("cassette")).interactions()
                .forEach(i -> bodies.add(i.response().body().text()));
        assertEquals(List.of("first", "second", "third"), bodies);
    }

    @Test
    void importWithoutABaseUrlSaysWhyItNeedsOne() {
        ToolRun run = ToolRun.of(new WireMockImport(), work.toString(), work.resolve("c").toString());

        assertEquals(2, run.status(), run.toString());
        assertEquals("netrec: wiremock-import needs --base-url URL: mappings name no host, so say which server the "
                + "client calls (https://api.example.com)\n"
                + "Try 'java -jar netrec.jar wiremock-import --help' for more information.\n", run.err());
        assertTrue(ToolRun.of(new WireMockImport(), work.toString(), work.resolve("c").toString(), "--base-url",
                "ftp://h").err().startsWith("netrec: --base-url ftp://h needs http:// or https:// and a host\n"));
    }

    @Test
    void aSourceWithNoMappingsSaysSo() throws Exception {
        Files.createDirectories(work.resolve("root/mappings"));

        ToolRun run = ToolRun.of(new WireMockImport(), work.resolve("root").toString(), work.resolve("c").toString(),
                "--base-url", "http://h");

        assertEquals(1, run.status(), run.toString());
        assertEquals("netrec: " + work.resolve("root") + " holds no WireMock mappings (no .json files with request "
                + "and response)\n", run.err());
    }

    private static String scenarioStep(String state, String next, String body) {
        return "{\"scenarioName\": \"counter\", \"requiredScenarioState\": \"" + state + "\", "
                + (next == null ? "" : "\"newScenarioState\": \"" + next + "\", ")
                + "\"request\": {\"url\": \"/counter\", \"method\": \"GET\"}, "
                + "\"response\": {\"status\": 200, \"body\": \"" + body + "\"}}";
    }
}
