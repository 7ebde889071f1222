package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.ForwardProxy;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain HTTP sent through a forward proxy is recorded under the origin, with the proxy noted as {@code via}, and
 * replays offline with the proxy or without it.
 */
class ForwardProxyIT {
    private static final String MAIN = ClientMain.class.getName();

    @TempDir
    Path work;

    @Test
    void plainHttpThroughAProxyIsRecordedUnderTheOriginAndReplaysWithTheProxyOrWithout() throws Exception {
        Path cassette = work.resolve("cassette");
        String base;
        String requests;
        int proxyPort;
        ChildJvm.Result recorded;
        try (TestServer server = TestServer.start(work.resolve("files")); ForwardProxy proxy = new ForwardProxy()) {
            base = server.http();
            proxyPort = proxy.port();
            requests = "GET " + base + "/json; GET " + base + "/keepalive/1";
            recorded = throughProxy(ChildJvm.withAgent("record,cassette=" + cassette), proxyPort)
                    .main(MAIN, "urlconnection", requests).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertEquals(2, proxy.forwarded(), "the client went through the proxy");
        }
        String yaml = Files.readString(RecordReplayScenario.onlyRecordingFile(cassette));
        assertTrue(yaml.contains("uri: " + base + "/json"), yaml);
        assertTrue(yaml.contains("via: 127.0.0.1:" + proxyPort), yaml);

        ChildJvm.Result withProxy = throughProxy(RecordReplayScenario.replayJvm(cassette), proxyPort)
                .main(MAIN, "urlconnection", requests).run(work);
        ChildJvm.Result withoutProxy = RecordReplayScenario.replayJvm(cassette).main(MAIN, "urlconnection", requests)
                .run(work);

        assertEquals(0, withProxy.exitCode, withProxy.toString());
        assertEquals(recorded.lines(), withProxy.lines());
        assertEquals(0, withoutProxy.exitCode, withoutProxy.toString());
        assertEquals(recorded.lines(), withoutProxy.lines());
    }

    private static ChildJvm throughProxy(ChildJvm jvm, int proxyPort) {
        return jvm.jvmOption("-Dhttp.proxyHost=127.0.0.1").jvmOption("-Dhttp.proxyPort=" + proxyPort)
                .jvmOption("-Dhttp.nonProxyHosts=");
    }
}
