package netrec.it;

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
}
