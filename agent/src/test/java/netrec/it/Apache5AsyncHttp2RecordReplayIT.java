package netrec.it;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The record/replay scenario through Apache HttpClient 5's async HTTP/2 client (h2 by ALPN, h2c with prior knowledge).
 */
class Apache5AsyncHttp2RecordReplayIT extends RecordReplayScenario {
    @Override
    String client() {
        return "apache5-async-h2";
    }

    @Override
    String protocolOverTls() {
        return "h2";
    }

    @Override
    String protocolOverPlainHttp() {
        return "h2";
    }

    @Override
    @Test
    @Disabled("this client, set up for HTTP/2 only, is not given a proxy; HTTPS through a CONNECT proxy is covered "
            + "over HTTP/2 by OkHttp and the JDK HttpClient")
    void replayServesHttpsRecordedThroughAConnectProxy() {
    }
}
