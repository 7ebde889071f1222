package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import netrec.it.support.ChildJvm;
import netrec.it.support.MavenRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample projects under samples/, built by Maven as a user builds them, from a copy of their committed files.
 * Maven runs offline ({@code -o}): everything it needs is in the local repository after netrec's own build.
 */
class SamplesIT {
    private static final Path SAMPLES = Paths.get(System.getProperty("netrec.samples", "../samples"));

    @TempDir
    Path work;

    private Path copyOf(String sample) throws IOException {
        Path from = SAMPLES.resolve(sample);
        Path to = work.resolve(sample);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to.resolve(relative));
                } else {
                    Files.copy(file, to.resolve(relative));
                }
            }
        }
        return to;
    }

    private static String netrecJar() {
        return "-Dnetrec.jar=" + ChildJvm.agentJar();
    }

    @Test
    void junitSampleReplaysItsCommittedCassettesWithNoNetwork() throws Exception {
        Assumptions.assumeTrue(ChildJvm.networkNamespacesWork(), "this machine cannot make network namespaces");
        Path project = copyOf("junit-weather");
        ChildJvm.Result replayed = MavenRun.of("-o", "test", netrecJar()).offline().run(project);
        assertEquals(0, replayed.exitCode, replayed.stdout);
        assertTrue(replayed.stdout.contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0"), replayed.stdout);

        ChildJvm.Result elsewhere = MavenRun.of("-o", "test", netrecJar(),
                "-Dweather.api=https://api.weather.example:48444").offline().run(project);
        assertEquals(1, elsewhere.exitCode, "an API the cassettes do not have must fail the tests: " + elsewhere.stdout);
        assertTrue(elsewhere.stdout.contains("netrec: replay refuses to connect to api.weather.example:48444"),
                elsewhere.stdout);
    }

    @Test
    void junitSampleRecordScriptRecordsAgainAndReplaysOffline() throws Exception {
        Path project = copyOf("junit-weather");
        Path cassettes = project.resolve("src/test/resources/netrec");
        ChildJvm.Result recorded = MavenRun.of().env("NETREC_JAR", ChildJvm.agentJar().toString())
                .env("NETREC_ROOT", SAMPLES.toAbsolutePath().getParent().toString()).runScript(project, "record.sh");
        assertEquals(0, recorded.exitCode, recorded.stdout);
        assertTrue(recorded.stdout.contains("== done"), recorded.stdout);
        try (Stream<Path> files = Files.walk(cassettes.resolve("alerts").resolve("interactions"))) {
            String recording = Files.readString(files.filter(Files::isRegularFile).findFirst().orElseThrow());
            assertTrue(recording.contains("uri: https://api.weather.example:48443/v1/alerts?region=south"), recording);
        }
    }
}
