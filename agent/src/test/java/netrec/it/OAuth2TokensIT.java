package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import netrec.it.client.OAuth2ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.OAuth2Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access token an OAuth2 server hands out never reaches the cassette, and a flow that gets one and calls a
 * protected endpoint with it replays offline: against a real authorization server from Maven Central
 * ({@link OAuth2Server}), which signs JWT access tokens and checks them at its userinfo endpoint.
 */
class OAuth2TokensIT {
    @TempDir
    Path work;

    @Test
    void aClientCredentialsFlowKeepsNoTokenOrSecretAndReplaysOffline() throws Exception {
        Path cassette = work.resolve("cassette");
        String issuer;
        ChildJvm.Result recorded;
        try (OAuth2Server server = OAuth2Server.start()) {
            issuer = server.issuer();
            recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(OAuth2ClientMain.class.getName(), issuer, "billing-service", "s3cret-of-billing").run(work);
        }
        assertEquals(List.of("token: 200 Bearer, scope api", "userinfo: 200 sub billing-service, aud api"),
                recorded.lines(), recorded.toString());
        RecordReplayScenario.assertQuiet(recorded.stderr);
        String everything = RecordReplayScenario.everythingIn(cassette);
        // a JWT's header, {"kid":... or {"alg":..., is base64url and so begins eyJ; the secret went as HTTP Basic
        assertFalse(everything.contains("eyJ"), "a JWT in " + everything);
        assertFalse(everything.contains("YmlsbGluZy1zZXJ2aWNlOnMzY3JldC1vZi1iaWxsaW5n"), everything);
        // the body is written as a YAML string in double quotes, its own quotes escaped
        assertTrue(everything.contains("\\\"access_token\\\":\\\"<redacted by netrec>\\\""), everything);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(OAuth2ClientMain.class.getName(), issuer, "billing-service", "another secret").run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(recorded.lines(), replayed.lines(), replayed.toString());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }
}
