package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.yaml.CassetteYaml;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.websocket.ChatClientMain;
import netrec.it.websocket.EchoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded and prompt, on generated cassettes: a WebSocket message of 2 GiB fails the client with netrec's reason in a
 * JVM of 256 MB, and no OutOfMemoryError, while an HTTP body of 2 GiB streams to the client whole; a recording file
 * of ten 20 MB single-line bodies loads in well under a minute; and SIGTERM ends a JVM within a second while its
 * cassette is still loading.
 *
 * <p>The JVMs that stream 2 GiB run with the JVM's usual compilers ({@link ChildJvm#usualCompilers()}), their
 * heap as the other tests' JVMs have it: netrec checks a body's SHA-256 the first time it serves it, which C1 alone
 * computes at a tenth of C2's speed (140 against 1,360 MB/s on JDK 17 here; each of these tests took 22 to 29 s with
 * C1 alone, 6 to 18 s with both).
 */
class BoundedAndPromptIT {
    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path work;

    @Test
    void aTwoGibibyteWebSocketMessageFailsTheClientWithNetrecsReasonInA256MegabyteHeap() throws Exception {
        Path cassette = work.resolve("cassette");
        String url;
        try (EchoServer server = EchoServer.start(false)) {
            url = "ws://localhost:" + server.port() + "/chat";
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(ChatClientMain.class.getName(), "jdk", url).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
        }
        long size = 2L << 30;
        String sha256 = zeros(cassette.resolve("bodies"), size);
        Path recording = RecordReplayScenario.onlyRecordingFile(cassette);
        String yaml = Files.readString(recording);
        assertTrue(yaml.contains("        text: push 1\n"), yaml);
        Files.writeString(recording, yaml.replace("        text: push 1\n", "        body:\n          sha256: " + sha256
                + "\n          size: " + size + "\n"));

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette).usualCompilers().jvmOption("-Xmx256m")
                .main(ChatClientMain.class.getName(), "jdk", url).run(work);

        assertEquals(3, replayed.exitCode, replayed.toString());
        assertTrue(replayed.lines().contains("text: echo: hello"), replayed.toString());
        assertTrue(replayed.stdout.contains("netrec: the recorded message of 2147483648 bytes"), replayed.toString());
        assertFalse(replayed.stderr.contains("OutOfMemoryError"), replayed.toString());
    }

    @Test
    void aTwoGibibyteHttpBodyStreamsToClientsInA256MegabyteHeap() throws Exception {
        Path cassette = work.resolve("large-body");
        long size = 2L << 30;
        String sha256 = zeros(cassette.resolve("bodies"), size);
        Path file = cassette.resolve("interactions").resolve("20261124T100000Z-1-0001.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, CassetteYaml.fileStart(AT, 1, "17") + CassetteYaml.entry(new Interaction(AT,
                new Server("localhost", 8081, "127.0.0.1", "", null),
                new RecordedRequest("GET", "http://localhost:8081/large", Headers.none(), Body.empty()),
                new RecordedResponse(200, "OK", Headers.of(List.of(new Headers.Field("Content-Length",
                        String.valueOf(size)))), Body.stored(sha256, size)), "")) + CassetteYaml.FILE_END);

        for (String client : new String[] {"urlconnection", "jdk"}) {
            ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette).usualCompilers().jvmOption("-Xmx256m")
                    .main(CountBody.class.getName(), client, "http://localhost:8081/large").run(work);
            assertEquals(0, replayed.exitCode, client + ": " + replayed);
            assertEquals(List.of("200 " + size + " bytes"), replayed.lines(), client + ": " + replayed);
            assertFalse(replayed.stderr.contains("OutOfMemoryError"), client + ": " + replayed);
        }
    }

    @JdkIndependent("loading a cassette is netrec's reading of files, and this runs the command line, no client")
    @Test
    void tenTwentyMegabyteSingleLineBodiesLoadInUnderAMinute() throws Exception {
        Path cassette = work.resolve("long-lines");
        Path file = cassette.resolve("interactions").resolve("20261124T100000Z-1-0001.yaml");
        Files.createDirectories(file.getParent());
        String line = "0123456789abcdefghijklmnopqrstuvwxyz".repeat((20 << 20) / 36);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(CassetteYaml.fileStart(AT, 1, "17"));
            for (int i = 0; i < 10; i++) {
                out.write(CassetteYaml.entry(new Interaction(AT, new Server("localhost", 8081, "127.0.0.1", "", null),
                        new RecordedRequest("GET", "http://localhost:8081/long/" + i, Headers.none(), Body.empty()),
                        new RecordedResponse(200, "OK", Headers.none(), Body.text(i + line)), "")));
            }
            out.write(CassetteYaml.FILE_END);
        }
        assertTrue(Files.size(file) > 200_000_000, "ten single lines of 20 MB: " + Files.size(file));

        long started = System.nanoTime();
        ChildJvm.Result verify = ChildJvm.netrecCommand("verify", cassette.toString()).jvmOption("-Xmx1g").run(work);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertEquals(0, verify.exitCode, verify.toString());
        assertTrue(verify.stdout.contains("10 interactions"), verify.toString());
        assertTrue(seconds < 60, "loading took " + seconds + " s");
    }

    @Test
    void sigtermEndsTheJvmWithinASecondWhileItsCassetteLoads() throws Exception {
        Path cassette = work.resolve("million");
        writeMillionInteractions(cassette.resolve("interactions").resolve("20261124T100000Z-1-0001.yaml"));
        Process jvm = ChildJvm.withAgent("replay,cassette=" + cassette + ",class-cache=" + work.resolve("cc/classes"))
                .jvmOption("-Xmx2g").main(AskOnce.class.getName(), "http://localhost:8081/a/0").start(work);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("asking", out.readLine());
            Thread.sleep(1000); // well into loading 224 MB of YAML, which takes many seconds
            assertTrue(jvm.isAlive(), "still loading (the program ends as soon as it has its answer)");

            long signalled = System.nanoTime();
            jvm.destroy(); // SIGTERM
            boolean ended = jvm.waitFor(1, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);

            assertTrue(ended, "the JVM did not end within a second of SIGTERM");
            assertEquals(143, jvm.exitValue(), "ended by the signal, " + millis + " ms after it");
        } finally {
            jvm.destroyForcibly();
        }
    }

    /** Says "asking", then fetches its argument and prints the status. */
    public static final class AskOnce {
        private AskOnce() {
        }

        public static void main(String[] args) throws IOException {
            System.out.println("asking");
            System.out.flush();
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) new URL(args[0]).openConnection();
            System.out.println("status " + connection.getResponseCode());
        }
    }

    /** Fetches its second argument with HttpURLConnection or the JDK HttpClient, counting the body's bytes as read. */
    public static final class CountBody {
        private CountBody() {
        }

        public static void main(String[] args) throws Exception {
            byte[] buffer = new byte[1 << 16];
            long count = 0;
            int status;
            java.io.InputStream body;
            if (args[0].equals("jdk")) {
                java.net.http.HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient()
                        .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(args[1])).build(),
                                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
                status = response.statusCode();
                body = response.body();
            } else {
                java.net.HttpURLConnection connection = (java.net.HttpURLConnection) new URL(args[1]).openConnection();
                status = connection.getResponseCode();
                body = connection.getInputStream();
            }
            try (java.io.InputStream in = body) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    count += n;
                }
            }
            System.out.println(status + " " + count + " bytes");
            System.exit(0);
        }
    }

    /** A sparse file of {@code size} zero bytes in {@code bodies}, named by its SHA-256, which is returned. */
    private static String zeros(Path bodies, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        for (long done = 0; done < size; done += block.length) {
            digest.update(block);
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        Files.createDirectories(bodies);
        try (RandomAccessFile file = new RandomAccessFile(bodies.resolve(sha256).toFile(), "rw")) {
            file.setLength(size);
        }
        return sha256;
    }

    /** One recording file of 1,000,000 small interactions (224 MB), as ScaleIT writes it. */
    private static void writeMillionInteractions(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("version: 1\nrecording:\n  started: 2026-11-24T10:00:00Z\n  pid: 1\n  java: 17\ninteractions:\n");
            for (int i = 0; i < 1_000_000; i++) {
                out.write("  - recorded-at: 2026-11-24T10:00:00Z\n    server:\n      host: localhost\n      port: 8081\n"
                        + "      address: 127.0.0.1\n"
                        + "    request:\n      method: GET\n      uri: http://localhost:8081/a/" + i + "\n    response:\n"
                        + "      status: 200\n      reason: OK\n      headers:\n        Content-Length: "
                        + ("item " + i).length() + "\n      body: item " + i + "\n");
            }
            out.write(CassetteYaml.FILE_END);
        }
    }
}
