package netrec.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    /**
     * A build that uses netrec, run by netrec's command line with an empty local repository, recording and then
     * replaying with no network: netrec's artifacts are on no server (and Maven would ask none for SNAPSHOTs), so
     * netrec puts them there, from the repository the netrec.jar running it was installed in. Maven runs offline here
     * (everything else from the read-only tail), so it records nothing, and the replay is given the sample's own
     * alerts cassette; BuildFromCentralIT records such a build against Maven Central and replays it.
     */
    @Test
    void aBuildThatUsesNetrecFindsNetrecInAnEmptyLocalRepositoryUnderTheLauncher() throws Exception {
        assertTrue(ChildJvm.networkNamespacesWork(), "this test replays with no network, in a network namespace "
                + "(unshare -n, as root or with user namespaces), and this machine makes none");
        Path project = SampleBuilds.copy(SampleBuilds.SAMPLES.resolve("junit-weather"), work.resolve("junit-weather"));
        Path netrecJar = Path.of(SampleBuilds.agentInRepository());
        Path netrecRepository = Path.of(System.getProperty("netrec.test.repo")).toAbsolutePath();
        Map<String, List<String>> launchers = Map.of(
                "record", List.of("record", "--cassette", work.resolve("build-cassette").toString(), "--log", "info"),
                "replay", List.of("replay", "--cassette", project.resolve("src/test/resources/netrec/alerts")
                        .toString(), "--no-network", "--log", "info"));
        for (String mode : List.of("record", "replay")) {
            Path empty = work.resolve("empty-for-" + mode);
            ChildJvm.Result build = MavenRun.of("-o", "-Dmaven.repo.local=" + empty, "-Dmaven.repo.local.tail="
                    + System.getProperty("netrec.test.repo.tail"), "test")
                    .launchedBy(netrecJar, launchers.get(mode).toArray(new String[0])).run(project);
            assertEquals(0, build.exitCode, mode + ": " + build.stdout);
            assertTrue(build.stdout.contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0"), build.stdout);
            String copied = "netrec: copied netrec " + System.getProperty("netrec.version") + "'s artifacts (";
            assertTrue(build.stdout.contains(copied), mode + ": " + build.stdout);
            String said = build.stdout.substring(build.stdout.indexOf(copied));
            assertTrue(said.contains("netrec-junit5, netrec-maven-plugin") && said.contains(") from " + netrecRepository
                    + " into this build's local repository " + empty + ", which lacked them\n"), said);
            assertTrue(build.stdout.contains("argLine set to -javaagent:" + empty.resolve("dev/netrec/netrec-agent")),
                    "the tests' JVMs take netrec.jar from the build's own repository: " + build.stdout);
        }
    }

    @Test
    void junitSampleRecordScriptRecordsAgainAndReplaysOffline() throws Exception {
        Path project = SampleBuilds.copy(SampleBuilds.SAMPLES.resolve("junit-weather"), work.resolve("junit-weather"));
        Path cassettes = project.resolve("src/test/resources/netrec");
        ChildJvm.Result recorded = MavenRun.of()
                .env("PATH", Path.of(System.getProperty("netrec.test.mvn")).getParent() + ":"
                        + Path.of(ChildJvm.javaExecutable()).getParent() + ":" + System.getenv("PATH"))
                .env("MAVEN_ARGS", String.join(" ", SampleBuilds.repositories()))
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
