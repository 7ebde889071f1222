package netrec.it;

import netrec.it.support.JdkIndependent;

/** The record/replay scenario through Apache HttpClient 5 (classic, pooled). */
@JdkIndependent("Apache HttpClient meets the JDK through Socket and SSLSocket streams, as HttpURLConnection and "
        + "OkHttp do on both JDKs (UrlConnectionRecordReplayIT, OkHttpRecordReplayIT, MissMessagesIT)")
class Apache5RecordReplayIT extends RecordReplayScenario {
    @Override
    String client() {
        return "apache5";
    }

    @Override
    boolean answeredWithoutASocket() {
        return true;
    }
}
