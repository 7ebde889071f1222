package netrec.it;

import static com.github.tomakehurst.wiremock.client.WireMock.recordSpec;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WireMock both ways, proven against WireMock itself: {@code wiremock-export} writes stub mappings that WireMock
 * serves back as recorded (query parameters in any order, a repeated request's answers in order, a binary body); and
 * {@code wiremock-import} turns what WireMock's own recorder saved into a cassette that replays with the server
 * stopped and no network.
 */
class WireMockIT {
    private static final byte[] IMAGE = image();

    @TempDir
    Path work;

    /** The origin: JSON with a query, a counter that answers each call differently, a binary body, a POST. */
    private static HttpServer origin() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        return LoopbackServer.start(exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            int status = 200;
            String type = "text/plain";
            if (path.equals("/items")) {
                body = ("{\"query\":\"" + exchange.getRequestURI().getQuery() + "\"}").getBytes(StandardCharsets.UTF_8);
                type = "application/json";
            } else if (path.equals("/counter")) {
                body = ("call " + calls.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/image.bin")) {
                body = IMAGE;
                type = "application/octet-stream";
            } else if (path.equals("/events")) {
                exchange.getRequestBody().readAllBytes();
                status = 201;
                body = "accepted".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                body = "no".getBytes(StandardCharsets.UTF_8);
            }
            LoopbackServer.respond(exchange, status, type, body);
        });
    }

    private static String requests(String base, String itemsQuery) {
        return "GET " + base + "/items?" + itemsQuery + " ; GET " + base + "/counter ; GET " + base + "/counter ; GET "
                + base + "/counter ; GET " + base + "/image.bin ; POST " + base + "/events body:{\"kind\":\"view\"}";
    }

    private static List<String> expected() throws Exception {
        return List.of("200 " + HarIT.sha256("{\"query\":\"b=2&a=1\"}".getBytes(StandardCharsets.UTF_8)),
                "200 " + HarIT.sha256("call 1".getBytes(StandardCharsets.UTF_8)),
                "200 " + HarIT.sha256("call 2".getBytes(StandardCharsets.UTF_8)),
                "200 " + HarIT.sha256("call 3".getBytes(StandardCharsets.UTF_8)),
                "200 " + HarIT.sha256(IMAGE), "201 " + HarIT.sha256("accepted".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void exportedMappingsAreServedByWireMockAsRecorded() throws Exception {
        Path cassette = work.resolve("cassette");
        HttpServer origin = origin();
        try {
            String base = LoopbackServer.base(origin);
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(ClientMain.class.getName(), "urlconnection", requests(base, "b=2&a=1")).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertEquals(expected(), HarIT.bodies(recorded));
        } finally {
            origin.stop(0);
        }

        Path stubs = work.resolve("stubs");
        ChildJvm.Result exported = ChildJvm.netrecCommand("wiremock-export", cassette.toString(), stubs.toString())
                .run(work);
        assertEquals(0, exported.exitCode, exported.toString());
        assertTrue(exported.stdout.startsWith("wrote 6 stub mappings to " + stubs.resolve("mappings")), exported.stdout);

        WireMockServer wireMock = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory(stubs.toString()));
        wireMock.start();
        try {
            ChildJvm.Result served = ChildJvm.withoutAgent().main(ClientMain.class.getName(), "urlconnection",
                    requests(wireMock.baseUrl(), "a=1&b=2") + " ; GET " + wireMock.baseUrl() + "/counter").run(work);
            assertEquals(0, served.exitCode, served.toString());
            List<String> answers = HarIT.bodies(served);
            assertEquals(expected(), answers.subList(0, 6), "query order does not count; repeated calls in order");
            assertEquals(expected().get(3), answers.get(6), "after the last recorded answer, the last one repeats");
        } finally {
            wireMock.stop();
        }
    }

    @Test
    void mappingsWireMocksRecorderSavedImportToACassetteThatReplays() throws Exception {
        Path root = work.resolve("wiremock");
        Files.createDirectories(root.resolve("mappings"));
        Files.createDirectories(root.resolve("__files"));
        HttpServer origin = origin();
        String base = LoopbackServer.base(origin);
        try {
            WireMockServer wireMock = new WireMockServer(options().dynamicPort()
                    .usingFilesUnderDirectory(root.toString()));
            wireMock.start();
            try {
                wireMock.startRecording(recordSpec().forTarget(base).makeStubsPersistent(true));
                ChildJvm.Result proxied = ChildJvm.withoutAgent().main(ClientMain.class.getName(), "urlconnection",
                        requests(wireMock.baseUrl(), "b=2&a=1")).run(work);
                assertEquals(0, proxied.exitCode, proxied.toString());
                assertEquals(expected(), HarIT.bodies(proxied));
                wireMock.stopRecording();
            } finally {
                wireMock.stop();
            }
        } finally {
            origin.stop(0);
        }
        try (Stream<Path> files = Files.list(root.resolve("__files"))) {
            assertTrue(files.findAny().isPresent(), "WireMock's recorder kept the binary body in __files");
        }

        Path cassette = work.resolve("cassette");
        ChildJvm.Result imported = ChildJvm.netrecCommand("wiremock-import", root.toString(), cassette.toString(),
                "--base-url", base).run(work);
        assertEquals(0, imported.exitCode, imported.toString());
        assertTrue(imported.stdout.startsWith("imported 6 interactions from " + root), imported.stdout);

        ChildJvm replaying = ChildJvm.withAgent("replay,cassette=" + cassette)
                .main(ClientMain.class.getName(), "urlconnection", requests(base, "b=2&a=1"));
        ChildJvm.Result replayed = (ChildJvm.networkNamespacesWork() ? replaying.offline() : replaying).run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(expected(), HarIT.bodies(replayed));
    }

    @Test
    void importWithoutABaseUrlSaysWhyItNeedsOne() throws Exception {
        ChildJvm.Result run = ChildJvm.netrecCommand("wiremock-import", work.toString(), work.resolve("c").toString())
                .run(work);
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.stderr.startsWith("netrec: wiremock-import needs --base-url URL: mappings name no host, so say "
                + "which server the client calls (https://api.example.com)\n"), run.stderr);
    }

    private static byte[] image() {
        byte[] bytes = new byte[2048];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
