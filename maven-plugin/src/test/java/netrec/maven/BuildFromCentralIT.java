package netrec.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import netrec.it.support.ChildJvm;
import netrec.it.support.FileDigests;
import netrec.it.support.JdkIndependent;
import netrec.it.support.MavenRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that uses netrec (samples/junit-weather: netrec-junit5 and the plugin by their coordinates), recorded by
 * netrec's command line against Maven Central from an empty local repository, then replayed from another empty one
 * with no network: netrec's own artifacts come from the repository netrec.jar was installed in, every other file from
 * Central, then from the cassette, the same bytes. Run with {@code -Pfull} (CI runs it); without Maven Central it
 * fails, saying so.
 */
@JdkIndependent("Maven 3.9's downloads over Apache HttpClient and SSLSocket, which RealBuildsIT replays on JDK 25 too")
class BuildFromCentralIT {
    @TempDir
    Path work;

    @Test
    void aBuildThatUsesNetrecIsRecordedFromMavenCentralAndReplayedOfflineFromEmptyLocalRepositories()
            throws Exception {
        assertTrue(ChildJvm.networkNamespacesWork(), "this test replays with no network, in a network namespace "
                + "(unshare -n, as root or with user namespaces), and this machine makes none");
        Path project = SampleBuilds.copy(SampleBuilds.SAMPLES.resolve("junit-weather"), work.resolve("junit-weather"));
        Path cassette = work.resolve("build-cassette");
        Path netrecJar = Path.of(SampleBuilds.agentInRepository());

        Path recordedWith = work.resolve("recorded-repository");
        ChildJvm.Result recorded = MavenRun.of("-Dmaven.repo.local=" + recordedWith, "test")
                .launchedBy(netrecJar, "record", "--cassette", cassette.toString(), "--log", "info").run(project);
        assertEquals(0, recorded.exitCode, "recording against Maven Central (is it reachable?): " + recorded.stdout);
        assertTrue(recorded.stdout.contains("Downloaded from central: https://repo.maven.apache.org/"),
                recorded.stdout);
        assertTrue(recorded.stdout.contains("netrec: copied netrec " + System.getProperty("netrec.version")
                + "'s artifacts ("), recorded.stdout);

        Path replayedWith = work.resolve("replayed-repository");
        ChildJvm.Result replayed = MavenRun.of("-Dmaven.repo.local=" + replayedWith, "test")
                .launchedBy(netrecJar, "replay", "--cassette", cassette.toString(), "--no-network").run(project);
        assertEquals(0, replayed.exitCode, replayed.stdout);
        assertTrue(replayed.stdout.contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0"), replayed.stdout);
        Map<String, String> downloaded = downloads(recordedWith);
        assertTrue(downloaded.size() > 300, "the build downloaded its plugins and dependencies: " + downloaded.keySet());
        assertEquals(downloaded, downloads(replayedWith), "the replayed build has the same files, byte for byte");
    }

    /** The local repository's files, without the resolver's own notes (which name times and repositories). */
    private static Map<String, String> downloads(Path repository) throws Exception {
        Map<String, String> files = new TreeMap<>(FileDigests.of(repository));
        files.keySet().removeIf(name -> name.endsWith("_remote.repositories") || name.endsWith(".lastUpdated")
                || name.endsWith("resolver-status.properties"));
        return files;
    }
}
