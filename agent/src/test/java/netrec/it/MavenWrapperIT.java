package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import netrec.it.support.ChildJvm;
import netrec.it.support.FileDigests;
import netrec.it.support.MavenRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A project's own Maven Wrapper (3.3.2, {@code only-script}, as {@code mvn wrapper:wrapper} makes it today) downloads
 * Maven with wget or curl, which are not JVMs: recorded through the launcher from an empty {@code MAVEN_USER_HOME}
 * against Maven Central, then replayed from another empty one in a network namespace, where the wrapper gets the
 * distribution from the cassette and unpacks the same files. Once with wget, and once with curl (wget out of the
 * wrapper's {@code PATH}, as on a machine without it); then a whole Spring Boot application's build through its
 * wrapper.
 */
class MavenWrapperIT {
    private static final Path SAMPLES = Paths.get(System.getProperty("netrec.samples", "../samples"));
    private static final String DISTRIBUTION = "https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/"
            + "3.9.16/apache-maven-3.9.16-bin.zip";

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"wget", "curl"})
    void theWrappersDownloadReplaysOffline(String downloader) throws Exception {
        Path project = Files.createDirectories(work.resolve("project").resolve(".mvn").resolve("wrapper")).getParent()
                .getParent();
        Path mvnw = Files.copy(wrapperScript(), project.resolve("mvnw"));
        assertTrue(mvnw.toFile().setExecutable(true));
        Files.writeString(project.resolve(".mvn/wrapper/maven-wrapper.properties"), "distributionUrl=" + DISTRIBUTION
                + "\n");
        String path = downloader.equals("wget") ? System.getenv("PATH") : withoutWget();
        Path cassette = work.resolve("cassette");

        ChildJvm.Result recorded = ChildJvm.netrecCommand("record", "--cassette", cassette.toString(), "--", "sh", "-c",
                wrapper(path, work.resolve("recording-home"))).run(project);
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.stdout.contains("Found " + downloader + " ... using " + downloader), recorded.stdout);
        assertTrue(recorded.stdout.contains("Apache Maven 3.9.16"), recorded.stdout);

        ChildJvm.Result replayed = ChildJvm.netrecCommand("replay", "--cassette", cassette.toString(), "--no-network",
                "--", "sh", "-c", wrapper(path, work.resolve("replay-home"))).run(project);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertTrue(replayed.stdout.contains("Found " + downloader + " ... using " + downloader), replayed.stdout);
        assertTrue(replayed.stdout.contains("Apache Maven 3.9.16"), replayed.stdout);
        Map<String, String> unpacked = FileDigests.of(work.resolve("recording-home").resolve("wrapper"));
        assertTrue(unpacked.size() > 50, "the distribution's files: " + unpacked.keySet());
        assertEquals(unpacked, FileDigests.of(work.resolve("replay-home").resolve("wrapper")));
    }

    /**
     * A Spring Boot application (3.5.7, {@code samples/wrapper-build}) built with {@code ./mvnw package}: the wrapper's
     * download, then 682 plugins, dependencies and their POMs, recorded and replayed offline from empty homes and
     * local repositories by {@code record-and-replay.sh}, which fails unless every file is the same.
     */
    @Test
    void aSpringBootApplicationBuiltWithItsOwnWrapperReplaysOffline() throws Exception {
        ChildJvm.Result run = MavenRun.of().env("WORK", work.toString())
                .env("NETREC_JAR", ChildJvm.agentJar().toString()).env("MVNW", wrapperScript().toString())
                .within(Duration.ofMinutes(5)).runScript(SAMPLES.resolve("wrapper-build"), "record-and-replay.sh");
        assertEquals(0, run.exitCode, run.stdout);
        assertTrue(run.stdout.contains("identical: the Maven the wrapper downloaded and unpacked"), run.stdout);
        assertTrue(run.stdout.matches("(?s).*identical: all \\d+ files Maven downloaded.*"), run.stdout);
        assertTrue(run.stdout.contains("identical: the application's jar, entry for entry"), run.stdout);
        assertTrue(run.stdout.contains(", 0 missed, "), run.stdout);
    }

    private static Path wrapperScript() {
        return Paths.get(System.getProperty("netrec.maven.dists", "target/maven")).resolve("maven-wrapper-3.3.2")
                .resolve("mvnw");
    }

    /** {@code ./mvnw -v} from an empty Maven user home, saying which downloader it found. */
    private static String wrapper(String path, Path home) {
        return "PATH='" + path + "' MAVEN_USER_HOME='" + home + "' MVNW_VERBOSE=true ./mvnw -v";
    }

    /** A {@code PATH} with every program of this one but wget. */
    private String withoutWget() throws IOException {
        Path programs = Files.createDirectories(work.resolve("programs-but-wget"));
        for (String directory : System.getenv("PATH").split(":")) {
            if (!Files.isDirectory(Paths.get(directory))) {
                continue;
            }
            try (Stream<Path> files = Files.list(Paths.get(directory))) {
                for (Path program : (Iterable<Path>) files::iterator) {
                    Path link = programs.resolve(program.getFileName());
                    if (!program.getFileName().toString().equals("wget")
                            && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, program);
                    }
                }
            }
        }
        return programs.toString();
    }
}
