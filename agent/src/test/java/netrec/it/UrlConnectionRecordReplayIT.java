package netrec.it;

/** The record/replay scenario through HttpURLConnection and HttpsURLConnection. */
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
