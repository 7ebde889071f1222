package netrec.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.support.MavenRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * samples/junit-weather, built by Maven as a user builds it, from a copy of its committed files: netrec-junit5 and
 * netrec-maven-plugin by their coordinates, the agent put into Surefire's argLine by prepare-agent.
 */
@JdkIndependent("a Maven build of the sample; its clients (the JDK HttpClient, OkHttp) are the scenario's, on both "
        + "JDKs")
class SamplesIT {
    @TempDir
    Path work;

    @Test
    void junitSampleReplaysItsCommittedCassettesWithNoNetwork() throws Exception {
        assertTrue(ChildJvm.networkNamespacesWork(), "this test replays with no network, in a network namespace "
                + "(unshare -n, as root or with user namespaces), and this machine makes none");
        Path project = SampleBuilds.copy(SampleBuilds.SAMPLES.resolve("junit-weather"), work.resolve("junit-weather"));
        ChildJvm.Result replayed = SampleBuilds.maven("test").offline().run(project);
        assertEquals(0, replayed.exitCode, replayed.stdout);
        assertTrue(replayed.stdout.contains("argLine set to -javaagent:" + SampleBuilds.agentInRepository() + "\n"),
                "prepare-agent puts the agent from the repository into argLine: " + replayed.stdout);
        assertTrue(replayed.stdout.contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0"), replayed.stdout);

        ChildJvm.Result elsewhere = SampleBuilds.maven("test", "-Dweather.api=https://api.weather.example:48444")
                .offline().run(project);
        assertEquals(1, elsewhere.exitCode, "an API the cassettes do not have must fail the tests: " + elsewhere.stdout);
        assertTrue(elsewhere.stdout.contains("netrec: replay refuses to connect to api.weather.example:48444"),
                elsewhere.stdout);
    }

    @Test
    void junitSampleRecordScriptRecordsAgainAndReplaysOffline() throws Exception {
        Path project = SampleBuilds.copy(SampleBuilds.SAMPLES.resolve("junit-weather"), work.resolve("junit-weather"));
        Path cassettes = project.resolve("src/test/resources/netrec");
        ChildJvm.Result recorded = MavenRun.of()
                .env("PATH", Path.of(System.getProperty("netrec.test.mvn")).getParent() + ":"
                        + Path.of(ChildJvm.javaExecutable()).getParent() + ":" + System.getenv("PATH"))
                .env("MAVEN_ARGS", String.join(" ", SampleBuilds.repositories()))
                .env("MAVEN_OPTS", SampleBuilds.MAVEN_OPTS)
                .env("NETREC_ROOT", SampleBuilds.SAMPLES.toAbsolutePath().getParent().toString())
                .runScript(project, "record.sh");
        assertEquals(0, recorded.exitCode, recorded.stdout);
        assertTrue(recorded.stdout.contains("== done"), recorded.stdout);
        try (Stream<Path> files = Files.walk(cassettes.resolve("alerts").resolve("interactions"))) {
            String recording = Files.readString(files.filter(Files::isRegularFile).findFirst().orElseThrow());
            assertTrue(recording.contains("uri: https://api.weather.example:48443/v1/alerts?region=south"), recording);
        }
    }
}
