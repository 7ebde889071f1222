package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import netrec.it.support.ChildJvm;
import netrec.it.support.TestCertificates;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs that are not JVMs, run by a command under the launcher, go through netrec's proxy: curl and wget (as the
 * machine has them) recorded over HTTPS, which the run's own authority lets the proxy read, and over plain HTTP,
 * against a server on this machine, then replayed with the server stopped in a network namespace, printing the same
 * bytes; a request the cassette lacks is answered with netrec's reason; {@code --no-proxy} leaves them alone.
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
        String binarySha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TestServer.binary()));
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
