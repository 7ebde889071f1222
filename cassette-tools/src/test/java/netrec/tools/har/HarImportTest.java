package netrec.tools.har;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Interaction;
import netrec.cassette.Redacted;
import netrec.cassette.yaml.CassetteReader;
import netrec.testing.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code har-import}: the HAR that {@code har} writes comes back as the same cassette, but for what HAR keeps
 * decoded; a browser's HAR has its secrets redacted on the way in; entries that cannot replay are skipped and named;
 * a file that is not HAR is refused saying what a HAR is.
 */
class HarImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private static Cassette load(Path cassette) {
        return new CassetteReader(w -> { }).load(cassette);
    }

    private static byte[] bytes(Path cassette, Body body) throws IOException {
        try (InputStream in = new BodyStore(new CassetteLayout(cassette)).open(body)) {
            return in.readAllBytes();
        }
    }

    private Path harOf(Path cassette) throws Exception {
        Path har = work.resolve("exported.har");
        try (java.io.OutputStream out = Files.newOutputStream(har)) {
            HarExport.write(cassette, out, w -> { }, "test");
        }
        return har;
    }

    @Test
    void theHarOfACassetteImportsBackToTheSameInteractions() throws Exception {
        Path recorded = HarFixture.recorded(work.resolve("recorded"));
        Path har = harOf(recorded);
        Path imported = work.resolve("imported");

        ToolRun run = ToolRun.of(new HarImport(), har.toString(), imported.toString());

        assertEquals(0, run.status(), run.toString());
        assertEquals("imported 5 interactions from " + har + " into " + imported.resolve("interactions/exported.yaml")
                + "\n", run.out());
        List<Interaction> before = load(recorded).interactions();
        List<Interaction> after = load(imported).interactions();
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            Interaction was = before.get(i);
            Interaction is = after.get(i);
            String which = was.request().toString();
            assertEquals(was.request().method(), is.request().method(), which);
            assertEquals(was.request().uri(), is.request().uri(), which);
            assertEquals(was.request().headers(), is.request().headers(), which);
            assertEquals(new String(bytes(recorded, was.request().body()), StandardCharsets.UTF_8),
                    new String(bytes(imported, is.request().body()), StandardCharsets.UTF_8), which);
            assertEquals(was.response().status(), is.response().status(), which);
            assertEquals(was.server().host(), is.server().host(), which);
            assertEquals(was.server().port(), is.server().port(), which);
            assertEquals(was.recordedAt(), is.recordedAt(), which);
        }
        for (int i : new int[] {0, 1, 3, 4}) {
            assertEquals(before.get(i).response().headers(), after.get(i).response().headers());
            assertTrue(java.util.Arrays.equals(bytes(recorded, before.get(i).response().body()),
                    bytes(imported, after.get(i).response().body())), "response body of " + before.get(i).request());
        }
        Interaction gzip = after.get(2);
        assertEquals(HarFixture.UNZIPPED, new String(bytes(imported, gzip.response().body()), StandardCharsets.UTF_8),
                "a gzip body comes back decoded");
        assertNull(gzip.response().headers().first("Content-Encoding"), "without its Content-Encoding");
        assertEquals(String.valueOf(HarFixture.UNZIPPED.length()), gzip.response().headers().first("Content-Length"));
        assertEquals(Redacted.VALUE, after.get(4).request().headers().first("Authorization"), "redacted stays redacted");
    }

    @Test
    void aBrowsersSecretsAreRedactedOnTheWayIn() throws Exception {
        Path har = work.resolve("browser.har");
        Files.writeString(har, browserHar("session=browser-secret-7", "Bearer token-abc"));

        ToolRun run = ToolRun.of(new HarImport(), har.toString(), work.resolve("cassette").toString());

        assertEquals(0, run.status(), run.toString());
        String files = everyFile(work.resolve("cassette"));
        assertFalse(files.contains("browser-secret-7"), "Cookie and Set-Cookie are redacted on import");
        assertFalse(files.contains("token-abc"), "Authorization is redacted on import");
        assertTrue(files.contains("mine-123"), "what is no secret stays: " + files);
        Interaction page = load(work.resolve("cassette")).interactions().get(0);
        assertEquals(Redacted.VALUE, page.request().headers().first("Cookie"));
    }

    @Test
    void redactTakesTheAgentsNames() throws Exception {
        Path har = work.resolve("browser.har");
        Files.writeString(har, browserHar("session=browser-secret-7", "Bearer token-abc"));

        ToolRun kept = ToolRun.of(new HarImport(), har.toString(), work.resolve("clear").toString(), "--redact", "none");
        ToolRun mine = ToolRun.of(new HarImport(), har.toString(), work.resolve("mine").toString(), "--redact",
                "X-Mine");

        assertEquals(0, kept.status(), kept.toString());
        assertTrue(everyFile(work.resolve("clear")).contains("browser-secret-7"), "--redact none keeps everything");
        assertEquals(0, mine.status(), mine.toString());
        assertFalse(everyFile(work.resolve("mine")).contains("mine-123"), "--redact X-Mine adds X-Mine");
        assertFalse(everyFile(work.resolve("mine")).contains("browser-secret-7"), "to the default");
        ToolRun wrong = ToolRun.of(new HarImport(), har.toString(), work.resolve("w").toString(), "--redact", "-");
        assertEquals(2, wrong.status(), wrong.toString());
        assertTrue(wrong.err().startsWith("netrec: --redact: redact=- has a '-' with no name after it"), wrong.err());
    }

    @Test
    void entriesThatCannotReplayAreSkippedAndNamed() throws Exception {
        Path har = work.resolve("mixed.har");
        ObjectNode log = JSON.createObjectNode();
        log.putObject("log").put("version", "1.2").putArray("entries")
                .add(entry("GET", "ws://127.0.0.1:8080/socket", 101, "HTTP/1.1"))
                .add(entry("GET", "http://127.0.0.1:8080/blocked", 0, "HTTP/1.1"))
                .add(entry("GET", "https://example.com/h2", 200, "h2"));
        Files.writeString(har, JSON.writeValueAsString(log));

        ToolRun run = ToolRun.of(new HarImport(), har.toString(), work.resolve("cassette").toString());

        assertEquals(0, run.status(), run.toString());
        assertEquals(List.of("skipped entry 1 (GET ws://127.0.0.1:8080/socket): not HTTP or HTTPS",
                "skipped entry 2 (GET http://127.0.0.1:8080/blocked): it got no response in the browser (status 0: "
                        + "failed, blocked or cancelled)",
                "imported 1 interactions from " + har + " into " + work.resolve("cassette/interactions/mixed.yaml")
                        + "; skipped 2 (see above)"), run.lines());
        Interaction h2 = load(work.resolve("cassette")).interactions().get(0);
        assertEquals(Interaction.HTTP_2, h2.protocol());
        assertEquals(443, h2.server().port());
        assertEquals("TLSv1.3", h2.server().tls().protocol());
        assertEquals("h2", h2.server().tls().applicationProtocol());
        assertEquals(List.of("93.184.215.14"), load(work.resolve("cassette")).lookups().get(0).addresses(),
                "serverIPAddress becomes the DNS answer");
    }

    @Test
    void aHarWithNothingToImportFails() throws Exception {
        Path har = Files.writeString(work.resolve("empty.har"), "{\"log\": {\"version\": \"1.2\", \"entries\": []}}");

        ToolRun run = ToolRun.of(new HarImport(), har.toString(), work.resolve("cassette").toString());

        assertEquals(new ToolRun(1, "imported 0 interactions from " + har + "\n", ""), run);
    }

    @Test
    void aFileThatIsNotHarIsRefusedSayingWhatAHarIs() throws Exception {
        Path notHar = work.resolve("not.har");
        Files.writeString(notHar, "{\"entries\": []}");

        ToolRun run = ToolRun.of(new HarImport(), notHar.toString(), work.resolve("c").toString());

        assertEquals(1, run.status(), run.toString());
        assertEquals("netrec: " + notHar + " is not a HAR file: it has no log.entries list. Save one from a browser's "
                + "developer tools (Network, \"Save all as HAR\") or with java -jar netrec.jar har\n", run.err());
        Files.writeString(notHar, "<html>");
        assertTrue(ToolRun.of(new HarImport(), notHar.toString(), work.resolve("c").toString()).err()
                .startsWith("netrec: " + notHar + " is not a HAR file: it is not JSON ("));
    }

    @Test
    void aHarThatIsNotThereIsAUsageError() {
        ToolRun run = ToolRun.of(new HarImport(), work.resolve("none.har").toString(), work.resolve("c").toString());

        assertEquals(2, run.status(), run.toString());
        assertEquals("netrec: " + work.resolve("none.har") + " is not a file; give the HAR file to import, then the "
                + "cassette directory\nTry 'java -jar netrec.jar har-import --help' for more information.\n", run.err());
    }

    private static String browserHar(String cookie, String authorization) {
        return "{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"chromium\", \"version\": \"1\"}, "
                + "\"entries\": [{\"startedDateTime\": \"2026-12-01T10:00:00.000Z\", \"time\": 12.5, "
                + "\"request\": {\"method\": \"GET\", \"url\": \"http://127.0.0.1:8080/\", \"httpVersion\": \"HTTP/1.1\", "
                + "\"headers\": [{\"name\": \"Cookie\", \"value\": \"" + cookie + "\"}, {\"name\": \"Authorization\", "
                + "\"value\": \"" + authorization + "\"}, {\"name\": \"X-Mine\", \"value\": \"mine-123\"}]}, "
                + "\"response\": {\"status\": 200, \"statusText\": \"OK\", \"httpVersion\": \"HTTP/1.1\", "
                + "\"headers\": [{\"name\": \"Set-Cookie\", \"value\": \"" + cookie + "; Path=/\"}], "
                + "\"content\": {\"size\": 5, \"mimeType\": \"text/html\", \"text\": \"hello\"}}}]}}";
    }

    /** A HAR entry of {@code url} answered {@code status} over {@code version}, from 93.184.215.14. */
    private static ObjectNode entry(String method, String url, int status, String version) {
        ObjectNode entry = JSON.createObjectNode().put("startedDateTime", "2026-12-01T10:00:00Z").put("time", 0)
                .put("serverIPAddress", "93.184.215.14");
        entry.putObject("request").put("method", method).put("url", url).put("httpVersion", version)
                .putArray("headers").addObject().put("name", ":authority").put("value", "example.com");
        ObjectNode response = entry.putObject("response").put("status", status).put("httpVersion", version);
        response.putArray("headers");
        response.putObject("content").put("size", 2).put("text", "ok");
        return entry;
    }

    private static String everyFile(Path cassette) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(cassette)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                all.writeBytes(Files.readAllBytes(file));
            }
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
