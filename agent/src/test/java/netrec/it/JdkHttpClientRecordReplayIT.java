package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.CoversJdkClasses;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The record/replay scenario through the JDK's HttpClient (NIO channels, SSLEngine), which prefers HTTP/2: over TLS
 * it speaks HTTP/2, recorded as {@code h2} and replayed through an identity SSLEngine; over plain HTTP it switches to
 * HTTP/2 with {@code Upgrade: h2c}, recorded as {@code h2} too, and replay declines the upgrade and answers in
 * HTTP/1.1.
 */
@CoversJdkClasses("java.net.http.HttpClient over SocketChannel and SSLEngine")
class JdkHttpClientRecordReplayIT extends RecordReplayScenario {
    @Override
    String client() {
        return "jdkhttp";
    }

    @Override
    String protocolOverTls() {
        return "h2";
    }

    /** Its first request carries {@code Upgrade: h2c}, which the server accepts; replay declines it. */
    @Override
    String protocolOverPlainHttp() {
        return "h2";
    }

    @Test
    void aHundredConcurrentHttp2StreamsEachReplayToTheirOwnRequest() throws Exception {
        Path cassette = work.resolve("cassette");
        String base;
        List<String> expected = new ArrayList<>();
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = server.https() + "/echo-path";
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(ClientMain.class.getName(), client(), "async", "100", base).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            for (int i = 1; i <= 100; i++) {
                expected.add(i + " -> 200 path=/echo-path/" + i);
            }
            assertEquals(expected, recorded.lines());
        }
        assertEquals(Set.of("h2"), protocolsSpokenWith(cassette, base));
        ChildJvm.Result replayed = replayJvm(cassette).main(ClientMain.class.getName(), client(), "async", "100", base)
                .run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(expected, replayed.lines());
    }

    /** The shared recording's HTTPS exchanges, made over HTTP/2, replayed to the same client told to keep to HTTP/1.1. */
    @Test
    void recordedOverHttp2ItReplaysToAClientKeptOnHttp11() throws Exception {
        String requests = requests(sharedHttps());
        int count = requests.split(";").length;
        ChildJvm replaying = ChildJvm.withAgent("replay,http2=downgrade,cassette=" + sharedCassette());
        ChildJvm.Result downgraded = (ChildJvm.networkNamespacesWork() ? replaying.offline() : replaying)
                .main(ClientMain.class.getName(), client(), requests).run(work);

        assertEquals(0, downgraded.exitCode, downgraded.toString());
        assertEquals(sharedRecording().lines().subList(count, 2 * count), downgraded.lines());
    }

    @Override
    boolean standsForConnectProxies() {
        return true;
    }
}
