package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP/2 response head over 4,096 bytes (a 5,000-byte field, from WireMock's Jetty over h2) records, and replays
 * to the same client as recorded: replay's HPACK encoder keeps to the client's SETTINGS_MAX_HEADER_LIST_SIZE, or to
 * none when the client announces none, as HTTP/2 says, rather than to the encoder's own 4,096.
 */
class Http2LargeHeadsIT {
    @TempDir
    Path work;

    @Test
    void jdkHttpClientGetsALargeHttp2HeadReplayedAsRecorded() throws Exception {
        recordThenReplay("jdkhttp");
    }

    @Test
    void okHttpGetsALargeHttp2HeadReplayedAsRecorded() throws Exception {
        recordThenReplay("okhttp");
    }

    private void recordThenReplay(String client) throws Exception {
        Path cassette = work.resolve("cassette");
        ChildJvm.Result recorded;
        String request;
        try (TestServer server = TestServer.start(work.resolve("server"))) {
            request = "GET " + server.https() + "/large-head";
            recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(ClientMain.class.getName(), client, request).run(work);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.stdout.contains("x-scenario=large hhhh"), recorded.toString());
        String recording = Files.readString(RecordReplayScenario.onlyRecordingFile(cassette));
        assertTrue(recording.contains("    protocol: h2"), recording);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(ClientMain.class.getName(), client, request).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(recorded.stdout, replayed.stdout);
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }
}
