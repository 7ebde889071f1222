package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cassette whose body file is not what its entry says (shorter, longer, corrupted, a git-LFS pointer) fails the
 * request with netrec's reason, file, expected and found, at once and never hanging, for a client answered
 * in-process (HttpURLConnection) and one answered through the replay server (the JDK HttpClient). No file outside the
 * cassette is read through a body's symbolic link or a certificate reference.
 */
class DamagedCassetteIT {
    private static final String MAIN = ClientMain.class.getName();
    private static final int SIZE = 200_000;
    private static final byte[] BODY = body();

    @TempDir
    Path work;

    @Test
    void intactBodyIsServedWhole() throws Exception {
        Path cassette = cassette(BODY);
        for (String client : List.of("urlconnection", "jdkhttp")) {
            ChildJvm.Result result = replay(cassette, client);
            assertEquals(0, result.exitCode, result.toString());
            assertTrue(result.stdout.contains(SIZE + " bytes sha256 " + sha256(BODY)), result.toString());
        }
    }

    @Test
    void shortBodyFileFailsTheRequestNamingFileExpectedAndFound() throws Exception {
        assertDamageNamed(Arrays.copyOf(BODY, 100_000), "it ends after 100000 bytes");
    }

    @Test
    void longBodyFileFailsTheRequestInsteadOfSendingMoreThanItsLength() throws Exception {
        assertDamageNamed(Arrays.copyOf(BODY, 204_800), "it has 204800 bytes");
    }

    @Test
    void corruptedBodyFileOfTheRightSizeFailsTheRequest() throws Exception {
        byte[] corrupted = BODY.clone();
        corrupted[SIZE - 1] ^= 1;
        assertDamageNamed(corrupted, "its bytes have SHA-256 " + sha256(corrupted));
    }

    @Test
    void gitLfsPointerInPlaceOfTheBodyFailsTheRequest() throws Exception {
        byte[] pointer = ("version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256(BODY) + "\nsize "
                + SIZE + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertDamageNamed(pointer, "it ends after " + pointer.length + " bytes");
    }

    @Test
    void bodyFileThatIsASymbolicLinkIsNotFollowed() throws Exception {
        Path cassette = cassette(BODY);
        Path outside = Files.write(work.resolve("outside"), BODY);
        Path body = cassette.resolve("bodies").resolve(sha256(BODY));
        Files.delete(body);
        Files.createSymbolicLink(body, outside);
        for (String client : List.of("urlconnection", "jdkhttp")) {
            ChildJvm.Result result = replay(cassette, client);
            assertEquals(3, result.exitCode, result.toString());
            assertTrue(result.stdout.startsWith("FAILED: netrec: " + file(cassette) + ":6: body file " + body
                    + " is a symbolic link, and netrec follows none out of a cassette"), result.toString());
        }
    }

    @Test
    void certificateReferenceOutsideTheCassetteIsAnErrorNamingFileAndLine() throws Exception {
        Path cassette = cassette(BODY);
        Files.writeString(file(cassette), Files.readString(file(cassette)).replace("server: {host: h, port: 80}",
                "server: {host: h, port: 80, tls: {protocol: TLSv1.3, cipher-suite: TLS_AES_128_GCM_SHA256, "
                        + "certificates: ../../../outside/evil}}"));
        ChildJvm.Result result = replay(cassette, "urlconnection");
        assertEquals(3, result.exitCode, result.toString());
        assertEquals("FAILED: netrec: " + file(cassette) + ":6: in the entry starting here, 'server.tls.certificates' "
                + "must be the 64-digit lower-case hex SHA-256 naming certificates/<sha256>.pem in the cassette, not "
                + "'../../../outside/evil' (netrec reads no file outside the cassette)\n", result.stdout);
    }

    private void assertDamageNamed(byte[] damaged, String found) throws Exception {
        Path cassette = cassette(damaged);
        Path file = cassette.resolve("bodies").resolve(sha256(BODY));
        String reason = "body file " + file + " is damaged: the cassette expects " + SIZE + " bytes with "
                + "SHA-256 " + sha256(BODY) + ", and " + found;
        for (String client : List.of("urlconnection", "jdkhttp")) {
            long start = System.nanoTime();
            ChildJvm.Result result = replay(cassette, client);
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals(3, result.exitCode, client + " fails the request: " + result);
            assertTrue(seconds < 30, client + " failed at once, not after a timeout: " + seconds + " s");
            assertTrue(result.stdout.startsWith("FAILED: "), result.toString());
            assertTrue(result.stderr.contains("netrec: replay miss: GET http://h:80/big"), result.toString());
            String misses = Files.readString(cassette.resolve(".netrec").resolve("replay-misses.txt"));
            assertTrue(misses.contains("netrec: cannot replay GET http://h:80/big: " + reason), misses);
            assertTrue(result.stdout.startsWith("FAILED: netrec: cannot replay GET http://h:80/big: " + reason),
                    result.toString());
            Files.delete(cassette.resolve(".netrec").resolve("replay-misses.txt"));
        }
    }

    private ChildJvm.Result replay(Path cassette, String client) throws Exception {
        return ChildJvm.withAgent("replay,cassette=" + cassette).main(MAIN, client, "GET http://h:80/big").run(work);
    }

    /** A hand-written cassette whose one response has {@link #BODY}'s size and hash, and {@code file} as its file. */
    private Path cassette(byte[] file) throws Exception {
        Path cassette = work.resolve("cassette");
        Files.createDirectories(cassette.resolve("interactions"));
        Files.createDirectories(cassette.resolve("bodies"));
        Files.write(cassette.resolve("bodies").resolve(sha256(BODY)), file);
        Files.writeString(file(cassette), String.join("\n", "version: 3", "interactions:",
                "  - recorded-at: 2026-11-22T03:10:49Z", "    lookup: h", "    addresses: [192.0.2.7]",
                "  - recorded-at: 2026-11-22T03:10:50Z", "    server: {host: h, port: 80}", "    protocol: http/1.1",
                "    request: {method: GET, uri: 'http://h:80/big'}",
                "    response: {status: 200, reason: OK, headers: {Content-Length: '" + SIZE + "'}, body: {sha256: "
                        + sha256(BODY) + ", size: " + SIZE + "}}",
                "# end of recording", ""));
        return cassette;
    }

    private static Path file(Path cassette) {
        return cassette.resolve("interactions").resolve("hand-written.yaml");
    }

    private static byte[] body() {
        byte[] bytes = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 8));
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
