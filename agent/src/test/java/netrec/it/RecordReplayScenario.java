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
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.TestServer;
import netrec.it.support.TunnelProxy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record/replay scenario every client must pass, written once. Once per client: one JVM records a set of exchanges
 * against a real server, over plain HTTP and then over HTTPS; the server is stopped; a second JVM replays them with no
 * network (a fresh network namespace with only loopback, where the machine allows it), and last asks for a request
 * the cassette lacks. The tests compare status, headers and body bytes, request by request, and read the miss.
 * Subclasses name the client, and switch on the cases that stand for a kind of client (a CONNECT proxy, replay with
 * not even loopback).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RecordReplayScenario {
    private static final String MAIN = ClientMain.class.getName();
    /** The request the replaying JVM makes last: recorded with no query; the miss must say so. */
    private static final String NOT_RECORDED = "/keepalive/1?a=1";

    /** A directory of each test's own. */
    @TempDir
    Path work;

    private Path cassette;
    private String http;
    private String https;
    private ChildJvm.Result recorded;
    private ChildJvm.Result replayed;
    /** replay-misses.txt as the replaying JVM left it, before any other replay of the cassette. */
    private String missReport;

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

    /**
     * Whether this client stands for one way netrec meets HTTPS through a CONNECT tunnel. There are two: TLS layered
     * on the connected socket ({@code SSLSocketFactory.createSocket(Socket, ...)}: HttpURLConnection for HTTP/1.1,
     * OkHttp for h2 inside; Apache HttpClient 4 and 5 layer it the same way), and an SSLEngine over the tunnel's
     * channel (the JDK HttpClient, h2 inside; Reactor Netty and Jetty drive their SSLEngine over a channel too).
     */
    boolean standsForConnectProxies() {
        return false;
    }

    /** Whether replay answers this client inside the JVM with no socket at all: clients on blocking sockets. */
    boolean answeredWithoutASocket() {
        return false;
    }

    /**
     * Records every exchange over HTTP and HTTPS in one JVM, stops the server, replays them all in another JVM with no
     * network and then asks it for {@link #NOT_RECORDED}.
     */
    @BeforeAll
    void recordOverHttpAndHttpsThenReplayOffline(@TempDir Path shared) throws Exception {
        cassette = shared.resolve("cassette");
        try (TestServer server = TestServer.start(shared.resolve("files"))) {
            http = server.http();
            https = server.https();
            recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(MAIN, client(), everyRequest())
                    .run(shared);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        replayed = replayJvm(cassette).main(MAIN, client(), everyRequest() + "; GET " + http + NOT_RECORDED)
                .run(shared);
        Path misses = cassette.resolve(".netrec").resolve("replay-misses.txt");
        missReport = Files.exists(misses) ? Files.readString(misses) : "(no replay-misses.txt)";
    }

    private String everyRequest() {
        return requests(http) + "; " + requests(https);
    }

    @Test
    void recordingKeepsEveryExchangeAsTheClientSawItWithoutSecrets() throws Exception {
        List<String> expected = new ArrayList<>(expectedLines(http));
        expected.addAll(expectedLines(https));
        assertEquals(expected, recorded.lines(), recorded.toString());
        assertQuiet(recorded.stderr);
        assertNoSecretIn(cassette);
        assertRecordedByTheJdkUnderTest(cassette);
    }

    @Test
    void recordingNamesTheProtocolSpokenOverHttpAndOverHttps() throws Exception {
        assertEquals(Set.of(protocolOverPlainHttp()), protocolsSpokenWith(cassette, http));
        assertEquals(Set.of(protocolOverTls()), protocolsSpokenWith(cassette, https));
    }

    @Test
    void replayServesEveryRecordedExchangeOfflineOverHttp() {
        int count = requests(http).split(";").length;
        assertEquals(recorded.lines().subList(0, count), replayed.lines().subList(0, count), replayed.toString());
    }

    @Test
    void replayServesEveryRecordedExchangeOfflineOverHttps() {
        int count = requests(https).split(";").length;
        assertEquals(recorded.lines().subList(count, 2 * count), replayed.lines().subList(count, 2 * count),
                replayed.toString());
    }

    @Test
    void missFailsWithNetrecExplanationNamingTheNearestInteraction() throws Exception {
        assertEquals(3, replayed.exitCode, replayed.toString());
        int failed = recorded.lines().size();
        assertTrue(replayed.lines().size() > failed && replayed.lines().get(failed).startsWith("FAILED: "),
                "the request after the recorded ones failed: " + replayed);
        String firstLine = "netrec: no recorded interaction matches GET " + http + NOT_RECORDED;
        if (clientExceptionCarriesMissExplanation()) {
            assertEquals("FAILED: " + firstLine, replayed.lines().get(failed), replayed.toString());
        }
        String report = missReport;
        Path recordingFile = onlyRecordingFile(cassette);
        String nearest = http + "/keepalive/1";
        String expected = firstLine + "\n"
                + "  cassette: " + cassette + " (mode replay, " + interactions(recordingFile)
                + " recorded interactions)\n"
                + "  nearest: GET " + nearest + " (" + recordingFile + ":" + interactionLine(recordingFile, nearest)
                + ")\n"
                + "    query differs: not recorded a=1\n"
                + "  to fix: record this request (mode record, or mode update to keep the cassette and add what it "
                + "lacks), or edit the cassette\n\n";
        assertTrue(report.endsWith(expected), "miss report was:\n" + report + "\nexpected it to end with:\n" + expected);
    }

    /**
     * Every request that arrived and failed counts: a client that sends an idempotent request again after its
     * connection failed failed that many times, for one distinct request (HttpURLConnection and the JDK HttpClient
     * send it twice, Apache HttpClient 4 four times: its three retries).
     */
    @Test
    void replaySaysNothingButTheMissAndItsCount() throws IOException {
        String summary = "netrec: replayed " + interactions(onlyRecordingFile(cassette)) + " interactions, ";
        List<String> others = new ArrayList<>();
        boolean missTrace = false;
        for (String line : replayed.stderr.lines().collect(Collectors.toList())) {
            // netrec's own lines about the miss, and a client library's report of it (Apache HttpClient 4 logs its
            // retries, Netty the exception: its message, the explanation's indented lines, its stack trace)
            boolean aboutTheMiss = line.contains(http + NOT_RECORDED) || line.startsWith(summary) || missTrace
                    && (line.startsWith("  ") || line.startsWith("\tat ") || line.startsWith("\t... "));
            missTrace = aboutTheMiss;
            if (!aboutTheMiss) {
                others.add(line);
            }
        }
        assertQuiet(String.join("\n", others));
        assertTrue(Pattern.compile(Pattern.quote(summary) + "1 missed( \\(asked [2-9] times\\))? "
                + "\\(see " + Pattern.quote(cassette + "/.netrec/replay-misses.txt") + "\\)").matcher(replayed.stderr).find(),
                replayed.toString());
    }

    @Test
    @EnabledIf(value = "answeredWithoutASocket", disabledReason = "replay answers this client through its server on "
            + "loopback (see README, Replay)")
    void replayAnswersInsideTheJvmWithNotEvenLoopback() throws Exception {
        assertTrue(ChildJvm.networkNamespacesWork(), "this test needs network namespaces (unshare -n) to take "
                + "loopback away");
        ChildJvm.Result withoutLoopback = ChildJvm.withAgent("replay,cassette=" + cassette).withoutLoopback()
                .main(MAIN, client(), everyRequest()).run(work);

        assertEquals(0, withoutLoopback.exitCode, withoutLoopback.toString());
        assertEquals(recorded.lines(), withoutLoopback.lines());
        assertQuiet(withoutLoopback.stderr);
    }

    @Test
    @EnabledIf(value = "standsForConnectProxies", disabledReason = "netrec meets this client's CONNECT tunnel the "
            + "way it meets HttpURLConnection's, OkHttp's or the JDK HttpClient's, which cover it")
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
        assertEquals(Set.of(protocolOverTls()), protocolsSpokenWith(cassette, base));

        ChildJvm.Result replayed = throughProxy(replayJvm(cassette), proxyPort).main(MAIN, client(), requests)
                .run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(recorded.lines(), replayed.lines());
    }

    /** The shared recording of this client's exchanges (HTTP, then HTTPS), for a subclass's own cases. */
    Path sharedCassette() {
        return cassette;
    }

    /** The HTTPS base URL of the shared recording. */
    String sharedHttps() {
        return https;
    }

    /** What the recording JVM printed, one line per exchange. */
    ChildJvm.Result sharedRecording() {
        return recorded;
    }

    private static ChildJvm throughProxy(ChildJvm jvm, int proxyPort) {
        return jvm.jvmOption("-Dhttps.proxyHost=127.0.0.1").jvmOption("-Dhttps.proxyPort=" + proxyPort)
                .jvmOption("-Dhttp.nonProxyHosts=");
    }

    /** The protocols the cassette names for the interactions whose URI starts with {@code base}. */
    static Set<String> protocolsSpokenWith(Path cassette, String base) throws IOException {
        Set<String> spoken = new TreeSet<>();
        String protocol = null;
        for (String line : Files.readAllLines(onlyRecordingFile(cassette))) {
            if (line.startsWith("  - ")) {
                protocol = null;
            } else if (line.startsWith("    protocol: ")) {
                protocol = line.substring("    protocol: ".length());
            } else if (line.startsWith("      uri: " + base + "/") && protocol != null) {
                spoken.add(protocol);
            }
        }
        return spoken;
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

    /** The line where the first interaction with {@code uri} starts in a recording file. */
    static int interactionLine(Path recordingFile, String uri) throws IOException {
        List<String> lines = Files.readAllLines(recordingFile);
        int entry = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("  - ")) {
                entry = i + 1;
            } else if (lines.get(i).equals("      uri: " + uri) && entry > 0) {
                return entry;
            }
        }
        throw new AssertionError("no interaction with " + uri + " in " + recordingFile);
    }

    /** How many HTTP interactions (not DNS answers) a recording file holds. */
    static long interactions(Path recordingFile) throws IOException {
        return Files.readAllLines(recordingFile).stream().filter(line -> line.startsWith("      uri: ")).count();
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

    /**
     * Every file of {@code cassette} as ISO-8859-1 text, each turn the YAML keeps in base64 decoded beside it: what
     * anyone holding the cassette can read.
     */
    static String everythingIn(Path cassette) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(cassette)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                all.append(text);
                Matcher base64 = Pattern.compile("base64: ([A-Za-z0-9+/=]+)").matcher(text);
                while (base64.find()) {
                    all.append('\n').append(new String(Base64.getDecoder().decode(base64.group(1)),
                            StandardCharsets.ISO_8859_1));
                }
            }
        }
        return all.toString();
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
