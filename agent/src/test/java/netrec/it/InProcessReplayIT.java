package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replay answers blocking sockets inside the JVM, with no socket underneath: each client on blocking sockets
 * replays the whole scenario, TLS included, in a network namespace where not even loopback is up, so no connection
 * to anything, the in-JVM replay server included, could have carried it.
 */
class InProcessReplayIT {
    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"urlconnection", "apache4", "apache5", "okhttp"})
    void blockingClientsReplayWithNotEvenLoopback(String client) throws Exception {
        assumeTrue(ChildJvm.networkNamespacesWork(), "this machine cannot make a network namespace (unshare -n)");
        Path cassette = work.resolve("cassette");
        String base;
        ChildJvm.Result recorded;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = server.https();
            recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(ClientMain.class.getName(), client, RecordReplayScenario.requests(base)).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
        }

        ChildJvm.Result replayed = ChildJvm.withAgent("replay,cassette=" + cassette).withoutLoopback()
                .main(ClientMain.class.getName(), client, RecordReplayScenario.requests(base)).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(recorded.lines(), replayed.lines());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }
}
