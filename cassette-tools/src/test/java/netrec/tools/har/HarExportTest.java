package netrec.tools.har;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.cassette.Pace;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.testing.TestCassette;
import netrec.testing.ToolRun;
import netrec.tools.importing.ImportedRecording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code har}: a cassette as HAR 1.2, checked against the HAR 1.2 JSON schemas; redacted headers stay redacted, binary
 * bodies go through base64, a gzip body is written decoded, and what HAR has no place for is left out and counted.
 */
class HarExportTest {
    private static final JsonSchema HAR_1_2 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V6)
            .getSchema(SchemaLocation.of("classpath:har-schema/har.json"));

    @TempDir
    Path work;

    /** Schema problems of a HAR document; empty when it is valid HAR 1.2. */
    static Set<ValidationMessage> harProblems(JsonNode har) {
        return HAR_1_2.validate(har);
    }

    /** Writes {@code cassette} as HAR, as {@code har} does; warnings into {@code warnings}. */
    static JsonNode har(Path cassette, List<String> warnings) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HarExport.write(cassette, out, warnings::add, "1.2.3-test");
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void schemaCheckFindsWhatIsNotHar() throws Exception {
        JsonNode missingContent = new ObjectMapper().readTree("{\"log\": {\"version\": \"1.2\", \"creator\": "
                + "{\"name\": \"x\", \"version\": \"1\"}, \"entries\": [{\"startedDateTime\": \"2026-12-01T00:00:00Z\", "
                + "\"time\": 0, \"request\": {\"method\": \"GET\", \"url\": \"http://a/\", \"httpVersion\": \"HTTP/1.1\", "
                + "\"cookies\": [], \"headers\": [], \"queryString\": [], \"headersSize\": -1, \"bodySize\": 0}, "
                + "\"response\": {\"status\": 200, \"statusText\": \"OK\", \"httpVersion\": \"HTTP/1.1\", \"cookies\": [], "
                + "\"headers\": [], \"redirectURL\": \"\", \"headersSize\": -1, \"bodySize\": 0}, \"cache\": {}, "
                + "\"timings\": {\"send\": 0, \"wait\": 0, \"receive\": 0}}]}}");
        assertFalse(harProblems(missingContent).isEmpty(), "a response without content is not HAR 1.2");
        ((ObjectNode) missingContent.path("log").path("entries").get(0).path("response")).putObject("content")
                .put("size", 0).put("mimeType", "");
        assertEquals(Set.of(), harProblems(missingContent));
    }

    @Test
    void aCassetteAsHarIsValidHarOneEntryPerExchange() throws Exception {
        List<String> warnings = new ArrayList<>();
        JsonNode har = har(HarFixture.recorded(work.resolve("cassette")), warnings);

        assertEquals(Set.of(), harProblems(har));
        assertEquals("1.2", har.path("log").path("version").asText());
        assertEquals("netrec", har.path("log").path("creator").path("name").asText());
        assertEquals("1.2.3-test", har.path("log").path("creator").path("version").asText());
        JsonNode entries = har.path("log").path("entries");
        assertEquals(5, entries.size(), entries.toString());
        assertEquals(List.of(), warnings);
        JsonNode json = entries.get(0);
        assertEquals(HarFixture.JSON, json.path("response").path("content").path("text").asText());
        assertEquals("application/json", json.path("response").path("content").path("mimeType").asText());
        assertEquals("2026-12-01T10:00:00Z", json.path("startedDateTime").asText(), "recorded-at");
        assertEquals(0, json.path("time").asInt());
        assertEquals("[{\"name\":\"q\",\"value\":\"a b\"},{\"name\":\"page\",\"value\":\"2\"}]",
                json.path("request").path("queryString").toString());
        assertTrue(json.path("comment").asText().matches(".*interactions/recorded\\.yaml:\\d+"), json.toString());
    }

    @Test
    void aResponseThatTookItsTimeHasItsRecordedTimings() throws Exception {
        TestCassette cassette = new TestCassette(work.resolve("paced"));
        Interaction events = new Interaction(TestCassette.RECORDED, ImportedRecording.server(
                URI.create("http://h:80/events"), "", ""), new RecordedRequest("GET", "http://h:80/events",
                Headers.none(), Body.empty()), new RecordedResponse(200, "OK", Headers.none(),
                Body.text("data: one\n\ndata: two\n\n")).withPace(Pace.of(List.of(new Pace.Point(11, 9),
                        new Pace.Point(22, 309)))), "");
        cassette.add(events);

        JsonNode entry = har(cassette.write("paced"), new ArrayList<>()).path("log").path("entries").get(0);

        assertEquals(9, entry.path("timings").path("wait").asInt(), "the head came 9 ms after the request");
        assertEquals(300, entry.path("timings").path("receive").asInt(), "the body's last part 300 ms after it");
        assertEquals(309, entry.path("time").asInt());
        assertEquals("2026-12-01T09:59:59.691Z", entry.path("startedDateTime").asText(), "309 ms before it ended");
    }

    @Test
    void bodiesAreTextBase64OrDecodedAsHarWantsThem() throws Exception {
        JsonNode entries = har(HarFixture.recorded(work.resolve("cassette")), new ArrayList<>()).path("log")
                .path("entries");

        JsonNode binary = entries.get(1).path("response").path("content");
        assertEquals("base64", binary.path("encoding").asText());
        assertTrue(Arrays.equals(HarFixture.BINARY, Base64.getDecoder().decode(binary.path("text").asText())));
        JsonNode gzip = entries.get(2).path("response");
        assertEquals(HarFixture.UNZIPPED, gzip.path("content").path("text").asText(), "HAR content is decoded");
        assertEquals(HarFixture.UNZIPPED.length(), gzip.path("content").path("size").asInt());
        assertEquals(HarFixture.gzip().length, gzip.path("bodySize").asInt(), "bodySize is as sent");
        JsonNode post = entries.get(3).path("request").path("postData");
        assertEquals("name=netrec&n=1", post.path("text").asText());
        assertEquals("application/x-www-form-urlencoded", post.path("mimeType").asText());
    }

    @Test
    void redactedHeadersStayRedacted() throws Exception {
        JsonNode secret = har(HarFixture.recorded(work.resolve("cassette")), new ArrayList<>()).path("log")
                .path("entries").get(4);

        assertEquals("[{\"name\":\"Authorization\",\"value\":\"<redacted by netrec>\"}]",
                secret.path("request").path("headers").toString());
        assertTrue(secret.path("response").path("headers").toString()
                .contains("{\"name\":\"Set-Cookie\",\"value\":\"<redacted by netrec>\"}"), secret.toString());
    }

    @Test
    void whatHarHasNoPlaceForIsLeftOutAndCounted() throws Exception {
        TestCassette cassette = new TestCassette(work.resolve("cassette"));
        cassette.add(new Interaction(TestCassette.RECORDED, ImportedRecording.server(URI.create("http://db:6379/"),
                Interaction.TCP, null), Interaction.TCP, Interaction.tcpRequest("db", 6379),
                RecordedResponse.conversation(List.of(Message.of(Message.Side.CLIENT, 0, Message.Kind.DATA,
                        "PING\r\n".getBytes(StandardCharsets.UTF_8)))), null));
        cassette.add(new Interaction(TestCassette.RECORDED, ImportedRecording.server(URI.create("http://h/"),
                Interaction.HTTP_1_1, null), new RecordedRequest("GET", "http://h/never", Headers.none(), Body.empty()),
                RecordedResponse.unanswered(), null));
        cassette.get("http://h/kept", "text/plain", "kept");
        List<String> warnings = new ArrayList<>();

        JsonNode har = har(cassette.write("recorded"), warnings);

        assertEquals(1, har.path("log").path("entries").size());
        assertEquals(List.of("netrec: har left out 2 interaction(s) HAR has no place for (raw TCP conversations, "
                + "requests that got no response)"), warnings);
    }

    @Test
    void harWritesToStandardOutputAndItsWarningsToStandardError() throws Exception {
        ToolRun run = ToolRun.of(new HarExport(), HarFixture.recorded(work.resolve("cassette")).toString());

        assertEquals(0, run.status(), run.toString());
        assertEquals(Set.of(), harProblems(new ObjectMapper().readTree(run.out())));
        assertEquals("", run.err());
    }
}
