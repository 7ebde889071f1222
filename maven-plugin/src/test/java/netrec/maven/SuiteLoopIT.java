package netrec.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.support.MavenRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily loop of a test suite, as a user lives it: a project made of the README's pom fragment and tests marked
 * {@code @Netrec}, built with Maven, its cassettes committed with git, against a stand-in API on loopback. First
 * run records; an offline replay changes nothing in the work tree; recording again with nothing changed leaves
 * {@code git diff} empty; recording again with the stand-in down fails the test and leaves the cassette as it was,
 * saying so in one line; a changed answer is a diff of its changed lines; {@code prune} removes what the last passing
 * replay never used; an expired cassette is recorded again when its server answers and fails when it must; the suite
 * run in parallel records and replays each test's cassette as it did one test at a time. Every replay runs with the
 * stand-in stopped (and in a network namespace with only loopback where the machine allows).
 */
@JdkIndependent("recording attempts, their publication and normalised files, reports and Maven's loop; the tests' "
        + "HttpURLConnection traffic is what UrlConnectionRecordReplayIT records and replays on both JDKs")
class SuiteLoopIT {
    private static final Path README = Paths.get(System.getProperty("netrec.readme", "../README.md"));
    private static final String TESTS = String.join("\n",
            "package example;",
            "",
            "import static org.junit.jupiter.api.Assertions.assertEquals;",
            "",
            "import java.net.HttpURLConnection;",
            "import java.net.URL;",
            "import java.nio.charset.StandardCharsets;",
            "import netrec.junit.Netrec;",
            "import org.junit.jupiter.api.Test;",
            "",
            "@Netrec",
            "class WeatherTest {",
            "    static String get(String path) throws Exception {",
            "        HttpURLConnection c = (HttpURLConnection) new URL(System.getProperty(\"api\") + path).openConnection();",
            "        assertEquals(200, c.getResponseCode());",
            "        return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);",
            "    }",
            "",
            "    @Test",
            "    void sunny() throws Exception {",
            "        System.out.println(\"sky over Paris: \" + get(\"/forecast?city=paris\"));",
            "    }",
            "",
            "    @Test",
            "    void several() throws Exception {",
            "        get(\"/forecast?city=oslo\");",
            "        if (Boolean.getBoolean(\"alerts\")) {",
            "            get(\"/alerts?city=oslo\");",
            "        }",
            "    }",
            "}",
            "");
    private static final String AGED = String.join("\n",
            "package example;",
            "",
            "import netrec.junit.Netrec;",
            "import org.junit.jupiter.api.Test;",
            "",
            "class AgedTest {",
            "    @Test",
            "    @Netrec(maxAge = \"30d\", expired = Netrec.Expired.RECORD)",
            "    void refreshed() throws Exception {",
            "        WeatherTest.get(\"/forecast?city=rome\");",
            "    }",
            "",
            "    @Test",
            "    @Netrec(maxAge = \"30d\", expired = Netrec.Expired.FAIL)",
            "    void failed() throws Exception {",
            "        WeatherTest.get(\"/forecast?city=lima\");",
            "    }",
            "}",
            "");

    @TempDir
    Path work;

    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer standIn;
    private int port;

    @AfterEach
    void stopStandIn() {
        stop();
    }

    /** The stand-in API, on the same port each time: a cassette names the port it was recorded with. */
    private void start() throws IOException {
        standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        standIn.createContext("/", exchange -> {
            requests.incrementAndGet();
            String city = exchange.getRequestURI().getQuery().replaceFirst("city=", "");
            String path = exchange.getRequestURI().getPath();
            byte[] body = answers.getOrDefault(path + " " + city, path.equals("/alerts") ? "none" : "sunny")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.getResponseHeaders().add("X-Request-Id", Long.toHexString(System.nanoTime()));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        standIn.start();
        port = standIn.getAddress().getPort();
    }

    private void stop() {
        if (standIn != null) {
            standIn.stop(0);
            standIn = null;
        }
    }

    private String api() {
        return "-Dapi=http://localhost:" + port;
    }

    /** A user's project: the README's first pom fragment pasted in, the tests, a .gitignore, all committed. */
    private Path project() throws Exception {
        Path project = work.resolve("weather");
        Files.createDirectories(project.resolve("src/test/java/example"));
        Files.writeString(project.resolve("pom.xml"), String.join("\n",
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">",
                "  <modelVersion>4.0.0</modelVersion>",
                "  <groupId>example</groupId>",
                "  <artifactId>weather</artifactId>",
                "  <version>1.0</version>",
                "  <properties>",
                "    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>",
                "    <maven.compiler.release>17</maven.compiler.release>",
                "  </properties>",
                firstPomFragment(),
                "</project>"));
        Files.writeString(project.resolve("src/test/java/example/WeatherTest.java"), TESTS);
        Files.writeString(project.resolve("src/test/java/example/AgedTest.java"), AGED);
        Files.writeString(project.resolve(".gitignore"), "target/\n");
        git(project, "init", "-q");
        commit(project, "the project");
        return project;
    }

    private static String firstPomFragment() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Tests (JUnit 5)");
        Matcher block = Pattern.compile("(?m)^```xml\n(.*?)^```", Pattern.DOTALL).matcher(readme.substring(start));
        assertTrue(block.find(), "the Tests section has a pom fragment");
        assertTrue(block.group(1).contains("<goal>prepare-agent</goal>"), block.group(1));
        return block.group(1);
    }

    private ChildJvm.Result mvn(Path project, boolean offline, String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add(api());
        MavenRun run = SampleBuilds.maven(all.toArray(new String[0]));
        return (offline && ChildJvm.networkNamespacesWork() ? run.offline() : run).run(project);
    }

    private static String git(Path project, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Dev", "-c", "user.email=dev@example.org",
                "-c", "core.pager=cat"));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(git.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, git.exitValue(), "git " + arguments[0] + ": " + out);
        return out;
    }

    /** Commits the work tree as it is; nothing changed is a commit too (recording the same traffic again). */
    private static void commit(Path project, String message) throws Exception {
        git(project, "add", "-A");
        git(project, "commit", "-q", "--allow-empty", "-m", message);
    }

    /** The lines {@code git diff} adds and removes, without its headers. */
    private static List<String> changedLines(Path project) throws Exception {
        return git(project, "diff", "--unified=0").lines()
                .filter(l -> (l.startsWith("+") || l.startsWith("-")) && !l.startsWith("+++") && !l.startsWith("---"))
                .collect(Collectors.toList());
    }

    private static void assertPassed(ChildJvm.Result build, String tests) {
        assertEquals(0, build.exitCode, build.stdout);
        assertTrue(build.stdout.contains("Tests run: " + tests + ", Failures: 0, Errors: 0, Skipped: 0"), build.stdout);
    }

    private static Path recording(Path project, String test) {
        return project.resolve("src/test/resources/netrec").resolve(test).resolve("interactions/recording.yaml");
    }

    @Test
    void recordCommitReplayReRecordReviewPruneAndRefresh() throws Exception {
        Path project = project();
        LocalDate firstDay = LocalDate.now(ZoneOffset.UTC);
        start();

        // 1. the first run records every test's cassette; only cassettes are new in the work tree
        assertPassed(mvn(project, false, "test", "-Dalerts=true"), "4");
        List<String> untracked = git(project, "status", "--porcelain", "--untracked-files=all").lines()
                .collect(Collectors.toList());
        assertEquals(List.of("?? src/test/resources/netrec/AgedTest/failed/interactions/recording.yaml",
                "?? src/test/resources/netrec/AgedTest/refreshed/interactions/recording.yaml",
                "?? src/test/resources/netrec/WeatherTest/several/interactions/recording.yaml",
                "?? src/test/resources/netrec/WeatherTest/sunny/interactions/recording.yaml"), untracked,
                "no report, no attempt, nothing but the recordings");
        assertTrue(Files.readString(recording(project, "WeatherTest/sunny")).contains("body: sunny"));
        commit(project, "cassettes");
        int recorded = requests.get();

        // 2. CI replays offline: nothing in the work tree changes
        stop();
        assertPassed(mvn(project, true, "test", "-Dnetrec.mode=replay"), "4");
        assertEquals("", git(project, "status", "--porcelain"));
        assertEquals(recorded, requests.get());

        // 3. recording the same traffic again: git diff is empty (but for the day, if midnight passed meanwhile)
        start();
        assertPassed(mvn(project, false, "test", "-Dnetrec.mode=record", "-Dtest=WeatherTest", "-Dalerts=true"), "2");
        boolean sameDay = firstDay.equals(LocalDate.now(ZoneOffset.UTC));
        assertEquals(List.of(), changedLines(project).stream().filter(l -> sameDay || !l.matches("[-+]  started: .*"))
                .collect(Collectors.toList()), "recording the same traffic again changes no line");
        commit(project, "recorded again");

        // 4. recording again with the stand-in down: the test fails, the cassette stays, one line says so
        stop();
        ChildJvm.Result down = mvn(project, false, "test", "-Dnetrec.mode=record", "-Dtest=WeatherTest#sunny");
        assertTrue(down.exitCode != 0, down.stdout);
        assertEquals("", git(project, "status", "--porcelain"), "the committed cassette is untouched");
        String said = "netrec: WeatherTest.sunny recorded only 1 failed connect or lookup (are its servers down?), so "
                + recording(project, "WeatherTest/sunny").getParent().getParent().toRealPath() + " is left as it was";
        assertEquals(1, occurrences(down.stdout, said), down.stdout);

        // 5. the API changed: recording again shows exactly the changed answer
        start();
        answers.put("/forecast paris", "rainy");
        assertPassed(mvn(project, false, "test", "-Dnetrec.mode=record", "-Dtest=WeatherTest#sunny"), "1");
        assertEquals(List.of("-      body: sunny", "+      body: rainy"), changedLines(project));
        commit(project, "Paris: rainy");

        // 6. prune: the last passing replay of 'several' never asked for the alerts
        stop();
        assertPassed(mvn(project, true, "test", "-Dnetrec.mode=replay", "-Dtest=WeatherTest#several"), "1");
        Path report = project.resolve("target/netrec/WeatherTest/several/replay-report.txt");
        assertTrue(Files.readString(report).contains("\npassed: yes\n"), Files.readString(report));
        Process prune = new ProcessBuilder(ChildJvm.javaExecutable(), "-jar", SampleBuilds.agentInRepository(),
                "prune", "src/test/resources/netrec/WeatherTest/several").directory(project.toFile())
                .redirectErrorStream(true).start();
        String pruned = new String(prune.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(prune.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, prune.exitValue(), pruned);
        assertTrue(pruned.startsWith("pruned 1 interaction the last replay never used"), pruned);
        List<String> prunedLines = changedLines(project);
        assertTrue(prunedLines.stream().allMatch(l -> l.startsWith("-")) && prunedLines.contains(
                "-      uri: http://localhost:" + port + "/alerts?city=oslo"), prunedLines.toString());
        assertPassed(mvn(project, true, "test", "-Dnetrec.mode=replay", "-Dtest=WeatherTest#several"), "1");
        commit(project, "pruned");

        // 7. expiry: both AgedTest cassettes were recorded long ago
        for (String test : List.of("AgedTest/refreshed", "AgedTest/failed")) {
            Path file = recording(project, test);
            Files.writeString(file, Files.readString(file).replaceFirst("(?m)^  started: .*$", "  started: 2020-01-02"));
        }
        commit(project, "aged");
        ChildJvm.Result stale = mvn(project, true, "test", "-Dtest=AgedTest");
        assertTrue(stale.stdout.contains("AgedTest.refreshed: the cassette " + recording(project, "AgedTest/refreshed")
                .getParent().getParent().toRealPath() + " was recorded on 2020-01-02"), stale.stdout);
        assertTrue(stale.stdout.contains("cannot be reached to record it again, so it replays as it is"), stale.stdout);
        assertTrue(stale.stdout.contains("more than its max-age of 30 days (expired=fail)"), stale.stdout);
        assertTrue(stale.stdout.contains("Tests run: 2, Failures: 0, Errors: 1"), stale.stdout);
        assertEquals("", git(project, "status", "--porcelain"), "a stand-in that is down refreshes nothing");
        start();
        mvn(project, false, "test", "-Dtest=AgedTest#refreshed");
        assertEquals(List.of("-  started: 2020-01-02", "+  started: " + LocalDate.now(ZoneOffset.UTC)),
                changedLines(project), "refreshed: the same answer, recorded today");

        // 8. replay of a cassette that does not exist fails at its first call, even to the live stand-in
        int before = requests.get();
        ChildJvm.Result missing = mvn(project, false, "test", "-Dnetrec.mode=replay", "-Dtest=WeatherTest#sunny",
                "-Dnetrec.cassettes=" + work.resolve("nowhere"));
        assertTrue(missing.stdout.contains("which does not exist, answers nothing, so no connection is made"),
                missing.stdout);
        assertEquals(before, requests.get(), "the live stand-in on loopback was not asked");

        // 9. the suite in parallel (JUnit's own settings, four at a time): each test records its own cassette again,
        // and only the expired one changes (its day); then it replays offline in parallel, changing nothing
        commit(project, "refreshed");
        Files.writeString(project.resolve("src/test/resources/junit-platform.properties"), String.join("\n",
                "junit.jupiter.execution.parallel.enabled=true",
                "junit.jupiter.execution.parallel.mode.default=concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default=concurrent",
                "junit.jupiter.execution.parallel.config.strategy=fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism=4", ""));
        commit(project, "tests in parallel");
        assertPassed(mvn(project, false, "test", "-Dnetrec.mode=record"), "4");
        List<String> changed = changedLines(project);
        if (firstDay.equals(LocalDate.now(ZoneOffset.UTC))) {
            assertEquals(List.of("-  started: 2020-01-02", "+  started: " + firstDay), changed,
                    "in parallel, each test recorded its own traffic again");
        } else { // midnight passed since the first recording: every cassette's day changed, nothing else may
            assertTrue(changed.stream().allMatch(l -> l.matches("[-+]  started: .*")), changed.toString());
        }
        commit(project, "recorded in parallel");
        stop();
        assertPassed(mvn(project, true, "test", "-Dnetrec.mode=replay"), "4");
        assertEquals("", git(project, "status", "--porcelain"));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
