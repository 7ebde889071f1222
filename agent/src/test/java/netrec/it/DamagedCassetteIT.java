package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cassette whose body file is not what its entry says (shorter, longer, corrupted, a git-LFS pointer, a symbolic
 * link out of the cassette) fails the request with netrec's reason, file, expected and found, at once and never
 * hanging, for a client answered in-process (HttpURLConnection) and one answered through the replay server (the JDK
 * HttpClient); the intact body beside them is served whole. One hand-written cassette holds every damaged body, and
 * each client asks for all of them in one replaying JVM that goes on past a failed request; a body file that is a
 * symbolic link fails the whole cassette as it loads, so it has a cassette of its own. The body store's checks are
 * {@code BodyStoreTest}'s, in process; a certificate reference out of the cassette is {@code ExactLoadingTest}'s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DamagedCassetteIT {
    private static final String MAIN = ClientMain.class.getName();
    private static final List<String> CLIENTS = List.of("urlconnection", "jdkhttp");
    private static final int SIZE = 200_000;

    private final Map<String, byte[]> expectedBodies = new LinkedHashMap<>();
    private final Map<String, ChildJvm.Result> replays = new LinkedHashMap<>();
    private final Map<String, Long> seconds = new LinkedHashMap<>();
    private final Map<String, String> missReports = new LinkedHashMap<>();
    private final Map<String, ChildJvm.Result> linkedReplays = new LinkedHashMap<>();
    private Path cassette;
    private Path linked;

    @BeforeAll
    void replayEveryDamageThroughBothKindsOfClient(@TempDir Path work) throws Exception {
        cassette = cassette(work.resolve("cassette"), List.of("intact", "short", "long", "corrupted", "lfs"));
        write(cassette, "intact", expectedBodies.get("intact"));
        write(cassette, "short", Arrays.copyOf(expectedBodies.get("short"), 100_000));
        write(cassette, "long", Arrays.copyOf(expectedBodies.get("long"), 204_800));
        byte[] corrupted = expectedBodies.get("corrupted").clone();
        corrupted[SIZE - 1] ^= 1;
        write(cassette, "corrupted", corrupted);
        write(cassette, "lfs", lfsPointer(expectedBodies.get("lfs")));
        linked = cassette(work.resolve("linked"), List.of("link"));
        Files.createSymbolicLink(bodyFile(linked, "link"), Files.write(work.resolve("outside"),
                expectedBodies.get("link")));

        StringBuilder requests = new StringBuilder();
        for (String path : List.of("intact", "short", "long", "corrupted", "lfs")) {
            requests.append("GET http://h:80/").append(path).append("; ");
        }
        for (String client : CLIENTS) {
            long start = System.nanoTime();
            replays.put(client, ChildJvm.withAgent("replay,cassette=" + cassette).jvmOption("-Dclient.keep.going=true")
                    .main(MAIN, client, requests.toString()).run(work));
            seconds.put(client, (System.nanoTime() - start) / 1_000_000_000L);
            Path misses = cassette.resolve(".netrec").resolve("replay-misses.txt");
            missReports.put(client, Files.exists(misses) ? Files.readString(misses) : "(no replay-misses.txt)");
            Files.deleteIfExists(misses);
            linkedReplays.put(client, ChildJvm.withAgent("replay,cassette=" + linked)
                    .main(MAIN, client, "GET http://h:80/link").run(work));
        }
    }

    /** A hand-written cassette with one response of {@link #SIZE} bytes for each of {@code paths}, no body file yet. */
    private Path cassette(Path cassette, List<String> paths) throws Exception {
        Files.createDirectories(cassette.resolve("interactions"));
        Files.createDirectories(cassette.resolve("bodies"));
        List<String> entries = new ArrayList<>(List.of("version: 3", "interactions:",
                "  - recorded-at: 2026-11-22T03:10:49Z", "    lookup: h", "    addresses: [192.0.2.7]"));
        for (String path : paths) {
            byte[] body = body(expectedBodies.size());
            expectedBodies.put(path, body);
            entries.addAll(List.of("  - recorded-at: 2026-11-22T03:10:50Z", "    server: {host: h, port: 80}",
                    "    protocol: http/1.1", "    request: {method: GET, uri: 'http://h:80/" + path + "'}",
                    "    response: {status: 200, reason: OK, headers: {Content-Length: '" + SIZE + "'}, body: {sha256: "
                            + sha256(body) + ", size: " + SIZE + "}}"));
        }
        entries.addAll(List.of("# end of recording", ""));
        Files.writeString(file(cassette), String.join("\n", entries));
        return cassette;
    }

    @Test
    void everyDamagedBodyFailsItsRequestAtOnceNotAfterATimeout() {
        for (String client : CLIENTS) {
            ChildJvm.Result result = replays.get(client);
            assertEquals(3, result.exitCode, client + " fails the damaged requests: " + result);
            assertEquals(5, result.lines().size(), "one line per request: " + result);
            assertTrue(seconds.get(client) < 30, client + " failed at once, not after a timeout: " + seconds.get(client)
                    + " s for 5 requests");
        }
    }

    @Test
    void intactBodyIsServedWhole() throws Exception {
        for (String client : CLIENTS) {
            String line = line(client, "intact");
            assertTrue(line.startsWith("GET http://h:80/intact -> 200 ") && line.endsWith(" " + SIZE + " bytes sha256 "
                    + sha256(expectedBodies.get("intact"))), replays.get(client).toString());
        }
    }

    @Test
    void shortBodyFileFailsTheRequestNamingFileExpectedAndFound() throws Exception {
        assertDamageNamed("short", "it ends after 100000 bytes");
    }

    @Test
    void longBodyFileFailsTheRequestInsteadOfSendingMoreThanItsLength() throws Exception {
        assertDamageNamed("long", "it has 204800 bytes");
    }

    @Test
    void corruptedBodyFileOfTheRightSizeFailsTheRequest() throws Exception {
        byte[] corrupted = expectedBodies.get("corrupted").clone();
        corrupted[SIZE - 1] ^= 1;
        assertDamageNamed("corrupted", "its bytes have SHA-256 " + sha256(corrupted));
    }

    @Test
    void gitLfsPointerInPlaceOfTheBodyFailsTheRequest() throws Exception {
        assertDamageNamed("lfs", "it ends after " + lfsPointer(expectedBodies.get("lfs")).length + " bytes");
    }

    @Test
    void bodyFileThatIsASymbolicLinkIsNotFollowed() throws Exception {
        for (String client : CLIENTS) {
            ChildJvm.Result result = linkedReplays.get(client);
            assertEquals(3, result.exitCode, result.toString());
            assertTrue(result.stdout.startsWith("FAILED: netrec: " + file(linked) + ":6: body file "
                    + bodyFile(linked, "link") + " is a symbolic link, and netrec follows none out of a cassette"),
                    client + ": " + result);
        }
    }

    private void assertDamageNamed(String path, String found) throws Exception {
        String reason = "netrec: cannot replay GET http://h:80/" + path + ": body file " + bodyFile(cassette, path)
                + " is damaged: the cassette expects " + SIZE + " bytes with SHA-256 "
                + sha256(expectedBodies.get(path)) + ", and " + found;
        for (String client : CLIENTS) {
            ChildJvm.Result result = replays.get(client);
            assertTrue(line(client, path).startsWith("FAILED: " + reason), client + ": " + result);
            assertTrue(result.stderr.contains("netrec: replay miss: GET http://h:80/" + path), client + ": " + result);
            assertTrue(missReports.get(client).contains(reason), client + ": " + missReports.get(client));
        }
    }

    /** What {@code client} printed for its request of {@code path} (the requests go in the cassette's order). */
    private String line(String client, String path) {
        int index = new ArrayList<>(expectedBodies.keySet()).indexOf(path);
        List<String> lines = replays.get(client).lines();
        return index < lines.size() ? lines.get(index) : "(nothing printed for " + path + ")";
    }

    private static Path file(Path cassette) {
        return cassette.resolve("interactions").resolve("hand-written.yaml");
    }

    private Path bodyFile(Path cassette, String path) throws Exception {
        return cassette.resolve("bodies").resolve(sha256(expectedBodies.get(path)));
    }

    private void write(Path cassette, String path, byte[] bytes) throws Exception {
        Files.write(bodyFile(cassette, path), bytes);
    }

    private static byte[] lfsPointer(byte[] body) throws Exception {
        return ("version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256(body) + "\nsize " + SIZE + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** {@link #SIZE} bytes, different for each {@code seed}. */
    private static byte[] body(int seed) {
        byte[] bytes = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 8) + seed * 7);
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
