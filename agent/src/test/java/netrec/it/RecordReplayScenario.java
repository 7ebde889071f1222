package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.TestServer;
import netrec.it.support.TunnelProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record/replay scenario every blocking client must pass, written once: record a set of exchanges against a
 * real server in one JVM, stop the server, and replay them in a second JVM with no network (a fresh network
 * namespace with only loopback, where the machine allows it), then compare status, headers and body bytes.
 * Subclasses name the client.
 */
abstract class RecordReplayScenario {
    private static final String MAIN = ClientMain.class.getName();

    @TempDir
    Path work;

    /** The client name {@link netrec.it.client.ClientUnderTest#named} knows. */
    abstract String client();

    /**
     * Whether the client's exception carries netrec's explanation of a miss (as its message or a cause). A client
     * that turns read errors into a plain end of stream cannot; stderr and the miss report still say it all.
     */
    boolean clientExceptionCarriesMissExplanation() {
        return true;
    }

    /**
     * The protocol the client speaks to the test server over TLS, as the cassette names it: {@code h2} for a client
     * that offers it in ALPN (the server, Jetty under WireMock, accepts it).
     */
    String protocolOverTls() {
        return "http/1.1";
    }

    /** The protocol the client speaks over plain HTTP: {@code h2} for one that knows beforehand the server has it. */
    String protocolOverPlainHttp() {
        return "http/1.1";
    }

    @Test
    void replayServesEveryRecordedExchangeOfflineOverHttp() throws Exception {
        recordThenReplay(false);
    }

    @Test
    void replayServesEveryRecordedExchangeOfflineOverHttps() throws Exception {
        recordThenReplay(true);
    }

    @Test
    void missFailsWithNetrecExplanationNamingTheNearestInteraction() throws Exception {
        Path cassette = work.resolve("cassette");
        String base;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = server.http();
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(MAIN, client(), "GET " + base + "/json; GET " + base + "/keepalive/1").run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
        }
        ChildJvm.Result replayed = replayJvm(cassette).main(MAIN, client(), "GET " + base + "/not-recorded?a=1")
                .run(work);

        assertEquals(3, replayed.exitCode, replayed.toString());
        String firstLine = "netrec: no recorded interaction matches GET " + base + "/not-recorded?a=1";
        if (clientExceptionCarriesMissExplanation()) {
            assertTrue(replayed.stdout.startsWith("FAILED: " + firstLine), replayed.toString());
        }
        String report = Files.readString(cassette.resolve("replay-misses.txt"));
        Path recordingFile = onlyRecordingFile(cassette);
        String expected = firstLine + "\n"
                + "  cassette: " + cassette + " (mode replay, 2 recorded interactions)\n"
                + "  nearest: GET " + base + "/json (" + recordingFile + ":" + firstInteractionLine(recordingFile) + ")\n"
                + "    path is /not-recorded, recorded /json\n"
                + "    query differs: not recorded a=1\n"
                + "  to fix: record this request (mode record, or mode update to keep the cassette and add what it "
                + "lacks), or edit the cassette\n\n";
        assertTrue(report.endsWith(expected), "miss report was:\n" + report);
        // every request that arrived and failed counts: a client that sends an idempotent request again after its
        // connection failed failed that many times, for one distinct request (HttpURLConnection and the JDK
        // HttpClient send it twice, Apache HttpClient 4 four times: its three retries)
        assertTrue(replayed.stderr.contains("netrec: replayed 0 interactions, 1 missed (see " + cassette
                + "/replay-misses.txt)") || Pattern.compile("netrec: replayed 0 interactions, [2-9] missed \\(1 "
                + "distinct requests\\) \\(see " + Pattern.quote(cassette + "/replay-misses.txt") + "\\)")
                .matcher(replayed.stderr).find(), replayed.toString());
    }

    @Test
    void replayServesHttpsRecordedThroughAConnectProxy() throws Exception {
        Path cassette = work.resolve("cassette");
        String base;
        String requests;
        ChildJvm.Result recorded;
        int proxyPort;
        try (TestServer server = TestServer.start(work.resolve("files")); TunnelProxy proxy = new TunnelProxy()) {
            base = server.https();
            proxyPort = proxy.port();
            requests = "GET " + base + "/json; GET " + base + "/keepalive/1";
            recorded = throughProxy(ChildJvm.withAgent("record,cassette=" + cassette), proxyPort)
                    .main(MAIN, client(), requests).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertTrue(proxy.tunnels() > 0, "the client went through the proxy");
        }
        String yaml = Files.readString(onlyRecordingFile(cassette));
        assertTrue(yaml.contains("uri: " + base + "/json"), yaml);
        assertTrue(yaml.contains("via: 127.0.0.1:" + proxyPort), yaml);
        assertSpoken(cassette, protocolOverTls());

        ChildJvm.Result replayed = throughProxy(replayJvm(cassette), proxyPort).main(MAIN, client(), requests)
                .run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(recorded.lines(), replayed.lines());
    }

    private static ChildJvm throughProxy(ChildJvm jvm, int proxyPort) {
        return jvm.jvmOption("-Dhttps.proxyHost=127.0.0.1").jvmOption("-Dhttps.proxyPort=" + proxyPort)
                .jvmOption("-Dhttp.nonProxyHosts=");
    }

    private void recordThenReplay(boolean tls) throws Exception {
        Path cassette = work.resolve("cassette");
        String base;
        ChildJvm.Result recorded;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = tls ? server.https() : server.http();
            recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(MAIN, client(), requests(base))
                    .run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertEquals(expectedLines(base), recorded.lines(), recorded.toString());
            assertQuiet(recorded.stderr);
        }
        assertNoSecretIn(cassette);
        assertRecordedByTheJdkUnderTest(cassette);
        assertSpoken(cassette, tls ? protocolOverTls() : protocolOverPlainHttp());

        ChildJvm.Result replayed = replayJvm(cassette).main(MAIN, client(), requests(base)).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(recorded.lines(), replayed.lines());
        assertQuiet(replayed.stderr);
    }

    /** Every interaction of the cassette was recorded in {@code protocol}. */
    static void assertSpoken(Path cassette, String protocol) throws IOException {
        List<String> spoken = Files.readAllLines(onlyRecordingFile(cassette)).stream()
                .filter(line -> line.startsWith("    protocol: ")).distinct().collect(Collectors.toList());
        assertEquals(List.of("    protocol: " + protocol), spoken);
    }

    /**
     * A normal run prints nothing of netrec's, and nothing the JVM prints because of netrec (class data sharing turned
     * off by a boot class path, Unsafe warnings of Byte Buddy). What the application's own libraries say is theirs
     * (Netty warns in a network namespace that it finds no hardware address, and on JDK 25 about its own Unsafe use).
     */
    static void assertQuiet(String stderr) {
        for (String line : stderr.lines().collect(Collectors.toList())) {
            assertFalse(line.contains("netrec") || line.contains("Sharing is only supported")
                    || line.contains("bytebuddy"), "unexpected on stderr: " + stderr);
        }
    }

    /** The line where the first HTTP interaction of a recording file starts (lookups may come before it). */
    static int firstInteractionLine(Path recordingFile) throws IOException {
        List<String> lines = Files.readAllLines(recordingFile);
        for (int i = 0; i + 1 < lines.size(); i++) {
            String next = lines.get(i + 1);
            if (lines.get(i).startsWith("  - recorded-at:")
                    && (next.startsWith("    connection:") || next.startsWith("    server:"))) {
                return i + 1;
            }
        }
        throw new AssertionError("no interaction in " + recordingFile);
    }

    /** A JVM that replays: in a network namespace with only loopback when possible; the server is stopped anyway. */
    static ChildJvm replayJvm(Path cassette) {
        ChildJvm jvm = ChildJvm.withAgent("replay,cassette=" + cassette);
        return ChildJvm.networkNamespacesWork() ? jvm.offline() : jvm;
    }

    /** The exchanges every scenario records and replays, for {@code ClientMain}. */
    static String requests(String base) {
        return String.join("; ",
                "GET " + base + "/json",
                "GET " + base + "/binary",
                "GET " + base + "/gzip header:Accept-Encoding=gzip",
                "GET " + base + "/chunked",
                "POST " + base + "/echo body:name=netrec&n=1",
                "GET " + base + "/redirect",
                "GET " + base + "/keepalive/1",
                "GET " + base + "/keepalive/2",
                "GET " + base + "/keepalive/3",
                "GET " + base + "/secret header:Authorization=Bearer+" + TestServer.SECRET_TOKEN);
    }

    private static List<String> expectedLines(String base) {
        String json = "{content-type=application/json, x-scenario=json} " + described(TestServer.JSON.getBytes(
                StandardCharsets.UTF_8));
        String small = "{content-type=text/plain, x-scenario=small} " + described("small body".getBytes(
                StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        lines.add("GET " + base + "/json -> 200 " + json);
        lines.add("GET " + base + "/binary -> 200 {content-type=application/octet-stream} "
                + described(TestServer.binary()));
        lines.add("GET " + base + "/gzip -> 200 {content-encoding=gzip, content-type=text/plain} "
                + described(TestServer.gzip()));
        lines.add("GET " + base + "/chunked -> 200 {content-type=text/plain} "
                + described("chunk of text\n".repeat(8000).getBytes(StandardCharsets.UTF_8)));
        lines.add("POST " + base + "/echo -> 201 {content-type=text/plain} "
                + described("created name=netrec".getBytes(StandardCharsets.UTF_8)));
        lines.add("GET " + base + "/redirect -> 200 " + json);
        for (int i = 1; i <= 3; i++) {
            lines.add("GET " + base + "/keepalive/" + i + " -> 200 " + small);
        }
        lines.add("GET " + base + "/secret -> 200 {content-type=text/plain} "
                + described("welcome".getBytes(StandardCharsets.UTF_8)));
        return lines;
    }

    private static String described(byte[] body) {
        try {
            return body.length + " bytes sha256 " + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertNoSecretIn(Path cassette) throws IOException {
        boolean sawPlaceholder = false;
        try (Stream<Path> files = Files.walk(cassette)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(TestServer.SECRET_TOKEN), "the Authorization value reached " + file);
                assertFalse(content.contains(TestServer.SECRET_COOKIE), "the Set-Cookie value reached " + file);
                sawPlaceholder |= content.contains("<redacted by netrec>");
            }
        }
        assertTrue(sawPlaceholder, "redacted headers are kept, with a placeholder value");
    }

    /** The child JVMs run the JDK this test execution is for ({@code netrec.test.java}), not the one running Maven. */
    private static void assertRecordedByTheJdkUnderTest(Path cassette) throws IOException {
        Path javaHome = Path.of(ChildJvm.javaExecutable()).getParent().getParent();
        String release = Files.readAllLines(javaHome.resolve("release")).stream()
                .filter(line -> line.startsWith("JAVA_VERSION=")).findFirst().orElseThrow();
        String version = release.substring("JAVA_VERSION=".length()).replace("\"", "");
        String yaml = Files.readString(onlyRecordingFile(cassette));
        assertTrue(yaml.matches("(?s).*\\n  java: \"?" + java.util.regex.Pattern.quote(version) + "\"?\\n.*"),
                "recorded by JDK " + version + ":\n" + yaml.substring(0, 120));
    }

    static Path onlyRecordingFile(Path cassette) throws IOException {
        try (Stream<Path> files = Files.list(cassette.resolve("interactions"))) {
            List<Path> all = files.collect(Collectors.toList());
            assertEquals(1, all.size(), "recording files: " + all);
            return all.get(0);
        }
    }
}
