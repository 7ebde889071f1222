package netrec.it;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The record/replay scenario through a client set up for HTTP/2 only: h2 by ALPN over TLS, h2c with prior knowledge
 * over plain HTTP.
 */
abstract class Http2OnlyScenario extends RecordReplayScenario {
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
    @Disabled("a client set up for HTTP/2 only is not given a proxy here; HTTPS through a CONNECT proxy is covered over "
            + "HTTP/2 by OkHttp and the JDK HttpClient")
    void replayServesHttpsRecordedThroughAConnectProxy() {
    }
}
