package netrec.tools.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import netrec.testing.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} checks everything replay reads, and exits 1 on any problem; a folder, cassette by cassette. */
class VerifyToolTest {
    private static final byte[] BODY = "a stored body\u0000".getBytes(StandardCharsets.UTF_8);
    private static final String CHAIN = "c".repeat(64);

    @TempDir
    Path work;

    private ToolRun run;

    @Test
    void aWholeCassettePasses() throws Exception {
        Path cassette = cassette();
        assertEquals(0, verify(cassette), output());
        assertTrue(output().endsWith("1 interactions, 1 body file references, 0 problems\n"), output());
    }

    @Test
    void aDamagedBodyFileIsAProblem() throws Exception {
        Path cassette = cassette();
        Files.write(cassette.resolve("bodies").resolve(sha256(BODY)), new byte[] {1, 2});
        assertEquals(1, verify(cassette), output());
        assertTrue(output().contains("problem: " + recording(cassette) + ":6: body file "), output());
    }

    @Test
    void aMissingCertificateChainIsAProblem() throws Exception {
        Path cassette = cassette();
        Files.delete(cassette.resolve("certificates").resolve(CHAIN + ".pem"));
        assertEquals(1, verify(cassette), output());
        assertTrue(output().contains("problem: " + recording(cassette) + ":6: the certificate chain "
                + cassette.resolve("certificates").resolve(CHAIN + ".pem") + " is missing"), output());
    }

    @Test
    void aCertificateChainThatIsALinkOutsideIsAProblem() throws Exception {
        Path cassette = cassette();
        Path pem = cassette.resolve("certificates").resolve(CHAIN + ".pem");
        Path outside = Files.move(pem, work.resolve("outside.pem"));
        Files.createSymbolicLink(pem, outside);
        assertEquals(1, verify(cassette), output());
        assertTrue(output().contains("is a symbolic link"), output());
    }

    @Test
    void aMalformedRuleIsAProblem() throws Exception {
        Path cassette = cassette();
        Files.writeString(cassette.resolve("rules.yaml"), "version: 1\nrules:\n  - body: yaml\n");
        assertEquals(1, verify(cassette), output());
        assertTrue(output().contains("problem: " + cassette.resolve("rules.yaml") + ":3: "), output());
    }

    @Test
    void aMalformedEntryIsAProblemNamingFileAndLine() throws Exception {
        Path cassette = cassette();
        Files.writeString(recording(cassette), Files.readString(recording(cassette)).replace("status: 200",
                "status: ok"));
        assertEquals(1, verify(cassette), output());
        assertTrue(output().contains("problem: " + recording(cassette) + ":6: in the entry starting here, 'status'"),
                output());
    }

    @Test
    void aKilledRecordingsCutLastEntryIsAWarningOnly() throws Exception {
        Path cassette = cassette();
        String text = Files.readString(recording(cassette)).replace("# end of recording\n", "");
        Files.writeString(recording(cassette), text + text.substring(text.indexOf("  - recorded-at"),
                text.indexOf("    response:")));
        assertEquals(0, verify(cassette), output());
        assertTrue(output().contains("warning: " + recording(cassette) + " was not closed by its recorder"), output());
        assertTrue(output().endsWith("1 interactions, 1 body file references, 0 problems\n"), output());
    }

    @Test
    void aMissingCassetteSaysSo() {
        Path nowhere = work.resolve("nowhere");
        assertEquals(1, verify(nowhere));
        assertEquals("netrec: " + nowhere + " is not a cassette directory (it does not exist)\n", run.err());
    }

    @Test
    void aFolderOfCassettesIsVerifiedCassetteByCassetteAndFailsWhenOneHasAProblem() throws Exception {
        Path whole = cassette(work.resolve("resources/netrec/ATest/whole"));
        Path damaged = cassette(work.resolve("resources/netrec/BTest/damaged"));
        Files.write(damaged.resolve("bodies").resolve(sha256(BODY)), new byte[] {1, 2});

        assertEquals(1, verify(work.resolve("resources")), output());
        assertTrue(output().startsWith(whole + ":\n1 interactions, 1 body file references, 0 problems\n\n"
                + damaged + ":\nproblem: " + recording(damaged) + ":6: body file "), output());
        assertTrue(output().endsWith("1 interactions, 1 body file references, 1 problems\n\n"
                + "2 cassettes: 2 interactions, 2 body file references, 1 problems\n"), output());
    }

    @Test
    void aFolderOfWholeCassettesPasses() throws Exception {
        cassette(work.resolve("resources/netrec/ATest/one"));
        cassette(work.resolve("resources/netrec/ATest/two"));

        assertEquals(0, verify(work.resolve("resources")), output());
        assertTrue(output().endsWith("\n2 cassettes: 2 interactions, 2 body file references, 0 problems\n"),
                output());
    }

    private int verify(Path cassette) {
        run = ToolRun.of(new VerifyTool(), cassette.toString());
        return run.status();
    }

    private String output() {
        return run.out() + run.err();
    }

    private static Path recording(Path cassette) {
        return cassette.resolve("interactions").resolve("r.yaml");
    }

    /** A recorder's file with one interaction over TLS: a stored response body, a certificate chain. */
    private Path cassette() throws Exception {
        return cassette(work.resolve("cassette"));
    }

    private static Path cassette(Path cassette) throws Exception {
        Files.createDirectories(cassette.resolve("interactions"));
        Files.createDirectories(cassette.resolve("bodies"));
        Files.createDirectories(cassette.resolve("certificates"));
        Files.write(cassette.resolve("bodies").resolve(sha256(BODY)), BODY);
        Files.writeString(cassette.resolve("certificates").resolve(CHAIN + ".pem"), TEST_CERTIFICATE);
        Files.writeString(recording(cassette), String.join("\n", "version: 3", "recording:",
                "  started: 2026-11-22T03:10:49Z", "  pid: 1", "interactions:",
                "  - recorded-at: 2026-11-22T03:10:50Z",
                "    server: {host: h, port: 443, tls: {protocol: TLSv1.3, cipher-suite: TLS_AES_128_GCM_SHA256, "
                        + "certificates: " + CHAIN + "}}",
                "    protocol: http/1.1", "    request: {method: GET, uri: 'https://h:443/b'}",
                "    response:", "      status: 200",
                "      body: {sha256: " + sha256(BODY) + ", size: " + BODY.length + "}",
                "# end of recording", ""));
        return cassette;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A self-signed certificate for CN=h (generated once with keytool; it is only parsed, never trusted). */
    private static final String TEST_CERTIFICATE = String.join("\n",
            "-----BEGIN CERTIFICATE-----",
            "MIIBMTCB2KADAgECAgkA66d9+bWOAbswCgYIKoZIzj0EAwIwDDEKMAgGA1UEAxMB",
            "aDAgFw0yNjEyMDQwNjA0MTRaGA8yMTI2MTExMDA2MDQxNFowDDEKMAgGA1UEAxMB",
            "aDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABD89Kvwdcwq+AJ+jjszH/1uF1yU+",
            "eTT2ZZqW63d6bnPMsUCsI8U7mfcmNmc6/AreyAY175DgaeJSHUaYdWwUUXOjITAf",
            "MB0GA1UdDgQWBBQ2hJJzh+fokdNbzwCqfSMZ+0mHSzAKBggqhkjOPQQDAgNIADBF",
            "AiAvs9H9eSWWb8Qh7eEfakFw1l6X2nHCVWoUtwFkSsaI5QIhAIXkF9Tza8svpjl3",
            "/4W+9nqnwFqhmsrr/ewWME8FYLHC",
            "-----END CERTIFICATE-----",
            "");
}
