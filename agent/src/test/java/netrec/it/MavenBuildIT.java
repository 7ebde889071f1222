package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netrec.it.support.ChildJvm;
import netrec.it.support.MavenRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole Maven build recorded through {@code java -jar netrec.jar record -- mvn package}, then replayed with an
 * empty local repository in a network namespace with only loopback: samples/maven-build/demo.sh on Maven 4 (its
 * distribution from Maven Central, unpacked by the build), whose transport is the JDK HttpClient (channels,
 * SSLEngine, h2). {@code -Pfull} runs it on JDK 25, where RealBuildsIT's Maven 4 build cannot run; on JDK 17 that
 * build covers the same transport. The script fails unless the replayed build succeeds and downloads
 * byte-identical files. Maven 3.8 and 3.9, whose transport is Apache HttpClient 4 on blocking sockets, build real
 * projects against Maven Central in RealBuildsIT ({@code -Pfull}, which CI runs, as it runs this test) on JDK 17, 3.8
 * through {@code JAVA_TOOL_OPTIONS} set by hand; this build, its forked Surefire JVM under the launcher's
 * {@code JAVA_TOOL_OPTIONS}, is the whole build on JDK 25.
 */
class MavenBuildIT {
    private static final Path SAMPLES = Paths.get(System.getProperty("netrec.samples", "../samples"));

    @Test
    void wholeBuildOnMaven4RecordsOnceAndReplaysOffline(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path work)
            throws Exception {
        Assumptions.assumeTrue(ChildJvm.networkNamespacesWork(),
                "this machine cannot make network namespaces, so an offline replay cannot be proven here");
        ChildJvm.Result demo = MavenRun.of().env("MVN", mavenCommand("4.0.0-rc-4")).env("WORK", work.toString())
                .env("NETREC_JAR", ChildJvm.agentJar().toString()).within(Duration.ofMinutes(6))
                .runScript(SAMPLES.resolve("maven-build"), "demo.sh");
        assertEquals(0, demo.exitCode, demo.stdout);
        assertTrue(demo.stdout.contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0"), demo.stdout);
        Matcher identical = Pattern.compile("identical: all (\\d+) files Maven downloaded").matcher(demo.stdout);
        assertTrue(identical.find(), demo.stdout);
        assertTrue(Integer.parseInt(identical.group(1)) > 100, "a real build downloads many files: " + demo.stdout);
        String report = Files.readString(work.resolve("cassette").resolve(".netrec").resolve("replay-report.txt"));
        assertTrue(report.matches("(?s)replayed \\d+ requests from .*, 0 missed, .*"), report);
        String replayLog = Files.readString(work.resolve("replay.log"));
        assertTrue(replayLog.contains("BUILD SUCCESS"), replayLog);
    }

    /** {@code mvn} for the machine's Maven, else the bin/mvn of a distribution unpacked under target/maven. */
    static String mavenCommand(String version) {
        if (version.equals("machine")) {
            return "mvn";
        }
        Path home = Paths.get(System.getProperty("netrec.maven.dists", "target/maven")).resolve("apache-maven-" + version);
        assertTrue(Files.isRegularFile(home.resolve("bin/mvn")), "Maven " + version + " is not unpacked at " + home
                + "; the agent module's build unpacks it (maven-dependency-plugin)");
        return home.resolve("bin/mvn").toAbsolutePath().toString();
    }
}
