package netrec.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.tools.importing.ImportedRecording;

/**
 * One cassette of eight interactions and the filters that pick among them, written once for both implementations of
 * the filter language: FlowFilterTest runs each filter in Java, as {@code list --filter} does; ViewIT types each
 * into view's page in a browser, where JavaScript runs it. Both must pick the interactions the table says.
 */
public final class FilterExamples {
    /** Where the cassette's interactions went (a loopback server, recorded on port 8080). */
    public static final String BASE = "http://127.0.0.1:8080";
    /** How many interactions the cassette holds. */
    public static final int INTERACTIONS = 8;
    /** The JSON body of interaction 1, {@code GET /api/forecast.json}. */
    public static final String FORECAST = "{\"city\":\"Paris\",\"sky\":\"sunny\"}";
    /** A filter, and the interactions it picks, numbered as list numbers them. */
    public static final Map<String, List<Integer>> PICKS;

    static {
        Map<String, List<Integer>> picks = new LinkedHashMap<>();
        picks.put("~m POST", List.of(4));
        picks.put("~m post", List.of(4));
        picks.put("~c 404", List.of(5));
        picks.put("~ts json", List.of(1, 6));
        picks.put("~tq form", List.of(4));
        picks.put("~t image | ~u xml", List.of(2, 3));
        picks.put("!~c 200", List.of(4, 5, 7));
        picks.put("~bq city=Paris", List.of(4));
        picks.put("~bs Paris", List.of(1));
        picks.put("~b Paris", List.of(1, 4));
        picks.put("~bs needle", List.of());
        picks.put("~bs PNG", List.of());
        picks.put("~hs x-trace", List.of(1));
        picks.put("~hq content-type", List.of(4));
        picks.put("~h \"X-Trace: abc\"", List.of(1));
        picks.put("~d 127.0.0.1 & ~u /api/ & !alerts", List.of(1));
        picks.put("~d example", List.of(8));
        picks.put("(~m GET ~c 200) & ~bs SUNNY", List.of(1));
        picks.put("~m GET ~c 200", List.of(1, 2, 3, 6, 8));
        picks.put("dot", List.of(2));
        picks.put("~q", List.of(7));
        picks.put("~s & !(~c 200 | ~c 404)", List.of(4));
        picks.put("!!~q", List.of(7));
        picks.put("'feed\\.xml' | ~h \"Content-Type: image/png\"", List.of(2, 3));
        PICKS = Collections.unmodifiableMap(picks);
    }

    private FilterExamples() {
    }

    /**
     * Writes the eight: JSON with a trace header, a PNG, XML, a form POST answered 201, a 404, JSON, a request that
     * got no answer, and 3 MiB of text from another host (over the limit of what filters read).
     */
    public static Path cassette(Path directory) throws IOException {
        TestCassette written = new TestCassette(directory)
                .exchange("GET", BASE + "/api/forecast.json", List.of(), null, 200, List.of("Content-Type",
                        "application/json", "X-Trace", "abc"), utf8(FORECAST))
                .exchange("GET", BASE + "/img/dot.png", List.of(), null, 200, List.of("Content-Type", "image/png"),
                        png())
                .get(BASE + "/feed.xml", "application/xml", "<feed><entry><title>one</title></entry></feed>")
                .exchange("POST", BASE + "/form", List.of("Content-Type", "application/x-www-form-urlencoded"),
                        utf8("city=Paris&days=3"), 201, List.of("Content-Type", "text/plain"), utf8("saved"))
                .exchange("GET", BASE + "/missing", List.of(), null, 404, List.of("Content-Type", "text/plain"),
                        utf8("not here"))
                .get(BASE + "/api/alerts.json", "application/json", "[]");
        written.add(new Interaction(TestCassette.RECORDED, ImportedRecording.server(URI.create(BASE),
                Interaction.HTTP_1_1, null), new RecordedRequest("GET", BASE + "/slow", Headers.none(), Body.empty()),
                RecordedResponse.unanswered(), null));
        return written.get("http://example.com/big.txt", "text/plain", "needle ".repeat(3 * 1024 * 1024 / 7 + 1))
                .write("recording");
    }

    /** An 8x8 PNG image (ImageIO wrote it; its pixels shade from blue to light blue). */
    public static byte[] png() {
        return Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAA00lEQVR4XgHIADf/AApAgA1Dgx"
                + "BGhhNJiRZMjBlPjxxSkh9VlQAiWJglW5soXp4rYaEuZKQxZ6c0aqo3ba0AOnCwPXOzQHa2Q3m5Rny8SX+/TILCT4XFAFKIyFWL"
                + "y1iOzluR0V6U1GGX12Sa2med3QBqoOBto+NwpuZzqel2rOx5r+98svJ/tfUAgrj4hbv7iL7+i8IBjsUEkcgHlMsKl84NAJrREJ3U"
                + "E6DXFqPaGabdHKngH6zjIq/mJQCy6Si17Cu47y678jG+9TTB+DfE+zrH/j1Wl2R2WcV3WQAAAABJRU5ErkJggg==");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
