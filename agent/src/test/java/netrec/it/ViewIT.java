package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.Chromium;
import netrec.it.support.JdkIndependent;
import netrec.testing.FilterExamples;
import netrec.tools.view.ViewPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code view}'s page in a real browser (Debian's headless Chromium, offline, from the file), for the cassette of
 * {@link FilterExamples} after a launched replay with a miss: each filter of the table typed into it leaves the rows
 * the table says (the same table FlowFilterTest runs through the Java filters, so both languages agree); an image
 * shows as an image, JSON pretty-printed; the miss, as replay wrote it, is shown with its nearest interaction, and
 * the interactions never used. The replay is the only child JVM, since it needs the agent; the page is made in this
 * JVM (ViewPageTest checks what it holds, CassetteToolsJarIT that netrec.jar makes it too). The screenshot stays in
 * target/ for a person to look at.
 */
@JdkIndependent("the view's page is made from files and read by a browser; the replay is HttpURLConnection's, which "
        + "UrlConnectionRecordReplayIT runs on both JDKs")
class ViewIT {
    private static final String BASE = FilterExamples.BASE;

    @TempDir
    Path work;

    @Test
    void pageFiltersAndShowsInteractionsAndTheReplayReportInChromium() throws Exception {
        Path cassette = FilterExamples.cassette(work.resolve("cassette"));
        ChildJvm.Result replayed = ChildJvm.netrecCommand("replay", "--cassette", cassette.toString(), "--",
                ChildJvm.javaExecutable(), "-cp", ChildJvm.applicationClasspath(), ClientMain.class.getName(),
                "urlconnection", "GET " + BASE + "/api/forecast.json ; GET " + BASE + "/api/forecst.json").run(work);
        assertEquals(3, replayed.exitCode, "the second request is not in the cassette: " + replayed);
        Path page = work.resolve("view.html");
        Files.writeString(page, new ViewPage(cassette).html(System.err::println));

        Path screenshot = work.resolve("view.png");
        List<String> filters = new ArrayList<>(FilterExamples.PICKS.keySet());
        JsonNode browser = new ObjectMapper().readTree(Chromium.runScript("view.js", page.toString(),
                screenshot.toString(), new ObjectMapper().writeValueAsString(filters), "2", "1"));

        assertEquals(0, browser.path("problems").size(), "the page ran without errors, offline: " + browser);
        for (Map.Entry<String, List<Integer>> filter : FilterExamples.PICKS.entrySet()) {
            List<Integer> rows = new ArrayList<>();
            browser.path("rows").path(filter.getKey()).forEach(n -> rows.add(n.asInt()));
            assertEquals(filter.getValue(), rows, "typed into the page: '" + filter.getKey() + "'");
            assertEquals("", browser.path("errors").path(filter.getKey()).asText());
        }
        String last = filters.get(filters.size() - 1);
        assertEquals(FilterExamples.PICKS.get(last).size() + " of " + FilterExamples.INTERACTIONS,
                browser.path("count").asText());
        assertEquals(8, browser.path("image").path("width").asInt(), "the PNG shows as an image: " + browser);
        assertTrue(browser.path("json").toString().contains("\\n  \\\"city\\\": \\\"Paris\\\""),
                "JSON pretty-printed: " + browser.path("json"));
        String report = browser.path("report").asText();
        assertTrue(report.contains("1 request(s) replay missed"), report);
        assertTrue(report.contains("path is /api/forecst.json, recorded /api/forecast.json"), report);
        assertTrue(report.contains("nearest recorded: #1 GET " + BASE + "/api/forecast.json"), report);
        assertTrue(report.contains((FilterExamples.INTERACTIONS - 1) + " recorded interaction(s) never used"), report);
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page");
        Path kept = Paths.get(System.getProperty("netrec.browser.work", "target/har-browser"))
                .resolveSibling("view-" + ChildJvm.javaFeatureVersion() + ".png");
        Files.copy(screenshot, kept, StandardCopyOption.REPLACE_EXISTING);
    }
}
