package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netrec.cassette.store.MachineCache;
import netrec.cassette.store.StoreAddress;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.support.MavenRun;
import netrec.store.testing.S3ProxyServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real open-source builds, as their projects ship them, recorded against Maven Central itself and rebuilt from the
 * cassette with an empty local repository in a network namespace with only loopback: samples/real-builds/
 * record-and-replay.sh, which fails unless the replayed build succeeds, misses nothing and downloads byte-identical
 * files. Run with {@code -Pfull} (CI runs it); without Maven Central these fail, saying so.
 */
class RealBuildsIT {
    private static final Path SAMPLES = Paths.get(System.getProperty("netrec.samples", "../samples"));
    /**
     * The projects' own source-format check (Spotless 2.28) has nothing to do with the network, fails on JDK 25 (it
     * calls javac internals) and refuses the CRLF line endings of one source release: it is skipped.
     */
    private static final String NO_FORMAT_CHECK = "-Dspotless.check.skip=true";

    @BeforeAll
    static void needsNetworkNamespaces() {
        assertTrue(ChildJvm.networkNamespacesWork(), "this machine cannot make network namespaces (unshare -n), so "
                + "an offline replay cannot be proven here; run as root or allow unprivileged user namespaces");
    }

    /**
     * The user's own route, no launcher: {@code JAVA_TOOL_OPTIONS} set by hand for every JVM of the build, the
     * replay in {@code unshare -n}.
     */
    @JdkIndependent("Maven 3.8's transport is Apache HttpClient 4 on blocking sockets and SSLSocket, which run on JDK "
            + "25 in UrlConnectionRecordReplayIT and OkHttpRecordReplayIT; a whole build against Maven Central, its "
            + "forked JVMs under JAVA_TOOL_OPTIONS included, runs on JDK 25 in MavenBuildIT (Maven 4, the JDK's "
            + "HttpClient)")
    @Test
    void multiModuleBuildOnMaven387ThroughJavaToolOptions(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path work)
            throws Exception {
        Result build = run(work, "machine", "java-tool-options", false, "org.apache.maven.enforcer:enforcer:3.5.0",
                "package", "-DskipTests", NO_FORMAT_CHECK);
        assertTrue(build.log.contains("Reactor Summary"), build.log);
        assertTrue(build.downloads >= 1500, build.log);
    }

    /**
     * Through the launcher into an S3-compatible store (S3Proxy on loopback): recorded with one machine's cache,
     * replayed with no network on a clean one (the launcher fetching it first), then again with the store stopped,
     * from that cache alone; and built a third time from the cassette written out by {@code maven-repository},
     * offline, without netrec.
     */
    @Test
    void pluginBuildOnMaven4ThroughTheLauncherAndAStoreThenFromTheCassettesFiles(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path work, @TempDir Path storeData) throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(storeData, "cassettes")) { // the script empties work first
            Result build = run(work, "4.0.0-rc-4", "launcher", true, s3,
                    "org.apache.maven.plugins:maven-clean-plugin:3.4.0", "package", "-DskipTests", NO_FORMAT_CHECK);
            assertTrue(build.downloads >= 1300, "1,300 files or more: " + build.log);
            String recordLog = Files.readString(work.resolve("record.log"));
            assertTrue(recordLog.contains("netrec: published " + STORED + ": "), recordLog);
            String fromFilesLog = Files.readString(work.resolve("from-files.log"));
            assertTrue(fromFilesLog.contains("BUILD SUCCESS"), fromFilesLog);
            assertEquals(2, build.log.split("identical: all " + build.downloads + " files", -1).length - 1,
                    "the files Maven downloaded from them are those it downloaded when recorded: " + build.log);
            s3.close();
            ChildJvm.Result again = store(MavenRun.of(), s3, work.resolve("cache-replayer"))
                    .runScript(work, "replay-again.sh");
            assertEquals(0, again.exitCode, again.stdout);
            assertTrue(again.stdout.contains("BUILD SUCCESS"), again.stdout);
            assertTrue(again.stdout.contains("netrec: the store could not be reached"), again.stdout);
        }
    }

    /** Where {@link #pluginBuildOnMaven4ThroughTheLauncherAndAStoreThenFromTheCassettesFiles} keeps its cassette. */
    private static final String STORED = "s3://cassettes/real-builds/clean-plugin";

    /** Maven's run given the store as a user gives it, and a cache. */
    private static MavenRun store(MavenRun run, S3ProxyServer s3, Path cache) {
        return run.env(s3.environment(cache));
    }

    @JdkIndependent("what this adds to the builds above is Maven's parallel resolution and a native tool fetched as "
            + "an artifact: the same HTTP client on the same JDK classes as the enforcer build, which JDK 25 runs")
    @Test
    void parallelBuildThatDownloadsANativeToolOnMaven39ThroughTheLauncher(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path work) throws Exception {
        ChildJvm.Result run = MavenRun.of().env("MVN", MavenBuildIT.mavenCommand("3.9.16")).env("WORK", work.toString())
                .env("NETREC_JAR", ChildJvm.agentJar().toString()).within(Duration.ofMinutes(5))
                .runScript(SAMPLES.resolve("native-tool-build"), "record-and-replay.sh");
        assertEquals(0, run.exitCode, run.stdout);
        assertTrue(run.stdout.matches("(?s).*identical: all \\d+ files Maven downloaded.*"), run.stdout);
        assertTrue(run.stdout.contains("the replayed build's application says: Oslo: -3 degrees"), run.stdout);
        assertTrue(Files.readString(work.resolve("replay.log")).contains("protoc"), "protoc ran in the replay");
    }

    /**
     * The build in {@code work}: some 300 MB (two local repositories), kept when the test fails; {@code fromFiles}:
     * built a third time from the cassette written out as Maven repositories.
     */
    private static Result run(Path work, String maven, String route, boolean fromFiles, String source,
            String... goals) throws Exception {
        return run(work, maven, route, fromFiles, null, source, goals);
    }

    /**
     * {@code s3}: the cassette is {@link #STORED} there (the script's {@code STORE}), and the script also writes its
     * replay to {@code replay-again.sh} in {@code work}, to run once more.
     */
    private static Result run(Path work, String maven, String route, boolean fromFiles, S3ProxyServer s3,
            String source, String... goals) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(source));
        arguments.addAll(List.of(goals));
        MavenRun script = MavenRun.of().env("MVN", MavenBuildIT.mavenCommand(maven)).env("ROUTE", route)
                .env("WORK", work.toString()).env("NETREC_JAR", ChildJvm.agentJar().toString())
                .env("FROM_FILES", fromFiles ? "yes" : "no");
        Path cassette = work.resolve("cassette");
        if (s3 != null) {
            script = store(script, s3, work.resolve("unused")).env("STORE", STORED);
            cassette = MachineCache.copyOf(StoreAddress.parse(STORED), Map.of("NETREC_CACHE",
                    work.resolve("cache-replayer").toString()));
        }
        ChildJvm.Result run = script.within(Duration.ofMinutes(15)).runScript(SAMPLES.resolve("real-builds"),
                "record-and-replay.sh", arguments.toArray(String[]::new));
        assertEquals(0, run.exitCode, run.stdout);
        String replayLog = Files.readString(work.resolve("replay.log"));
        assertTrue(replayLog.contains("BUILD SUCCESS"), replayLog);
        if (route.equals("launcher")) {
            String report = Files.readString(cassette.resolve(".netrec").resolve("replay-report.txt"));
            assertTrue(report.matches("(?s)replayed \\d+ requests from .*, 0 missed, .*"), report);
        }
        Matcher identical = Pattern.compile("identical: all (\\d+) files Maven downloaded").matcher(run.stdout);
        assertTrue(identical.find(), run.stdout);
        return new Result(run.stdout + "\n--- replay.log\n" + replayLog, Integer.parseInt(identical.group(1)));
    }

    private static final class Result {
        final String log;
        final int downloads;

        Result(String log, int downloads) {
            this.log = log;
            this.downloads = downloads;
        }
    }
}
