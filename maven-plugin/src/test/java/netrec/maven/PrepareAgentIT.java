package netrec.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.support.MavenRun;
import netrec.it.support.TestServer;
import netrec.store.testing.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * prepare-agent with a {@code <mode>} of its own: the whole test JVM records into the configured cassette, with no
 * {@code @Netrec} and no netrec-junit5, and {@code -Dnetrec.mode} overrides the mode for a run.
 */
@JdkIndependent("the plugin writes argLine; the test JVM's HttpURLConnection traffic is the scenario's, on both JDKs")
class PrepareAgentIT {
    private static final String POM = String.join("\n",
            "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">",
            "  <modelVersion>4.0.0</modelVersion>",
            "  <groupId>example</groupId>",
            "  <artifactId>whole-jvm</artifactId>",
            "  <version>1.0</version>",
            "  <properties>",
            "    <maven.compiler.release>17</maven.compiler.release>",
            "  </properties>",
            "  <dependencies>",
            "    <dependency>",
            "      <groupId>org.junit.jupiter</groupId>",
            "      <artifactId>junit-jupiter</artifactId>",
            "      <version>5.11.4</version>",
            "      <scope>test</scope>",
            "    </dependency>",
            "  </dependencies>",
            "  <build>",
            "    <plugins>",
            "      <plugin>",
            "        <groupId>dev.netrec</groupId>",
            "        <artifactId>netrec-maven-plugin</artifactId>",
            "        <version>" + System.getProperty("netrec.version") + "</version>",
            "        <executions><execution><goals><goal>prepare-agent</goal></goals></execution></executions>",
            "        <configuration>",
            "          <mode>record</mode>",
            "          <cassette>${project.basedir}/src/test/cassette</cassette>",
            "          <options>log=info</options>",
            "        </configuration>",
            "      </plugin>",
            "      <plugin>",
            "        <artifactId>maven-surefire-plugin</artifactId>",
            "        <version>3.5.2</version>",
            "      </plugin>",
            "    </plugins>",
            "  </build>",
            "</project>");
    private static final String TEST = String.join("\n",
            "package example;",
            "",
            "import static org.junit.jupiter.api.Assertions.assertEquals;",
            "",
            "import java.net.HttpURLConnection;",
            "import java.net.URL;",
            "import org.junit.jupiter.api.Test;",
            "",
            "class CallTest {",
            "    @Test",
            "    void getsJson() throws Exception {",
            "        HttpURLConnection c = (HttpURLConnection) new URL(System.getProperty(\"api\") + \"/json\")",
            "                .openConnection();",
            "        assertEquals(200, c.getResponseCode());",
            "    }",
            "}",
            "");

    @TempDir
    Path work;

    @Test
    void configuredModeRecordsTheWholeTestJvmAndTheCommandLineModeReplaysIt() throws Exception {
        Path project = work.resolve("whole-jvm");
        Files.createDirectories(project.resolve("src/test/java/example"));
        Files.writeString(project.resolve("pom.xml"), POM);
        Files.writeString(project.resolve("src/test/java/example/CallTest.java"), TEST);
        Path cassette = project.resolve("src/test/cassette");
        String api;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            api = server.http();
            ChildJvm.Result recorded = SampleBuilds.maven("test", "-Dapi=" + api).run(project);
            assertEquals(0, recorded.exitCode, recorded.stdout);
            assertTrue(recorded.stdout.contains("argLine set to -javaagent:" + SampleBuilds.agentInRepository()
                    + "=record,cassette=" + cassette + ",reports=" + project.resolve("target/netrec/cassette")
                    + ",log=info\n"), recorded.stdout);
            assertEquals(1, server.requestCount());
        }
        try (Stream<Path> files = Files.list(cassette.resolve("interactions"))) {
            String recording = Files.readString(files.findFirst().orElseThrow());
            assertTrue(recording.contains("uri: " + api + "/json"), recording);
        }

        ChildJvm.Result replayed = (ChildJvm.networkNamespacesWork()
                ? SampleBuilds.maven("test", "-Dapi=" + api, "-Dnetrec.mode=replay").offline()
                : SampleBuilds.maven("test", "-Dapi=" + api, "-Dnetrec.mode=replay")).run(project);
        assertEquals(0, replayed.exitCode, replayed.stdout);
        assertTrue(replayed.stdout.contains("=replay,cassette=" + cassette + ",reports=" + project.resolve(
                "target/netrec/cassette") + ",log=info\n"), replayed.stdout);
        assertTrue(Files.exists(project.resolve("target/netrec/cassette/replay-report.txt")),
                "the replay's report is among the build's files, not in the cassette");
        assertTrue(replayed.stdout.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), replayed.stdout);

        ChildJvm.Result wrong = SampleBuilds.maven("test", "-Dnetrec.mode=replya").run(project);
        assertEquals(1, wrong.exitCode, wrong.stdout);
        assertTrue(wrong.stdout.contains("netrec: unknown mode 'replya'; valid modes: record, replay, update, once, off, or "
                + "none at all for @Netrec tests (-Dnetrec.mode)"), wrong.stdout);
    }

    /**
     * {@code <cassette>s3://...</cassette>}: the test JVM records into this machine's copy of the cassette and
     * publishes it to the store as it ends well; a build on another machine's clean cache replays from the store,
     * the server stopped.
     */
    @Test
    void aCassetteInAStoreIsPublishedByTheTestJvmAndReplayedFromIt() throws Exception {
        Path project = work.resolve("stored");
        Files.createDirectories(project.resolve("src/test/java/example"));
        Files.writeString(project.resolve("pom.xml"), POM.replace("${project.basedir}/src/test/cassette",
                "s3://cassettes/team/weather"));
        Files.writeString(project.resolve("src/test/java/example/CallTest.java"), TEST);
        try (S3ProxyServer s3 = S3ProxyServer.start(Files.createDirectories(work.resolve("s3")), "cassettes")) {
            String api;
            try (TestServer server = TestServer.start(work.resolve("files"))) {
                api = server.http();
                ChildJvm.Result recorded = withStore(SampleBuilds.maven("test", "-Dapi=" + api), s3, "developer")
                        .run(project);
                assertEquals(0, recorded.exitCode, recorded.stdout);
                assertTrue(recorded.stdout.contains("=record,cassette=s3://cassettes/team/weather,reports="),
                        recorded.stdout);
                assertEquals(1, server.requestCount());
            }
            assertTrue(Files.isRegularFile(work.resolve("s3/data/cassettes/team/weather/manifest.yaml")),
                    "published by the test JVM");
            assertTrue(Files.notExists(project.resolve("s3:")), "no folder named after the address");

            ChildJvm.Result replayed = withStore(SampleBuilds.maven("test", "-Dapi=" + api, "-Dnetrec.mode=replay"),
                    s3, "ci-machine").run(project);
            assertEquals(0, replayed.exitCode, replayed.stdout);
            assertTrue(replayed.stdout.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), replayed.stdout);
        }
    }

    private MavenRun withStore(MavenRun build, S3ProxyServer s3, String machine) {
        return build.env(s3.environment(work.resolve(machine)));
    }
}
