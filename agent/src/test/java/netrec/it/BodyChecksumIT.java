package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body file served whole once has its CRC32C noted beside the cassette indexes; later JVMs check the file by it
 * instead of hashing it again. Damage found that way fails the request exactly as damage found by SHA-256 does, for a
 * client answered in-process (HttpURLConnection) and one answered through the replay server (the JDK HttpClient).
 * Each test has its own class cache folder, so what is noted is the test's own.
 */
@JdkIndependent("the check and the note are the body store's, in the cassette format; how each client meets a "
        + "damaged body is DamagedCassetteIT's, on both JDKs")
class BodyChecksumIT {
    private static final String MAIN = ClientMain.class.getName();
    private static final int SIZE = 300_000;
    private static final byte[] BODY = body();

    @TempDir
    Path work;

    @Test
    void aBodyServedWholeIsNotedAndAfterwardsCorruptionOfItsFileStillFailsTheRequest() throws Exception {
        Path cassette = cassette(BODY);
        String sha256 = sha256(BODY);
        ChildJvm.Result first = replay(cassette, "urlconnection");
        assertEquals(0, first.exitCode, first.toString());
        assertTrue(first.stdout.contains(SIZE + " bytes sha256 " + sha256), first.toString());
        Path noted = work.resolve("cassette-index").resolve("body-crc32c");
        assertTrue(Files.readString(noted).startsWith(sha256 + " " + SIZE + " "), Files.readString(noted));

        ChildJvm.Result again = replay(cassette, "jdkhttp");
        assertEquals(0, again.exitCode, again.toString());
        assertTrue(again.stdout.contains(SIZE + " bytes sha256 " + sha256), again.toString());

        byte[] corrupted = BODY.clone();
        corrupted[SIZE / 3] ^= 0x10;
        Files.write(cassette.resolve("bodies").resolve(sha256), corrupted);
        assertFailsNaming(cassette, "its bytes have SHA-256 " + sha256(corrupted) + " (the file was changed or "
                + "corrupted)");
        Files.write(cassette.resolve("bodies").resolve(sha256), Arrays.copyOf(BODY, SIZE - 1));
        assertFailsNaming(cassette, "it ends after " + (SIZE - 1) + " bytes");
        Files.write(cassette.resolve("bodies").resolve(sha256), Arrays.copyOf(BODY, SIZE + 1));
        assertFailsNaming(cassette, "it has " + (SIZE + 1) + " bytes (the file is longer)");
    }

    @Test
    void aBodyNeverFoundWholeIsHashedAndNothingIsNotedForADamagedFile() throws Exception {
        byte[] corrupted = BODY.clone();
        corrupted[SIZE - 1] ^= 1;
        Path cassette = cassette(corrupted);
        assertFailsNaming(cassette, "its bytes have SHA-256 " + sha256(corrupted) + " (the file was changed or "
                + "corrupted)");
        Path noted = work.resolve("cassette-index").resolve("body-crc32c");
        assertFalse(Files.exists(noted) && Files.readString(noted).contains(sha256(BODY)),
                "a damaged file is never noted as whole");
    }

    private void assertFailsNaming(Path cassette, String found) throws Exception {
        Path file = cassette.resolve("bodies").resolve(sha256(BODY));
        String reason = "body file " + file + " is damaged: the cassette expects " + SIZE + " bytes with SHA-256 "
                + sha256(BODY) + ", and " + found;
        for (String client : List.of("urlconnection", "jdkhttp")) {
            ChildJvm.Result result = replay(cassette, client);
            assertEquals(3, result.exitCode, client + " fails the request: " + result);
            assertTrue(result.stdout.startsWith("FAILED: netrec: cannot replay GET http://h:80/big: " + reason),
                    client + ": " + result);
            Files.deleteIfExists(cassette.resolve("replay-misses.txt"));
        }
    }

    private ChildJvm.Result replay(Path cassette, String client) throws Exception {
        return ChildJvm.withAgent("replay,cassette=" + cassette + ",class-cache=" + work.resolve("classes"))
                .main(MAIN, client, "GET http://h:80/big").run(work);
    }

    /** A hand-written cassette whose one response has {@link #BODY}'s size and hash, and {@code file} as its file. */
    private Path cassette(byte[] file) throws Exception {
        Path cassette = work.resolve("cassette");
        Files.createDirectories(cassette.resolve("interactions"));
        Files.createDirectories(cassette.resolve("bodies"));
        Files.write(cassette.resolve("bodies").resolve(sha256(BODY)), file);
        Files.writeString(cassette.resolve("interactions").resolve("hand-written.yaml"), String.join("\n",
                "version: 3", "interactions:",
                "  - recorded-at: 2026-11-22T03:10:49Z", "    lookup: h", "    addresses: [192.0.2.7]",
                "  - recorded-at: 2026-11-22T03:10:50Z", "    server: {host: h, port: 80}", "    protocol: http/1.1",
                "    request: {method: GET, uri: 'http://h:80/big'}",
                "    response: {status: 200, reason: OK, headers: {Content-Length: '" + SIZE + "'}, body: {sha256: "
                        + sha256(BODY) + ", size: " + SIZE + "}}",
                "# end of recording", ""));
        return cassette;
    }

    private static byte[] body() {
        byte[] bytes = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            bytes[i] = (byte) (i * 17 + (i >> 7));
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
