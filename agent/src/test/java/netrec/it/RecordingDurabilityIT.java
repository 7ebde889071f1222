package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.cassette.Cassette;
import netrec.cassette.Interaction;
import netrec.cassette.yaml.CassetteReader;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a cassette survives: several JVMs recording into it at once, and a recording JVM killed with SIGKILL. */
class RecordingDurabilityIT {
    private static final String MAIN = ClientMain.class.getName();

    @TempDir
    Path work;

    @Test
    void twoJvmsRecordingIntoOneCassetteAtOnceLoseNothing() throws Exception {
        Path cassette = work.resolve("cassette");
        Set<String> expected = new TreeSet<>();
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            List<Process> jvms = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                StringBuilder requests = new StringBuilder();
                for (int i = 1; i <= 60; i++) {
                    String uri = server.http() + "/c/" + name + "/" + i;
                    requests.append("GET ").append(uri).append("; ");
                    expected.add(uri);
                }
                jvms.add(ChildJvm.withAgent("record,cassette=" + cassette)
                        .main(MAIN, "urlconnection", requests.toString()).start(work));
            }
            for (Process jvm : jvms) {
                jvm.getInputStream().readAllBytes();
                assertTrue(jvm.waitFor(2, TimeUnit.MINUTES));
                assertEquals(0, jvm.exitValue(), new String(jvm.getErrorStream().readAllBytes()));
            }
        }
        Cassette loaded = new CassetteReader(warning -> { throw new AssertionError(warning); }).load(cassette);
        Set<String> recorded = loaded.interactions().stream().map(i -> i.request().uri())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, recorded);
        assertEquals(120, loaded.interactions().size());
        try (Stream<Path> files = Files.list(cassette.resolve("interactions"))) {
            assertEquals(2, files.count(), "one recording file per JVM");
        }
    }

    @Test
    void cassetteOfAJvmKilledWithSigkillLoadsWithEveryInteractionCompletedASecondBefore() throws Exception {
        Path cassette = work.resolve("cassette");
        List<long[]> responses = new ArrayList<>();
        long killedAt;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            Process jvm = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(MAIN, "urlconnection", "loop", server.http() + "/loop").start(work);
            BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                responses.add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[4])});
                if (responses.get(responses.size() - 1)[1] - responses.get(0)[1] > 2000) {
                    break;
                }
            }
            killedAt = System.currentTimeMillis();
            jvm.destroyForcibly();
            assertTrue(jvm.waitFor(1, TimeUnit.MINUTES));
            assertEquals(137, jvm.exitValue(), "killed by SIGKILL");
        }
        List<String> warnings = new ArrayList<>();
        Cassette loaded = new CassetteReader(warnings::add).load(cassette);
        Set<String> recorded = loaded.interactions().stream().map(Interaction::request).map(r -> r.uri())
                .collect(Collectors.toSet());
        List<long[]> settled = responses.stream().filter(r -> r[1] <= killedAt - 1000).collect(Collectors.toList());
        assertTrue(settled.size() > 10, "the loop made requests for two seconds before the kill");
        for (long[] response : settled) {
            assertTrue(recorded.stream().anyMatch(uri -> uri.endsWith("/loop/" + response[0])),
                    "response " + response[0] + " completed over a second before the kill is in the cassette");
        }
        assertTrue(warnings.isEmpty() || warnings.get(0).contains("was not closed by its recorder"), warnings.toString());
    }
}
