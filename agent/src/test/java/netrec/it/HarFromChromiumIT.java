package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.ClientAnswers;
import netrec.it.support.Chromium;
import netrec.it.support.JdkIndependent;
import netrec.it.support.LoopbackServer;
import netrec.testing.ToolRun;
import netrec.tools.har.HarImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * har-import with a HAR that a real browser made: Debian's Chromium, headless (driven by Playwright, whose HAR
 * recorder saves it), loads a page from a server on loopback; the page loads an image, fetches JSON (gzip-encoded) and
 * posts an event, with a session cookie. The HAR, imported (in this JVM: what har-import does is the same on every
 * JDK), is a cassette that answers a Java client with the server stopped and no network, the cookie redacted. Needs {@code chromium} (Debian's package) and node with npm; fails
 * saying so when they are missing ({@link Chromium}).
 */
@JdkIndependent("har-import reads a file; the replay is HttpURLConnection's, which UrlConnectionRecordReplayIT runs "
        + "on both JDKs")
class HarFromChromiumIT {
    private static final String FORECAST = "{\"city\":\"Paris\",\"sky\":\"sunny\"}";
    private static final String SESSION = "browser-session-secret-7";
    private static final String PAGE = String.join("\n",
            "<!doctype html><html><head><title>loading</title></head><body>",
            "<img src=\"/dot.png\" alt=\"dot\">",
            "<script>",
            "fetch('/api/forecast.json').then(r => r.json())",
            "  .then(f => fetch('/api/events', {method: 'POST', headers: {'Content-Type': 'application/json'},",
            "                                  body: JSON.stringify({kind: 'view', sky: f.sky})}))",
            "  .then(r => r.text()).then(() => { document.title = 'done'; });",
            "</script></body></html>");

    @TempDir
    Path work;

    @Test
    void aHarSavedByHeadlessChromiumImportsToACassetteThatReplays() throws Exception {
        Path har = work.resolve("chromium.har");
        byte[] png = LoopbackServer.png();
        String base;
        ChildJvm.Result live;
        HttpServer server = server(png);
        try {
            base = LoopbackServer.base(server);
            saveHar(base + "/", har);
            live = ChildJvm.withoutAgent().main(ClientMain.class.getName(), "urlconnection", requests(base)).run(work);
            assertEquals(0, live.exitCode, live.toString());
        } finally {
            server.stop(0);
        }
        String harText = Files.readString(har);
        assertTrue(harText.contains(SESSION), "the browser sent its session cookie: " + harText.substring(0, 2000));

        Path cassette = work.resolve("cassette");
        ToolRun imported = ToolRun.of(new HarImport(), har.toString(), cassette.toString());
        assertEquals(0, imported.status(), imported.toString());
        assertTrue(imported.out().contains("imported "), imported.out());
        String cassetteText;
        try (Stream<Path> files = Files.walk(cassette)) {
            StringBuilder text = new StringBuilder();
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
            cassetteText = text.toString();
        }
        assertFalse(cassetteText.contains(SESSION), "Cookie and Set-Cookie are redacted on import");
        assertTrue(cassetteText.contains("uri: " + base + "/api/events"), cassetteText);

        ChildJvm replaying = ChildJvm.withAgent("replay,cassette=" + cassette)
                .main(ClientMain.class.getName(), "urlconnection", requests(base));
        ChildJvm.Result replayed = (ChildJvm.networkNamespacesWork() ? replaying.offline() : replaying).run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        List<String> before = ClientAnswers.of(live);
        List<String> after = ClientAnswers.of(replayed);
        assertEquals("200 " + ClientAnswers.sha256(FORECAST.getBytes(StandardCharsets.UTF_8)), after.get(0),
                "the JSON the browser saw, decoded, without its Content-Encoding");
        assertEquals(before.get(1), after.get(1), "the image, byte for byte");
        assertEquals(before.get(2), after.get(2), "the answer to the page's POST");
    }

    private static String requests(String base) {
        return "GET " + base + "/api/forecast.json ; GET " + base + "/dot.png ; POST " + base
                + "/api/events body:{\"kind\":\"view\",\"sky\":\"sunny\"}";
    }

    /** Runs har.js with node: Chromium loads {@code url} and the HAR goes to {@code har}. */
    private static void saveHar(String url, Path har) throws Exception {
        Chromium.runScript("har.js", url, har.toString(), Chromium.executable().toString());
    }

    private static HttpServer server(byte[] png) throws IOException {
        return LoopbackServer.start(exchange -> {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/":
                    exchange.getResponseHeaders().add("Set-Cookie", "session=" + SESSION + "; Path=/");
                    send(exchange, 200, "text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8), false);
                    break;
                case "/dot.png":
                    send(exchange, 200, "image/png", png, false);
                    break;
                case "/api/forecast.json":
                    send(exchange, 200, "application/json", FORECAST.getBytes(StandardCharsets.UTF_8), true);
                    break;
                case "/api/events":
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    send(exchange, 201, "text/plain", ("received " + body.length + " bytes")
                            .getBytes(StandardCharsets.UTF_8), false);
                    break;
                default:
                    send(exchange, 404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8), false);
            }
        });
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean gzip)
            throws IOException {
        byte[] sent = body;
        if (gzip) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
                out.write(body);
            }
            sent = zipped.toByteArray();
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        LoopbackServer.respond(exchange, status, type, sent);
    }
}
