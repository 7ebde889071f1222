package netrec.it;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The record/replay scenario through Jetty 12's HttpClient on its HTTP/2 transport (h2 by ALPN, h2c with prior
 * knowledge).
 */
class JettyHttp2RecordReplayIT extends RecordReplayScenario {
    @Override
    String client() {
        return "jetty-h2";
    }

    /** Jetty's HTTP/2 client reports the connection's failure as a bare ClosedChannelException. */
    @Override
    boolean clientExceptionCarriesMissExplanation() {
        return false;
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
