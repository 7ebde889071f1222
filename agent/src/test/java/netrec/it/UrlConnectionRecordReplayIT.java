package netrec.it;

import netrec.it.support.CoversJdkClasses;

/** The record/replay scenario through HttpURLConnection and HttpsURLConnection. */
@CoversJdkClasses("Socket and its SocketImpl, SSLSocket, HttpURLConnection, InetAddress")
class UrlConnectionRecordReplayIT extends RecordReplayScenario {
    @Override
    String client() {
        return "urlconnection";
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
