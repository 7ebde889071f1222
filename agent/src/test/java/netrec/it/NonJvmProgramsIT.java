package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import netrec.it.support.ChildJvm;
import netrec.it.support.FileDigests;
import netrec.it.support.NpmRegistry;
import netrec.it.support.TestCertificates;
import netrec.it.support.TestServer;
import netrec.it.support.TunnelProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs that are not JVMs, run by a command under the launcher, go through netrec's proxy: curl and wget (as the
 * machine has them) recorded over HTTPS, which the run's own authority lets the proxy read, and over plain HTTP,
 * against a server on this machine, and npm against a registry on it, then replayed with the server stopped in a
 * network namespace, printing the same bytes, installing the same files; a request the cassette lacks is answered
 * with netrec's reason; {@code --no-proxy} leaves them alone.
 */
class NonJvmProgramsIT {
    @TempDir
    Path work;

    /** The launcher, trusting the test server's certificate as a user's JVM trusts their servers'. */
    private static ChildJvm launcher(String... args) {
        return ChildJvm.netrecCommand(args).jvmOption("-Djavax.net.ssl.trustStore=" + TestCertificates.trustStore())
                .jvmOption("-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD);
    }

    private static ChildJvm launcher(String mode, Path cassette, boolean offline, String script) {
        List<String> args = new ArrayList<>(List.of(mode, "--cassette", cassette.toString()));
        if (offline && ChildJvm.networkNamespacesWork()) {
            args.add("--no-network");
        }
        args.addAll(List.of("--", "sh", "-c", script));
        return launcher(args.toArray(new String[0]));
    }

    @Test
    void curlAndWgetAreRecordedAndReplayedOffline() throws Exception {
        Path cassette = work.resolve("cassette");
        String binarySha256 = FileDigests.sha256(TestServer.binary());
        String script;
        ChildJvm.Result recorded;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            script = "curl -sS " + server.https() + "/json && echo && wget -q -O - " + server.https() + "/binary"
                    + " | sha256sum && curl -sS " + server.http() + "/json";
            recorded = launcher("record", cassette, false, script).run(work);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        String expected = TestServer.JSON + "\n" + binarySha256 + "  -\n" + TestServer.JSON;
        assertEquals(expected, recorded.stdout, recorded.toString());
        String recording = Files.readString(cassette.resolve("interactions").resolve("ProxiedCommand.yaml"));
        assertTrue(recording.contains("User-Agent: curl/"), recording);
        assertTrue(recording.contains("User-Agent: Wget/"), recording);
        assertTrue(recording.contains("uri: https://localhost:"), "HTTPS recorded as its plaintext: " + recording);

        ChildJvm.Result replayed = launcher("replay", cassette, true, script).run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(expected, replayed.stdout, replayed.toString());

        String lacking = recording.substring(recording.indexOf("uri: https://localhost:") + 5);
        lacking = lacking.substring(0, lacking.indexOf("/json")) + "/not-recorded";
        ChildJvm.Result missed = launcher("replay", cassette, true, "curl -sS " + lacking).run(work);
        assertTrue(missed.stdout.startsWith("netrec: no recorded interaction matches GET " + lacking),
                "curl shows netrec's reason: " + missed);
        assertTrue(missed.stderr.contains("1 missed"), missed.toString());
    }

    /**
     * Behind a company's proxy ({@code https_proxy} set for the command, as such a network asks): recording, netrec's
     * proxy reaches the server through it, and the plaintext is recorded under the server's name; replay needs it not.
     */
    @Test
    void theProxyTheProgramsHadIsGoneThroughWhenRecording() throws Exception {
        Path cassette = work.resolve("cassette");
        String script;
        ChildJvm.Result recorded;
        try (TestServer server = TestServer.start(work.resolve("files")); TunnelProxy company = new TunnelProxy()) {
            script = "curl -sS " + server.https() + "/json";
            recorded = launcher("record", cassette, false, script).env("https_proxy", "http://127.0.0.1:"
                    + company.port()).run(work);
            assertEquals(1, company.tunnels(), "through the company's proxy: " + company.requestLines());
            assertTrue(company.requestLines().get(0).startsWith("CONNECT localhost:"),
                    company.requestLines().toString());
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertEquals(TestServer.JSON, recorded.stdout, recorded.toString());
        String recording = Files.readString(cassette.resolve("interactions").resolve("ProxiedCommand.yaml"));
        assertTrue(recording.contains("uri: https://localhost:"), "under the server's name: " + recording);

        ChildJvm.Result replayed = launcher("replay", cassette, true, script).env("https_proxy", "http://127.0.0.1:9")
                .run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(TestServer.JSON, replayed.stdout, replayed.toString());
    }

    /**
     * {@code npm install} of two packages from a registry over HTTPS (npm trusts what {@code npm_config_cafile} names,
     * over the {@code cafile} of Debian's npmrc), replayed offline with the registry stopped and an empty cache: the
     * same files installed.
     */
    @Test
    void npmInstallIsRecordedAndReplayedOffline() throws Exception {
        Path project = Files.createDirectories(work.resolve("project"));
        Files.writeString(project.resolve("package.json"), "{\"name\":\"netrec-npm-check\",\"version\":\"1.0.0\","
                + "\"private\":true,\"dependencies\":{\"netrec-left\":\"1.0.0\",\"netrec-right\":\"1.0.0\"}}\n");
        Path cassette = work.resolve("cassette");
        String install;
        ChildJvm.Result recorded;
        try (NpmRegistry registry = NpmRegistry.start(work.resolve("registry"))) {
            registry.publish("netrec-left", "1.0.0", "'left'");
            registry.publish("netrec-right", "1.0.0", "'right'");
            install = "npm install --registry " + registry.url() + " --no-audit --no-fund --cache ";
            recorded = launcher("record", cassette, false, "cd '" + project + "' && " + install
                    + work.resolve("recording-cache")).run(work);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        Map<String, String> installed = FileDigests.of(project.resolve("node_modules"));
        assertTrue(installed.containsKey("netrec-left/index.js") && installed.containsKey("netrec-right/index.js"),
                installed.keySet().toString());
        deleteTree(project.resolve("node_modules"));
        Files.delete(project.resolve("package-lock.json"));

        ChildJvm.Result replayed = launcher("replay", cassette, true, "cd '" + project + "' && " + install
                + work.resolve("replay-cache")).run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(installed, FileDigests.of(project.resolve("node_modules")));
    }


    private static void deleteTree(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    @Test
    void noProxyLeavesThemAlone() throws Exception {
        Path cassette = work.resolve("cassette");
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            ChildJvm.Result recorded = launcher("record", "--cassette", cassette.toString(), "--no-proxy", "--",
                    "curl", "-sS", server.http() + "/json").run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertEquals(TestServer.JSON, recorded.stdout);
            assertTrue(recorded.stderr.contains("netrec: the command recorded nothing"), recorded.toString());
            assertFalse(Files.exists(cassette.resolve("interactions")), "nothing recorded");
        }
    }
}
