package netrec.tools.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.testing.TestCassette;
import netrec.testing.ToolRun;
import netrec.testing.WireMockFixture;
import netrec.tools.importing.ImportedRecording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wiremock-export}, proven against WireMock itself, run in this JVM: the mappings it writes are served as
 * recorded, query parameters in any order, a repeated request's answers in order and then its last one again, a
 * binary body from {@code __files}.
 */
class WireMockExportTest {
    @TempDir
    Path work;

    @Test
    void exportedMappingsAreServedByWireMockAsRecorded() throws Exception {
        Path cassette = WireMockFixture.recorded(work.resolve("cassette"), "http://127.0.0.1:8080");
        Path stubs = work.resolve("stubs");

        ToolRun exported = ToolRun.of(new WireMockExport(), cassette.toString(), stubs.toString());

        assertEquals(0, exported.status(), exported.toString());
        assertEquals("wrote 6 stub mappings to " + stubs.resolve("mappings") + " and their bodies to "
                + stubs.resolve("__files") + "; serve them with WireMock: java -jar wiremock-standalone.jar "
                + "--root-dir " + stubs + "\n", exported.out());
        WireMockServer wireMock = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory(stubs.toString()));
        wireMock.start();
        try {
            List<String> answers = WireMockFixture.send(wireMock.baseUrl(), "a=1&b=2");
            assertEquals(WireMockFixture.expected(), answers, "query order does not count; repeated calls in order");
            assertEquals("200 call 3", WireMockFixture.call(wireMock.baseUrl(), "GET", "/counter", null),
                    "after the last recorded answer, the last one repeats");
            assertEquals(404, Integer.parseInt(WireMockFixture.call(wireMock.baseUrl(), "GET", "/items?a=1", null)
                    .split(" ")[0]), "a query parameter missing is another request");
        } finally {
            wireMock.stop();
        }
    }

    @Test
    void framingHeadersAreLeftToWireMock() throws Exception {
        Path cassette = WireMockFixture.recorded(work.resolve("cassette"), "http://127.0.0.1:8080");
        Path stubs = work.resolve("stubs");

        ToolRun.of(new WireMockExport(), cassette.toString(), stubs.toString());

        try (Stream<Path> files = Files.list(stubs.resolve("mappings"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String mapping = Files.readString(file);
                assertTrue(!mapping.contains("Content-Length") && !mapping.contains("Transfer-Encoding"), mapping);
            }
        }
    }

    @Test
    void whatWireMockCannotServeIsLeftOutAndCounted() throws Exception {
        TestCassette cassette = new TestCassette(work.resolve("cassette"));
        cassette.add(new Interaction(TestCassette.RECORDED, ImportedRecording.server(URI.create("http://h/"),
                Interaction.HTTP_1_1, null), Interaction.WEBSOCKET, new RecordedRequest("GET", "http://h/socket",
                Headers.none(), Body.empty()), new RecordedResponse(101, "Switching Protocols", Headers.none(),
                Body.empty()), null));
        cassette.add(new Interaction(TestCassette.RECORDED, ImportedRecording.server(URI.create("http://h/"),
                Interaction.HTTP_1_1, null), new RecordedRequest("GET", "http://h/never", Headers.none(), Body.empty()),
                RecordedResponse.unanswered(), null));
        cassette.get("http://h/kept", "text/plain", "kept");

        ToolRun run = ToolRun.of(new WireMockExport(), cassette.write("recording").toString(),
                work.resolve("stubs").toString());

        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().startsWith("wrote 1 stub mappings to "), run.out());
        assertEquals("netrec: wiremock-export left out 2 interaction(s) WireMock cannot serve (WebSocket and raw TCP "
                + "conversations, requests that got no response)\n", run.err());
    }

    @Test
    void aDirectoryThatHoldsMappingsIsNotWrittenOver() throws Exception {
        Path cassette = WireMockFixture.recorded(work.resolve("cassette"), "http://127.0.0.1:8080");
        Path stubs = work.resolve("stubs");
        Files.createDirectories(stubs.resolve("mappings"));
        Files.writeString(stubs.resolve("mappings/mine.json"), "{}");

        ToolRun run = ToolRun.of(new WireMockExport(), cassette.toString(), stubs.toString());

        assertEquals(2, run.status(), run.toString());
        assertEquals("netrec: " + stubs.resolve("mappings") + " already holds mappings; give a new or empty directory\n"
                + "Try 'java -jar netrec.jar wiremock-export --help' for more information.\n", run.err());
    }
}
