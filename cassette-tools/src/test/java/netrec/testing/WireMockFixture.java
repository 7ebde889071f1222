package netrec.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.recordSpec;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client's six requests, the same in every WireMock test: JSON with a query, a counter that answers each call
 * differently (called three times), a binary body, a POST; as a server on loopback answers them, as the agent
 * records them, and as WireMock's recorder saves them.
 */
public final class WireMockFixture {
    public static final byte[] IMAGE = image();

    private WireMockFixture() {
    }

    /** The answers, as "status body" lines, in the order of {@link #send}. */
    public static List<String> expected() {
        return List.of("200 {\"query\":\"b=2&a=1\"}", "200 call 1", "200 call 2", "200 call 3",
                "200 " + IMAGE.length + " bytes", "201 accepted");
    }

    /** The origin: answers as {@link #expected} says, counting the calls of /counter. */
    public static HttpServer origin() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            int status = 200;
            String type = "text/plain";
            byte[] body;
            if (path.equals("/items")) {
                body = ("{\"query\":\"" + exchange.getRequestURI().getQuery() + "\"}").getBytes(StandardCharsets.UTF_8);
                type = "application/json";
            } else if (path.equals("/counter")) {
                body = ("call " + calls.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/image.bin")) {
                body = IMAGE;
                type = "application/octet-stream";
            } else if (path.equals("/events")) {
                status = 201;
                body = "accepted".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                body = "no".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    public static String base(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The cassette the agent writes when the client makes its six requests of the origin at {@code base}. */
    public static Path recorded(Path directory, String base) throws IOException {
        TestCassette cassette = new TestCassette(directory)
                .get(base + "/items?b=2&a=1", "application/json", "{\"query\":\"b=2&a=1\"}");
        for (int call = 1; call <= 3; call++) {
            cassette.get(base + "/counter", "text/plain", "call " + call);
        }
        return cassette
                .exchange("GET", base + "/image.bin", List.of(), null, 200, List.of("Content-Type",
                        "application/octet-stream", "Content-Length", String.valueOf(IMAGE.length)), IMAGE)
                .exchange("POST", base + "/events", List.of("Content-Type", "application/json"),
                        "{\"kind\":\"view\"}".getBytes(StandardCharsets.UTF_8), 201, List.of("Content-Type",
                                "text/plain", "Transfer-Encoding", "chunked"), "accepted".getBytes(StandardCharsets.UTF_8))
                .write("recording");
    }

    /** The bodies of {@link #expected}, in order. */
    public static List<byte[]> expectedBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String answer : expected()) {
            String body = answer.substring(answer.indexOf(' ') + 1);
            bodies.add(body.equals(IMAGE.length + " bytes") ? IMAGE : body.getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    /**
     * WireMock's recorder, in this JVM, saving into {@code root} ({@code mappings/}, {@code __files/}) the six
     * requests {@link #send} makes through it to {@link #origin}, which it stops after; returns the origin's base URL,
     * where the client sent its requests (nothing listens there any more).
     */
    public static String recordThroughWireMock(Path root) throws Exception {
        Files.createDirectories(root.resolve("mappings"));
        Files.createDirectories(root.resolve("__files"));
        HttpServer origin = origin();
        WireMockServer wireMock = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory(root.toString()));
        try {
            wireMock.start();
            wireMock.startRecording(recordSpec().forTarget(base(origin)).makeStubsPersistent(true));
            List<String> answers = send(wireMock.baseUrl(), "b=2&a=1");
            wireMock.stopRecording();
            if (!answers.equals(expected())) {
                throw new IllegalStateException("through WireMock's recorder the client got " + answers);
            }
            return base(origin);
        } finally {
            wireMock.stop();
            origin.stop(0);
        }
    }

    /** Makes the six requests of the server at {@code base}, {@code items} as the query; "status body" each. */
    public static List<String> send(String base, String itemsQuery) throws Exception {
        List<String> answers = new ArrayList<>();
        answers.add(call(base, "GET", "/items?" + itemsQuery, null));
        for (int call = 1; call <= 3; call++) {
            answers.add(call(base, "GET", "/counter", null));
        }
        answers.add(call(base, "GET", "/image.bin", null));
        answers.add(call(base, "POST", "/events", "{\"kind\":\"view\"}"));
        return answers;
    }

    /** One request; its answer as "status body", a binary body as its size when it is {@link #IMAGE}. */
    public static String call(String base, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<byte[]> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = response.body();
        return response.statusCode() + " " + (java.util.Arrays.equals(bytes, IMAGE) ? bytes.length + " bytes"
                : new String(bytes, StandardCharsets.UTF_8));
    }

    private static byte[] image() {
        byte[] bytes = new byte[2048];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
