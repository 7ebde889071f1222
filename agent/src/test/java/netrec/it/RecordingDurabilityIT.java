package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.cassette.Cassette;
import netrec.cassette.Interaction;
import netrec.cassette.yaml.CassetteReader;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.support.MeasuresTime;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cassette survives: several JVMs recording into it at once, and a recording JVM killed with SIGKILL (whose
 * recording attempt keeps all it recorded but its last 200 ms, and which never replaces the cassette).
 */
@MeasuresTime
@JdkIndependent("the recorder's queue, writer thread and recording files; the traffic is HttpURLConnection's over "
        + "plain HTTP, which UrlConnectionRecordReplayIT records on both JDKs")
class RecordingDurabilityIT {
    private static final String MAIN = ClientMain.class.getName();

    @TempDir
    Path work;

    /**
     * Both JVMs record at once: the server holds each one's first answer until both have asked (a JVM that started
     * late, under load, could otherwise finish its recording before the other began one, and a recording replaces
     * what was recorded before it began).
     */
    @Test
    void twoJvmsRecordingIntoOneCassetteAtOnceLoseNothing() throws Exception {
        Path cassette = work.resolve("cassette");
        Set<String> expected = new TreeSet<>();
        CountDownLatch bothAsked = new CountDownLatch(2);
        HttpServer server = pathEchoingServer("/c/", () -> {
            bothAsked.countDown();
            try {
                bothAsked.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        String base = "http://localhost:" + server.getAddress().getPort();
        List<String> said = new ArrayList<>();
        try {
            List<Process> jvms = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                StringBuilder requests = new StringBuilder();
                for (int i = 1; i <= 60; i++) {
                    String uri = base + "/c/" + name + "/" + i;
                    requests.append("GET ").append(uri).append("; ");
                    expected.add(uri);
                }
                jvms.add(ChildJvm.withAgent("record,log=info,cassette=" + cassette)
                        .main(MAIN, "urlconnection", requests.toString()).start(work));
            }
            for (Process jvm : jvms) {
                jvm.getInputStream().readAllBytes();
                assertTrue(jvm.waitFor(2, TimeUnit.MINUTES));
                said.add(new String(jvm.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                assertEquals(0, jvm.exitValue(), said.get(said.size() - 1));
            }
        } finally {
            server.stop(0);
        }
        Cassette loaded = new CassetteReader(warning -> { throw new AssertionError(warning); }).load(cassette);
        Set<String> recorded = loaded.interactions().stream().map(i -> i.request().uri())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, recorded, "the JVMs said: " + said);
        assertEquals(120, loaded.interactions().size());
        try (Stream<Path> files = Files.list(cassette.resolve("interactions"))) {
            assertEquals(2, files.count(), "one recording file per JVM");
        }
    }

    /**
     * A JVM whose first network call comes after another JVM of the build published its recording (forked test JVMs
     * of one program, whose recordings have the same name) began its recording when it started, so it publishes
     * beside that one instead of replacing it.
     */
    @Test
    void aJvmWhoseFirstCallComesAfterAnotherPublishedKeepsWhatThatOneRecorded() throws Exception {
        Path cassette = work.resolve("cassette");
        HttpServer server = pathEchoingServer("/late/", () -> { });
        String base = "http://localhost:" + server.getAddress().getPort();
        List<String> said = new ArrayList<>();
        List<Process> jvms = new ArrayList<>();
        try {
            for (String name : List.of("a", "b")) {
                ChildJvm jvm = ChildJvm.withAgent("record,log=info,cassette=" + cassette);
                if (name.equals("b")) {
                    jvm.jvmOption("-Dclient.start.on-stdin=true");
                }
                jvms.add(jvm.main(MAIN, "urlconnection", "GET " + base + "/late/" + name).start(work));
            }
            for (Process jvm : jvms) {
                jvm.getInputStream().readAllBytes();
                assertTrue(jvm.waitFor(2, TimeUnit.MINUTES));
                said.add(new String(jvm.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                assertEquals(0, jvm.exitValue(), said.get(said.size() - 1));
                try (OutputStream next = jvms.get(1).getOutputStream()) {
                    next.write('\n'); // the first JVM ended: the second may begin
                } catch (IOException endedAlready) {
                    // the second JVM is done
                }
            }
        } finally {
            jvms.forEach(Process::destroyForcibly);
            server.stop(0);
        }
        Cassette loaded = new CassetteReader(warning -> { throw new AssertionError(warning); }).load(cassette);
        assertEquals(List.of(base + "/late/a", base + "/late/b"), loaded.interactions().stream()
                .map(i -> i.request().uri()).sorted().collect(Collectors.toList()), "the JVMs said: " + said);
    }

    /**
     * A server on loopback that answers each GET under {@code context} with its path, after running {@code first}
     * for a path that ends with {@code /1}.
     */
    private static HttpServer pathEchoingServer(String context, Runnable first) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(context, exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/1")) {
                first.run();
            }
            byte[] body = exchange.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /**
     * A client loops over requests while recording and prints the time of each response it has; the JVM is killed
     * with SIGKILL at several points, from just after its first response (its first second, while the writer thread
     * warms up) to seconds later. Every response the client had more than 200 ms before the kill is in the cassette.
     */
    @Test
    void aJvmKilledWithSigkillAtAnyMomentLosesAtMostItsLast200Milliseconds() throws Exception {
        List<String> measured = new ArrayList<>();
        for (long killAfterMillis : new long[] {0, 300, 1000, 2500}) {
            Path cassette = work.resolve("cassette-" + killAfterMillis);
            List<long[]> responses = new ArrayList<>();
            long killedAt;
            long started = System.currentTimeMillis();
            try (TestServer server = TestServer.start(work.resolve("files"))) {
                Process jvm = ChildJvm.withAgent("record,cassette=" + cassette).usualJvm()
                        .main(MAIN, "urlconnection", "loop", server.http() + "/loop").start(work);
                BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = out.readLine()) != null) {
                    responses.add(response(line));
                    if (responses.get(responses.size() - 1)[1] - responses.get(0)[1] >= killAfterMillis) {
                        break;
                    }
                }
                killedAt = System.currentTimeMillis();
                jvm.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly, leaves stdout readable
                assertTrue(jvm.waitFor(1, TimeUnit.MINUTES));
                assertEquals(137, jvm.exitValue(), "killed by SIGKILL");
                while ((line = out.readLine()) != null) {
                    responses.add(response(line));
                }
            }
            assertFalse(Files.exists(cassette.resolve("interactions")), "a killed recording is never published");
            List<String> warnings = new ArrayList<>();
            Cassette loaded = new CassetteReader(warnings::add).load(attempt(cassette));
            Set<String> recorded = loaded.interactions().stream().map(Interaction::request).map(r -> r.uri())
                    .collect(Collectors.toSet());
            List<long[]> settled = responses.stream().filter(r -> r[1] <= killedAt - 200).collect(Collectors.toList());
            List<Long> lost = new ArrayList<>();
            for (long[] response : settled) {
                if (recorded.stream().noneMatch(uri -> uri.endsWith("/loop/" + response[0]))) {
                    lost.add(response[0]);
                }
            }
            assertEquals(List.of(), lost, "killed " + (killedAt - started) + " ms after start, " + killAfterMillis
                    + " ms after the first response: responses the client had 200 ms before the kill, missing from "
                    + "its recording attempt (of " + settled.size() + ")");
            assertTrue(warnings.isEmpty() ? loaded.interactions().isEmpty()
                    : warnings.size() == 1 && warnings.get(0).contains("was not closed by its recorder"),
                    "a killed recording is said to be one, unless killed before it wrote anything: " + warnings);
            measured.add("kill at +" + killAfterMillis + " ms: " + responses.size() + " responses, "
                    + loaded.interactions().size() + " recorded");
        }
        System.out.println("RecordingDurabilityIT: " + measured);
    }

    /** The attempt a killed recording left beside its cassette, with everything it recorded. */
    private static Path attempt(Path cassette) throws java.io.IOException {
        try (Stream<Path> attempts = Files.list(cassette.resolve(".netrec"))) {
            return attempts.filter(p -> p.getFileName().toString().startsWith("attempt-")).findFirst().orElseThrow();
        }
    }

    /** {@code response N STATUS at MILLIS}, as the client's loop prints it: N and MILLIS. */
    private static long[] response(String line) {
        String[] parts = line.split(" ");
        return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[4])};
    }
}
