package netrec.it;

import netrec.it.support.CoversJdkClasses;

/** The record/replay scenario through OkHttp 4. */
@CoversJdkClasses("SSLSocketFactory.createSocket over a connected socket: TLS layered, as OkHttp and Apache HttpClient "
        + "start it")
class OkHttpRecordReplayIT extends RecordReplayScenario {
    @Override
    String client() {
        return "okhttp";
    }

    @Override
    String protocolOverTls() {
        return "h2";
    }

    @Override
    boolean standsForConnectProxies() {
        return true;
    }

    @Override
    boolean answeredWithoutASocket() {
        return true;
    }
}
