package netrec.tools.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Interaction;
import netrec.cassette.yaml.CassetteReader;
import netrec.testing.TestCassette;
import netrec.testing.ToolRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code view}'s page, read as the browser reads it: one file that loads nothing from elsewhere, its data the
 * cassette's interactions (text bodies as text, binary ones as base64, large ones named only), the misses of the last
 * replay with their nearest interaction, and the interactions the last launched replay never used. ViewIT opens such
 * a page in a real browser.
 */
class ViewPageTest {
    private static final String BASE = "http://127.0.0.1:8080";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    private static final String SCRIPT_IN_A_BODY = "name=</script><script>alert(1)</script>";

    @TempDir
    Path work;
    private Path cassette;
    private List<String> sources;

    @BeforeEach
    void cassette() throws Exception {
        cassette = new TestCassette(work.resolve("cassette"))
                .get(BASE + "/api/forecast.json", "application/json", "{\"city\":\"Paris\"}")
                .exchange("GET", BASE + "/img/dot.png", List.of(), null, 200, List.of("Content-Type", "image/png"), PNG)
                .get(BASE + "/big.txt", "text/plain", "x".repeat(3 * 1024 * 1024))
                .exchange("POST", BASE + "/form", List.of("Content-Type", "application/x-www-form-urlencoded"),
                        SCRIPT_IN_A_BODY.getBytes(StandardCharsets.UTF_8), 201, List.of(), null)
                .write("recording");
        sources = new ArrayList<>();
        for (Interaction interaction : new CassetteReader(w -> { }).load(cassette).interactions()) {
            sources.add(interaction.source());
        }
    }

    /** The data the page carries: the JSON in its data element, as its script reads it. */
    private static JsonNode data(String html) throws Exception {
        String start = "<script type=\"application/json\" id=\"data\">";
        int from = html.indexOf(start) + start.length();
        return new ObjectMapper().readTree(html.substring(from, html.indexOf("</script>", from)));
    }

    @Test
    void thePageLoadsNothingFromElsewhere() throws Exception {
        String html = new ViewPage(cassette).html(w -> { });

        assertFalse(html.contains("<script src"), "no script from elsewhere");
        assertFalse(html.contains("<link"), "no style sheet from elsewhere");
        assertTrue(html.startsWith("<!doctype html>"), html.substring(0, 40));
    }

    @Test
    void everyInteractionIsARowWithItsBodiesAsTheBrowserShowsThem() throws Exception {
        JsonNode data = data(new ViewPage(cassette).html(w -> { }));

        assertEquals(cassette.toAbsolutePath().normalize().toString(), data.path("cassette").asText());
        JsonNode rows = data.path("interactions");
        assertEquals(4, rows.size(), rows.toString());
        JsonNode json = rows.get(0);
        assertEquals(1, json.path("n").asInt());
        assertEquals("GET", json.path("method").asText());
        assertEquals(BASE + "/api/forecast.json", json.path("url").asText());
        assertEquals("127.0.0.1", json.path("host").asText());
        assertEquals("http/1.1", json.path("protocol").asText());
        assertEquals("recording.yaml", json.path("jvm").asText());
        assertEquals(sources.get(0), json.path("source").asText());
        assertEquals(TestCassette.RECORDED.toString(), json.path("time").asText());
        assertEquals(200, json.path("status").asInt());
        assertEquals("[[\"Content-Type\",\"application/json\"]]", json.path("responseHeaders").toString());
        assertEquals("{\"city\":\"Paris\"}", json.path("responseBody").path("text").asText());
        assertEquals(Base64.getEncoder().encodeToString(PNG), rows.get(1).path("responseBody").path("base64").asText(),
                "an image travels as base64, to show as an image");
        assertTrue(rows.get(2).path("responseBody").path("omitted").asBoolean(), "a body over 2 MiB is not carried");
        assertEquals(3 * 1024 * 1024, rows.get(2).path("size").asInt());
        assertEquals(SCRIPT_IN_A_BODY, rows.get(3).path("requestBody").path("text").asText(),
                "a body that holds </script> cannot end the page's data early");
        assertEquals(201, rows.get(3).path("status").asInt());
    }

    @Test
    void theLastReplaysMissesAndTheInteractionsItNeverUsedAreShown() throws Exception {
        CassetteLayout layout = new CassetteLayout(cassette);
        String miss = "netrec: no recorded interaction matches GET " + BASE + "/api/forecst.json\n"
                + "  cassette: " + cassette + " (mode replay, 4 recorded interactions)\n"
                + "  nearest: GET " + BASE + "/api/forecast.json (" + sources.get(0) + ")\n"
                + "    path is /api/forecst.json, recorded /api/forecast.json\n"
                + "  to fix: record this request (mode record, or mode update to keep the cassette and add what it "
                + "lacks), or edit the cassette";
        Files.createDirectories(layout.reports());
        Files.writeString(layout.missReport(), miss + "\n\n");
        Files.writeString(layout.replayReport(), "replayed 1 requests from " + cassette + ", 1 missed, 3 of 4 recorded "
                + "interactions never used\n\n# missed\n" + miss + "\n\n\n# never used\n"
                + "GET " + BASE + "/img/dot.png  (" + sources.get(1) + ")\n"
                + "GET " + BASE + "/big.txt  (" + sources.get(2) + ")\n"
                + "POST " + BASE + "/form  (" + sources.get(3) + ")\n");

        JsonNode data = data(new ViewPage(cassette).html(w -> { }));

        assertEquals(1, data.path("misses").size(), data.path("misses").toString());
        assertEquals(miss, data.path("misses").get(0).path("text").asText());
        assertEquals(sources.get(0), data.path("misses").get(0).path("nearest").asText());
        List<String> unused = new ArrayList<>();
        data.path("unused").forEach(source -> unused.add(source.asText()));
        assertEquals(sources.subList(1, 4), unused);
    }

    @Test
    void withoutAReplayThereIsNoReport() throws Exception {
        JsonNode data = data(new ViewPage(cassette).html(w -> { }));

        assertEquals(0, data.path("misses").size());
        assertEquals(0, data.path("unused").size());
    }

    @Test
    void viewWritesThePageWhereToldAndSaysWhere() throws Exception {
        Path page = work.resolve("page.html");

        ToolRun run = ToolRun.of(new ViewTool(), cassette.toString(), "--out", page.toString());

        assertEquals(0, run.status(), run.toString());
        assertEquals("wrote " + page + " (open it in a browser; it needs no server and no network)\n", run.out());
        assertEquals(new ViewPage(cassette).html(w -> { }), Files.readString(page));
    }

    @Test
    void viewWithoutACassetteIsOneLineAndAPointerToHelp() {
        ToolRun run = ToolRun.of(new ViewTool(), "--out", "x.html");

        assertEquals(2, run.status());
        assertEquals("netrec: view takes one cassette, got none\n"
                + "Try 'java -jar netrec.jar view --help' for more information.\n", run.err());
    }
}
