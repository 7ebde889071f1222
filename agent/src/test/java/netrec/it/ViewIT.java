package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.Chromium;
import netrec.it.support.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code view}: the page for a recorded cassette, after a replay with a miss, in a real browser (Debian's headless
 * Chromium, offline, from the file): filters typed into it leave the rows they should, the same rows as
 * {@code list --filter} prints; an image shows as an image, JSON pretty-printed; the miss is shown with its nearest
 * interaction and the interactions never used. The screenshot stays in target/ for a person to look at.
 */
class ViewIT {
    /** A filter, and the interactions it picks out of the six recorded (numbered as list numbers them). */
    private static final Map<String, List<Integer>> FILTERS = new LinkedHashMap<>();

    static {
        FILTERS.put("~m POST", List.of(4));
        FILTERS.put("~c 404", List.of(5));
        FILTERS.put("~ts json", List.of(1, 6));
        FILTERS.put("~t image | ~u xml", List.of(2, 3));
        FILTERS.put("!~c 200", List.of(4, 5));
        FILTERS.put("~bq city=Paris", List.of(4));
        FILTERS.put("~hs x-trace", List.of(1));
        FILTERS.put("~d 127.0.0.1 & ~u /api/ & !alerts", List.of(1));
        FILTERS.put("(~m GET ~c 200) & ~bs SUNNY", List.of(1));
        FILTERS.put("'feed\\.xml' | ~h \"Content-Type: image/png\"", List.of(2, 3));
    }

    @TempDir
    Path work;

    @Test
    void pageListsFiltersAndShowsInteractionsAndTheReplayReportInChromium() throws Exception {
        Path cassette = work.resolve("cassette");
        String base;
        HttpServer server = server();
        try {
            base = LoopbackServer.base(server);
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(ClientMain.class.getName(),
                    "urlconnection", "GET " + base + "/api/forecast.json ; GET " + base + "/img/dot.png ; GET " + base
                    + "/feed.xml ; POST " + base + "/form header:Content-Type=application/x-www-form-urlencoded "
                    + "body:city=Paris&days=3 ; GET " + base + "/missing ; GET " + base + "/api/alerts.json").run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
        } finally {
            server.stop(0);
        }
        ChildJvm.Result replayed = ChildJvm.netrecCommand("replay", "--cassette", cassette.toString(), "--",
                ChildJvm.javaExecutable(), "-cp", ChildJvm.applicationClasspath(), ClientMain.class.getName(),
                "urlconnection", "GET " + base + "/api/forecast.json ; GET " + base + "/api/forecst.json").run(work);
        assertEquals(3, replayed.exitCode, "the second request is not in the cassette: " + replayed);

        Path page = work.resolve("view.html");
        ChildJvm.Result viewed = ChildJvm.netrecCommand("view", cassette.toString(), "--out", page.toString()).run(work);
        assertEquals(0, viewed.exitCode, viewed.toString());
        assertTrue(viewed.stdout.startsWith("wrote " + page), viewed.stdout);
        String html = Files.readString(page);
        assertTrue(!html.contains("<script src") && !html.contains("<link"), "the page loads nothing from elsewhere");

        for (Map.Entry<String, List<Integer>> filter : FILTERS.entrySet()) {
            assertEquals(filter.getValue(), listed(cassette, filter.getKey()), "list --filter '" + filter.getKey() + "'");
        }

        Path screenshot = work.resolve("view.png");
        JsonNode browser = new ObjectMapper().readTree(Chromium.runScript("view.js", page.toString(),
                screenshot.toString(), new ObjectMapper().writeValueAsString(new ArrayList<>(FILTERS.keySet())), "2",
                "1"));
        assertEquals(0, browser.path("problems").size(), "the page ran without errors, offline: " + browser);
        for (Map.Entry<String, List<Integer>> filter : FILTERS.entrySet()) {
            List<Integer> rows = new ArrayList<>();
            browser.path("rows").path(filter.getKey()).forEach(n -> rows.add(n.asInt()));
            assertEquals(filter.getValue(), rows, "typed into the page: '" + filter.getKey() + "'");
            assertEquals("", browser.path("errors").path(filter.getKey()).asText());
        }
        assertEquals("2 of 6", browser.path("count").asText());
        assertEquals(8, browser.path("image").path("width").asInt(), "the PNG shows as an image: " + browser);
        assertTrue(browser.path("json").toString().contains("\\n  \\\"city\\\": \\\"Paris\\\""),
                "JSON pretty-printed: " + browser.path("json"));
        String report = browser.path("report").asText();
        assertTrue(report.contains("1 request(s) replay missed"), report);
        assertTrue(report.contains("path is /api/forecst.json, recorded /api/forecast.json"), report);
        assertTrue(report.contains("nearest recorded: #1 GET " + base + "/api/forecast.json"), report);
        assertTrue(report.contains("5 recorded interaction(s) never used"), report);
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page");
        Path kept = Paths.get(System.getProperty("netrec.browser.work", "target/har-browser"))
                .resolveSibling("view-" + ChildJvm.javaFeatureVersion() + ".png");
        Files.copy(screenshot, kept, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aWrongFilterIsRefusedSayingWhatIsValid() throws Exception {
        Files.createDirectories(work.resolve("empty"));
        ChildJvm.Result run = ChildJvm.netrecCommand("list", work.resolve("empty").toString(), "--filter", "~c abc")
                .run(work);
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.stderr.startsWith("netrec: filter '~c abc': ~c needs a status code such as 404, not 'abc'; "
                + "valid: ~d ~m ~c ~u ~h ~hq ~hs ~b ~bq ~bs ~t ~tq ~ts ~q ~s, ! & | ( ), or a bare URL regex\n"),
                run.stderr);
    }

    private List<Integer> listed(Path cassette, String filter) throws Exception {
        ChildJvm.Result run = ChildJvm.netrecCommand("list", cassette.toString(), "--filter", filter).run(work);
        assertEquals(0, run.exitCode, run.toString());
        return run.lines().stream().map(l -> Integer.parseInt(l.trim().split("\\s+")[0])).collect(Collectors.toList());
    }

    private static HttpServer server() throws IOException {
        byte[] png = LoopbackServer.png();
        return LoopbackServer.start(exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            int status = 200;
            String type;
            byte[] body;
            if (path.equals("/api/forecast.json")) {
                type = "application/json";
                exchange.getResponseHeaders().add("X-Trace", "abc");
                body = "{\"city\":\"Paris\",\"sky\":\"sunny\"}".getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/api/alerts.json")) {
                type = "application/json";
                body = "[]".getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/img/dot.png")) {
                type = "image/png";
                body = png;
            } else if (path.equals("/feed.xml")) {
                type = "application/xml";
                body = "<feed><entry><title>one</title></entry></feed>".getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/form")) {
                type = "text/plain";
                status = 201;
                body = "saved".getBytes(StandardCharsets.UTF_8);
            } else {
                type = "text/plain";
                status = 404;
                body = "not here".getBytes(StandardCharsets.UTF_8);
            }
            LoopbackServer.respond(exchange, status, type, body);
        });
    }
}
