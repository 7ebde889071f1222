package netrec.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Tests section as a new user takes it: its pom fragments pasted into an empty project, exactly as the
 * README shows them, with a test written as the README's Java shows (the import, {@code @Netrec}). The project's
 * first {@code mvn test} records against a server; the next replays with the server stopped and no network. Both
 * routes: {@code prepare-agent}, and the agent's path in a bare {@code argLine}. The project has an old Jackson of its
 * own (2.12.7, which netrec's unrelocated classes once failed beside with a NoSuchMethodError), and its test uses it.
 */
@JdkIndependent("the README's pom fragments and a Maven build; the test's HttpURLConnection traffic is the "
        + "scenario's, on both JDKs")
class ReadmeIT {
    private static final Path README = Paths.get(System.getProperty("netrec.readme", "../README.md"));
    private static final String TEST = String.join("\n",
            "package example;",
            "",
            "import static org.junit.jupiter.api.Assertions.assertEquals;",
            "",
            "import com.fasterxml.jackson.databind.ObjectMapper;",
            "import java.net.HttpURLConnection;",
            "import java.net.URL;",
            "import netrec.junit.Netrec;",
            "import org.junit.jupiter.api.Test;",
            "",
            "@Netrec // the server is on loopback, which netrec records as it records any other",
            "class ReadmeTest {",
            "    @Test",
            "    void fetchesJson() throws Exception {",
            "        HttpURLConnection c = (HttpURLConnection) new URL(System.getProperty(\"api\") + \"/json\")",
            "                .openConnection();",
            "        assertEquals(200, c.getResponseCode());",
            "        assertEquals(\"netrec\", new ObjectMapper().readTree(c.getInputStream()).get(\"name\").asText());",
            "        assertEquals(\"2.12.7\", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());",
            "    }",
            "}",
            "");

    @TempDir
    Path work;

    /** The {@code ```xml} blocks of the README's Tests section, as they stand. */
    private static List<String> xmlBlocks() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Tests (JUnit 5)");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("(?m)^( *)```xml\n(.*?)^\\1```", Pattern.DOTALL).matcher(section);
        while (block.find()) {
            blocks.add(block.group(2).replaceAll("(?m)^" + block.group(1), ""));
        }
        assertEquals(2, blocks.size(), "the Tests section has two pom fragments: " + blocks);
        return blocks;
    }

    private static final String OLD_JACKSON = String.join("\n",
            "  <dependency>",
            "    <groupId>com.fasterxml.jackson.core</groupId>",
            "    <artifactId>jackson-databind</artifactId>",
            "    <version>2.12.7</version>",
            "    <scope>test</scope>",
            "  </dependency>");

    /** An empty project with {@code fragment} pasted in, the project's own Jackson first among its dependencies. */
    private Path project(String name, String fragment) throws IOException {
        assertTrue(fragment.startsWith("<dependencies>\n"), fragment);
        fragment = fragment.replaceFirst("<dependencies>\n", "<dependencies>\n" + OLD_JACKSON + "\n");
        Path project = work.resolve(name);
        Files.createDirectories(project.resolve("src/test/java/example"));
        Files.writeString(project.resolve("pom.xml"), String.join("\n",
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">",
                "  <modelVersion>4.0.0</modelVersion>",
                "  <groupId>example</groupId>",
                "  <artifactId>" + name + "</artifactId>",
                "  <version>1.0</version>",
                "  <properties>",
                "    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>",
                "    <maven.compiler.release>17</maven.compiler.release>",
                "  </properties>",
                fragment,
                "</project>"));
        Files.writeString(project.resolve("src/test/java/example/ReadmeTest.java"), TEST);
        return project;
    }

    @Test
    void pomFragmentWithPrepareAgentRecordsThenReplaysOffline() throws Exception {
        String fragment = xmlBlocks().get(0);
        assertTrue(fragment.contains("<goal>prepare-agent</goal>"), fragment);
        ChildJvm.Result replayed = recordsThenReplays(project("with-plugin", fragment));
        assertTrue(replayed.stdout.contains("argLine set to -javaagent:" + SampleBuilds.agentInRepository()),
                replayed.stdout);
    }

    @Test
    void pomFragmentWithBareArgLineRecordsThenReplaysOffline() throws Exception {
        List<String> blocks = xmlBlocks();
        String dependencies = blocks.get(0).substring(0, blocks.get(0).indexOf("</dependencies>")
                + "</dependencies>".length());
        assertTrue(blocks.get(1).contains("<argLine>-javaagent:${dev.netrec:netrec-agent:jar}</argLine>"),
                blocks.get(1));
        recordsThenReplays(project("bare-argline", dependencies + "\n" + blocks.get(1)));
    }

    /** Runs {@code mvn test} against a server, then again with the server stopped (and no network); the second run. */
    private ChildJvm.Result recordsThenReplays(Path project) throws Exception {
        String api;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            api = server.http();
            ChildJvm.Result recorded = SampleBuilds.maven("test", "-Dapi=" + api).run(project);
            assertEquals(0, recorded.exitCode, recorded.stdout);
            assertTrue(recorded.stdout.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), recorded.stdout);
            assertEquals(1, server.requestCount(), "the first run records against the server");
        }
        Path interactions = project.resolve("src/test/resources/netrec/ReadmeTest/fetchesJson/interactions");
        try (Stream<Path> files = Files.list(interactions)) {
            String recording = Files.readString(files.findFirst().orElseThrow());
            assertTrue(recording.contains("uri: " + api + "/json"), recording);
        }

        ChildJvm.Result replayed = (ChildJvm.networkNamespacesWork()
                ? SampleBuilds.maven("test", "-Dapi=" + api).offline() : SampleBuilds.maven("test", "-Dapi=" + api))
                .run(project);
        assertEquals(0, replayed.exitCode, replayed.stdout);
        assertTrue(replayed.stdout.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), replayed.stdout);
        return replayed;
    }

}
