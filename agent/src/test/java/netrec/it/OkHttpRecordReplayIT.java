package netrec.it;

import netrec.it.support.AlsoCoversJdkClasses;

/** The record/replay scenario through OkHttp 4. */
@AlsoCoversJdkClasses("SSLSocketFactory.createSocket over a connected socket: TLS layered by the client, as OkHttp "
        + "and Apache HttpClient start it")
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
