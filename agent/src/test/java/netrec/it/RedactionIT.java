package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With netrec's default redaction, a recording against a stand-in API holds none of the secrets its client sent
 * (headers, query parameters, form and JSON fields) nor the one the server echoed, and it replays offline, also for
 * a client that sends other secret values.
 */
@JdkIndependent("redaction is the recorder's, on parsed requests; the traffic is HttpURLConnection's over plain HTTP, "
        + "which UrlConnectionRecordReplayIT records and replays on both JDKs")
class RedactionIT {
    private static final String MAIN = ClientMain.class.getName();

    @TempDir
    Path work;

    @Test
    void noSecretReachesTheCassetteAndTheRedactedRequestsStillReplay() throws Exception {
        Path cassette = work.resolve("cassette");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] sent = exchange.getRequestBody().readAllBytes();
            String answer = exchange.getRequestURI().getPath().equals("/echo")
                    ? "you sent " + exchange.getRequestURI().getRawQuery()
                    : "got " + sent.length + " bytes of " + exchange.getRequestHeaders().getFirst("Content-Type");
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String base = "http://localhost:" + server.getAddress().getPort();
        List<String> secrets = List.of("key-from-header-1111", "token-from-header-2222", "bearer-secret-3333",
                "query-api-key-4444", "query-access-token-5555", "form-password-6666", "json-password-7777",
                "json-client-secret-8888");
        ChildJvm.Result recorded;
        try {
            recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(MAIN, "urlconnection",
                    requests(base, secrets)).run(work);
        } finally {
            server.stop(0);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.stdout.contains("query-api-key-4444"), "the server did echo the secret: " + recorded);
        try (Stream<Path> files = Files.walk(cassette)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertFalse(content.contains(secret), secret + " reached " + file + ":\n" + content);
                }
            }
        }

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette).main(MAIN, "urlconnection",
                requests(base, secrets)).run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(lines(recorded.stdout, 1, 3), lines(replayed.stdout, 1, 3), "the non-echo answers replay as "
                + "recorded");
        assertTrue(replayed.stdout.startsWith("GET " + base + "/echo?"), replayed.stdout);
        assertTrue(replayed.stdout.lines().allMatch(line -> line.contains(" -> 200 ")), replayed.stdout);

        List<String> otherSecrets = secrets.stream().map(s -> s.replaceAll("[0-9]{4}$", "9090"))
                .collect(Collectors.toList());
        ChildJvm.Result otherValues = RecordReplayScenario.replayJvm(cassette).main(MAIN, "urlconnection",
                requests(base, otherSecrets)).run(work);
        assertEquals(0, otherValues.exitCode, "redacted values match any value: " + otherValues);
    }

    private static String requests(String base, List<String> s) {
        return String.join("; ",
                "GET " + base + "/echo?api_key=" + s.get(3) + "&access_token=" + s.get(4) + "&page=2 header:X-Api-Key="
                        + s.get(0) + " header:X-Auth-Token=" + s.get(1) + " header:Authorization=Bearer+" + s.get(2),
                "POST " + base + "/login header:Content-Type=application/x-www-form-urlencoded body:user=me&password="
                        + s.get(5),
                "POST " + base + "/api header:Content-Type=application/json body:{\"user\":\"me\",\"password\":\""
                        + s.get(6) + "\",\"app\":{\"client_secret\":\"" + s.get(7) + "\"}}",
                "GET http://user:" + s.get(6) + "@localhost:" + base.substring(base.lastIndexOf(':') + 1) + "/plain");
    }

    private static List<String> lines(String text, int from, int to) {
        return text.lines().collect(Collectors.toList()).subList(from, to);
    }
}
