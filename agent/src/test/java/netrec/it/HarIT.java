package netrec.it;

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
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar netrec.jar har} and {@code har-import}: a recorded cassette written as HAR 1.2 (checked against
 * the HAR 1.2 JSON schemas), and that HAR imported into a new cassette that replays the same answers with the server
 * stopped and no network. Redacted headers stay redacted; binary bodies go through base64.
 */
class HarIT {
    private static final JsonSchema HAR_1_2 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V6)
            .getSchema(SchemaLocation.of("classpath:har-schema/har.json"));

    @TempDir
    Path work;

    private static String requests(String base) {
        return "GET " + base + "/json ; GET " + base + "/binary ; GET " + base + "/gzip ; POST " + base
                + "/echo body:name=netrec&n=1 ; GET " + base + "/secret header:Authorization=Bearer+"
                + TestServer.SECRET_TOKEN;
    }

    /** Schema problems of a HAR document; empty when it is valid HAR 1.2. */
    static Set<ValidationMessage> harProblems(JsonNode har) {
        return HAR_1_2.validate(har);
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
    void cassetteAsHarIsValidAndImportsBackToACassetteThatReplays() throws Exception {
        Path recorded = work.resolve("recorded");
        ChildJvm.Result original;
        String base;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = server.http();
            original = ChildJvm.withAgent("record,cassette=" + recorded)
                    .main(ClientMain.class.getName(), "urlconnection", requests(base)).run(work);
            assertEquals(0, original.exitCode, original.toString());
        }

        ChildJvm.Result exported = ChildJvm.netrecCommand("har", recorded.toString()).run(work);
        assertEquals(0, exported.exitCode, exported.toString());
        JsonNode har = new ObjectMapper().readTree(exported.stdout);
        assertEquals(Set.of(), harProblems(har));
        JsonNode entries = har.path("log").path("entries");
        assertEquals(5, entries.size(), exported.stdout.substring(0, Math.min(2000, exported.stdout.length())));
        assertEquals("1.2", har.path("log").path("version").asText());
        assertEquals(TestServer.JSON, entries.get(0).path("response").path("content").path("text").asText());
        assertEquals("base64", entries.get(1).path("response").path("content").path("encoding").asText());
        assertTrue(java.util.Arrays.equals(TestServer.binary(), Base64.getDecoder()
                .decode(entries.get(1).path("response").path("content").path("text").asText())));
        String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(TestServer.gzip())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertEquals(unzipped, entries.get(2).path("response").path("content").path("text").asText(),
                "HAR content is decoded");
        assertEquals("name=netrec&n=1", entries.get(3).path("request").path("postData").path("text").asText());
        assertTrue(exported.stdout.contains("\"name\" : \"Authorization\",\n          \"value\" : \"<redacted by netrec>\""),
                exported.stdout.substring(0, 3000));
        assertFalse(exported.stdout.contains(TestServer.SECRET_TOKEN), "redacted values stay redacted");
        assertFalse(exported.stdout.contains(TestServer.SECRET_COOKIE), "redacted values stay redacted");

        Path harFile = work.resolve("exported.har");
        Files.writeString(harFile, exported.stdout);
        Path imported = work.resolve("imported");
        ChildJvm.Result importing = ChildJvm.netrecCommand("har-import", harFile.toString(), imported.toString())
                .run(work);
        assertEquals(0, importing.exitCode, importing.toString());
        assertTrue(importing.stdout.startsWith("imported 5 interactions from " + harFile + " into "
                + imported.resolve("interactions/exported.yaml")), importing.stdout);

        ChildJvm replaying = ChildJvm.withAgent("replay,cassette=" + imported)
                .main(ClientMain.class.getName(), "urlconnection", requests(base));
        ChildJvm.Result replayed = (ChildJvm.networkNamespacesWork() ? replaying.offline() : replaying).run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        List<String> before = bodies(original);
        List<String> after = bodies(replayed);
        assertEquals(before.get(0), after.get(0));
        assertEquals(before.get(1), after.get(1));
        assertEquals("200 " + sha256(unzipped.getBytes(StandardCharsets.UTF_8)), after.get(2),
                "a gzip body comes back decoded, without its Content-Encoding");
        assertEquals(before.get(3), after.get(3));
        assertEquals(before.get(4), after.get(4));
    }

    @Test
    void aFileThatIsNotHarIsRefusedSayingWhatAHarIs() throws Exception {
        Path notHar = work.resolve("not.har");
        Files.writeString(notHar, "{\"entries\": []}");
        ChildJvm.Result run = ChildJvm.netrecCommand("har-import", notHar.toString(), work.resolve("c").toString())
                .run(work);
        assertEquals(1, run.exitCode, run.toString());
        assertEquals("netrec: " + notHar + " is not a HAR file: it has no log.entries list. Save one from a browser's "
                + "developer tools (Network, \"Save all as HAR\") or with java -jar netrec.jar har\n", run.stderr);
    }

    /** Each request's status and body hash, as ClientMain printed them. */
    static List<String> bodies(ChildJvm.Result run) {
        return run.lines().stream().filter(l -> l.contains(" -> "))
                .map(l -> l.replaceAll("^.* -> (\\d+) .* sha256 ([0-9a-f]+)$", "$1 $2")).collect(Collectors.toList());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
