package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import netrec.it.failures.FailingCallsMain;
import netrec.it.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures are part of the conversation: a name that did not resolve and connects that were refused while recording
 * are recorded as such, and replay fails the same calls with the same exceptions, saying so, counted apart from
 * misses, where the machine allows it in a network namespace with only loopback.
 */
class FailuresIT {
    private static final String MAIN = FailingCallsMain.class.getName();

    @TempDir
    Path work;

    @Test
    void failedLookupsAndRefusedConnectsReplayAsTheSameFailures() throws Exception {
        Path cassette = work.resolve("cassette");
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        String port = String.valueOf(closedPort());

        ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(MAIN, host, port).run(work);

        assertEquals(0, recorded.exitCode, recorded.toString());
        assertEquals(List.of("lookup nosuch.invalid -> java.net.UnknownHostException",
                "socket " + host + ":" + port + " -> java.net.ConnectException",
                "channel " + host + ":" + port + " -> java.net.ConnectException",
                "http " + host + ":" + port + " -> java.net.ConnectException"), recorded.lines());
        String yaml = Files.readString(onlyRecordingFile(cassette));
        assertTrue(yaml.contains("    lookup: nosuch.invalid\n    failed:\n      error: java.net.UnknownHostException"),
                yaml);
        assertEquals(3, yaml.split("error: java.net.ConnectException", -1).length - 1, yaml);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(MAIN, host, port, "--messages").run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        List<String> calls = replayed.lines().stream().filter(line -> !line.startsWith("  "))
                .collect(Collectors.toList());
        assertEquals(recorded.lines(), calls);
        for (String message : replayed.lines().stream().filter(line -> line.startsWith("  "))
                .collect(Collectors.toList())) {
            assertTrue(message.contains("when recorded"), replayed.toString());
        }
        assertFalse(replayed.stderr.contains("replay miss"), replayed.stderr);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path onlyRecordingFile(Path cassette) throws Exception {
        try (var files = Files.list(cassette.resolve("interactions"))) {
            List<Path> yaml = files.collect(Collectors.toList());
            assertEquals(1, yaml.size(), yaml.toString());
            return yaml.get(0);
        }
    }
}
