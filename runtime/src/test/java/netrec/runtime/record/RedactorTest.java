package netrec.runtime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Pace;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Redaction;
import netrec.cassette.Server;
import netrec.cassette.yaml.CassetteYaml;
import org.junit.jupiter.api.Test;

/** Secrets by default leave no trace in what is written; each kind of place is its own row. */
class RedactorTest {
    private static final Redactor DEFAULT = new Redactor(Redaction.byDefault());

    @Test
    void secretHeadersQueryValuesFormAndJsonFieldsAreTakenOut() {
        String[] secrets = {"k-live-123456", "tok-abcdef", "hunter2-form", "hunter2-json", "xat-999999", "bearer-77"};
        Interaction json = interaction("POST", "https://api.example.org:443/v1/x?api_key=" + secrets[0]
                        + "&access_token=" + secrets[1] + "&page=2",
                List.of("X-Api-Key", secrets[0], "X-Auth-Token", secrets[4], "Authorization", "Bearer " + secrets[5],
                        "Content-Type", "application/json", "Accept", "*/*"),
                "{\"user\": \"me\", \"password\": \"" + secrets[3] + "\", \"nested\": {\"client_secret\": \""
                        + secrets[3] + "\", \"n\": 1}}",
                "{\"echo\": \"" + secrets[0] + "\", \"ok\": true}", List.of("Content-Length", "44", "Location",
                        "/next?access_token=" + secrets[1]));
        Interaction form = interaction("POST", "https://api.example.org:443/login", List.of("Content-Type",
                "application/x-www-form-urlencoded"), "user=me&password=" + secrets[2], "welcome", List.of());
        for (Interaction interaction : List.of(json, form)) {
            String written = CassetteYaml.entry(DEFAULT.apply(interaction));
            for (String secret : secrets) {
                assertFalse(written.contains(secret), secret + " in\n" + written);
            }
        }
        Interaction redacted = DEFAULT.apply(json);
        assertEquals("https://api.example.org:443/v1/x?api_key={redacted}&access_token={redacted}&page=2",
                redacted.request().uri());
        assertEquals("<redacted by netrec>", redacted.request().headers().first("X-Api-Key"));
        assertEquals("*/*", redacted.request().headers().first("Accept"));
        assertEquals("{\"user\":\"me\",\"password\":\"<redacted by netrec>\",\"nested\":{\"client_secret\":"
                + "\"<redacted by netrec>\",\"n\":1}}", redacted.request().body().text());
        assertEquals("{\"echo\": \"<redacted by netrec>\", \"ok\": true}", redacted.response().body().text());
        assertEquals(String.valueOf(redacted.response().body().size()),
                redacted.response().headers().first("Content-Length"), "the length follows the redacted body");
        assertEquals("/next?access_token=<redacted by netrec>", redacted.response().headers().first("Location"));
        assertEquals("user=me&password=%3Credacted+by+netrec%3E", DEFAULT.apply(form).request().body().text());
    }

    @Test
    void aRedactedInteractionKeepsItsConnectionAndItsPace() {
        Interaction secret = interaction("GET", "https://api.example.org:443/v1/events", List.of("Authorization",
                "Bearer tok-123456"), "", "data: one", List.of());
        Interaction numbered = new Interaction(secret.recordedAt(), secret.server(), secret.protocol(),
                secret.request(), secret.response().withPace(Pace.of(List.of(new Pace.Point(0, 40),
                        new Pace.Point(9, 300)))), "").inConnection(7);

        Interaction redacted = DEFAULT.apply(numbered);

        assertEquals("<redacted by netrec>", redacted.request().headers().first("Authorization"));
        assertEquals(7, redacted.connection());
        assertEquals("[[0, 40], [9, 300]]", redacted.response().pace().points().toString());
    }

    @Test
    void theCredentialsAJsonResponseHandsOutAreTakenOutAndItsDataKept() {
        String token = "{\"access_token\": \"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl\", "
                + "\"token_type\": \"Bearer\", \"expires_in\": 300, \"refresh_token\": \"r-123456789\", "
                + "\"id_token\": \"eyJ.eyJ.sig\", \"user\": {\"client_secret\": \"s-1\", \"author\": \"Ada\", "
                + "\"key\": \"user:1\"}}";
        Interaction login = interaction("POST", "https://auth.example.org:443/oauth2/token", List.of(), "",
                token, List.of("Content-Type", "application/json;charset=UTF-8", "Content-Length",
                        String.valueOf(token.length())));

        RecordedResponse redacted = DEFAULT.apply(login).response();

        assertEquals("{\"access_token\":\"<redacted by netrec>\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"refresh_token\":\"<redacted by netrec>\",\"id_token\":\"<redacted by netrec>\",\"user\":"
                + "{\"client_secret\":\"<redacted by netrec>\",\"author\":\"Ada\",\"key\":\"user:1\"}}",
                redacted.body().text());
        assertEquals(String.valueOf(redacted.body().size()), redacted.headers().first("Content-Length"));
        Interaction kept = interaction("POST", "https://auth.example.org:443/oauth2/token", List.of(), "", token,
                List.of("Content-Type", "application/json"));
        assertSame(kept, new Redactor(Redaction.parse("none")).apply(kept));
        assertTrue(new Redactor(Redaction.parse("-access_token")).apply(kept).response().body().text()
                .contains("eyJhbGciOiJSUzI1NiJ9"), "kept in clear when asked");
    }

    @Test
    void aJsonResponsesNumbersBooleansAndLinesOfDocumentsAreItsData() {
        String pod = "{\"automountServiceAccountToken\": true, \"token\": \"t-1234567890\", \"ratio\": "
                + "0.12345678901234567890123, \"price\": 1.50}";
        RecordedResponse redacted = DEFAULT.apply(interaction("GET", "https://api.example.org:443/pod", List.of(), "",
                pod, List.of("Content-Type", "application/json"))).response();
        assertEquals("{\"automountServiceAccountToken\":true,\"token\":\"<redacted by netrec>\",\"ratio\":"
                + "0.12345678901234567890123,\"price\":1.50}", redacted.body().text());

        Interaction lines = interaction("GET", "https://api.example.org:443/watch", List.of(), "",
                "{\"token\":\"t-1234567890\"}\n{\"token\":\"t-0987654321\"}\n", List.of("Content-Type",
                        "application/json"));
        assertSame(lines, DEFAULT.apply(lines), "lines of JSON are not one document: left whole");
    }

    @Test
    void nothingChangesWhereNoSecretIs() {
        Interaction plain = interaction("GET", "https://api.example.org:443/v1/items?page=2&q=pen",
                List.of("Accept", "*/*"), "", "[1, 2]", List.of("Content-Length", "6"));
        assertSame(plain, DEFAULT.apply(plain));
    }

    @Test
    void aShortSecretValueIsNotLookedForInTheResponse() {
        Interaction interaction = interaction("GET", "https://api.example.org:443/?include_token=true", List.of(), "",
                "{\"ok\": true}", List.of());
        Interaction redacted = DEFAULT.apply(interaction);
        assertEquals("https://api.example.org:443/?include_token={redacted}", redacted.request().uri());
        assertEquals("{\"ok\": true}", redacted.response().body().text());
    }

    @Test
    void redactNoneKeepsEverything() {
        Interaction interaction = interaction("GET", "https://api.example.org:443/?api_key=k-live-123456",
                List.of("Authorization", "Bearer x"), "", "ok", List.of());
        assertSame(interaction, new Redactor(Redaction.parse("none")).apply(interaction));
    }

    @Test
    void aNameTakenOutOfTheDefaultStaysInClear() {
        Interaction interaction = interaction("GET", "https://api.example.org:443/?sortKey=name&api_key=k-1234",
                List.of(), "", "ok", List.of());
        assertEquals("https://api.example.org:443/?sortKey=name&api_key={redacted}",
                new Redactor(Redaction.parse("-sortKey")).apply(interaction).request().uri());
    }

    @Test
    void aSignedUrlsSignatureKeyIdAndSigningTimesAreTakenOut() {
        String[][] signedAndWritten = {
            {"https://photos.s3.us-east-1.amazonaws.com:443/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261206%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20261206T005500Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=5e0a9d0f2b1c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6",
                "https://photos.s3.us-east-1.amazonaws.com:443/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential={redacted}&X-Amz-Date={redacted}&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature={redacted}"},
            {"https://storage.googleapis.com:443/b/o.txt?X-Goog-Algorithm=GOOG4-RSA-SHA256"
                + "&X-Goog-Credential=uploader%40proj.iam.gserviceaccount.com%2F20261206%2Fauto%2Fstorage%2Fgoog4_request"
                + "&X-Goog-Date=20261206T005500Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host"
                + "&X-Goog-Signature=8f1e2d3c4b5a69788796a5b4c3d2e1f0",
                "https://storage.googleapis.com:443/b/o.txt?X-Goog-Algorithm=GOOG4-RSA-SHA256"
                + "&X-Goog-Credential={redacted}&X-Goog-Date={redacted}&X-Goog-Expires=900&X-Goog-SignedHeaders=host"
                + "&X-Goog-Signature={redacted}"},
            {"https://acct.blob.core.windows.net:443/c/b.txt?sv=2022-11-02&st=2026-12-06T00%3A55%3A00Z"
                + "&se=2026-12-06T01%3A55%3A00Z&sr=b&sp=r&sig=AbCdEfGh%2BiJkLmNo%3D",
                "https://acct.blob.core.windows.net:443/c/b.txt?sv=2022-11-02&st={redacted}&se={redacted}&sr=b&sp=r"
                + "&sig={redacted}"},
            {"https://media.example.org:443/v.mp4?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1765000000"
                + "&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D",
                "https://media.example.org:443/v.mp4?AWSAccessKeyId={redacted}&Expires={redacted}"
                + "&Signature={redacted}"}};
        for (String[] url : signedAndWritten) {
            Interaction redacted = DEFAULT.apply(interaction("GET", url[0], List.of(), "", "ok", List.of()));
            assertEquals(url[1], redacted.request().uri());
        }
    }

    @Test
    void timesAreKeptInAQueryWithNoSignatureOrWhenRedactKeepsThem() {
        Interaction unsigned = interaction("GET", "https://api.example.org:443/list?st=open&se=2&expires=never",
                List.of(), "", "[]", List.of());
        assertSame(unsigned, DEFAULT.apply(unsigned));
        Interaction signed = interaction("GET", "https://photos.s3.amazonaws.com:443/a.jpg?X-Amz-Date=20261206T005500Z"
                + "&X-Amz-Signature=5e0a9d0f", List.of(), "", "ok", List.of());
        assertEquals("https://photos.s3.amazonaws.com:443/a.jpg?X-Amz-Date=20261206T005500Z&X-Amz-Signature={redacted}",
                new Redactor(Redaction.parse("-X-Amz-Date")).apply(signed).request().uri());
    }

    @Test
    void aSigningTimeEchoedInTheResponseIsLeftThere() {
        Interaction signed = interaction("GET", "https://photos.s3.amazonaws.com:443/a.jpg?X-Amz-Date=20261206T005500Z"
                + "&X-Amz-Signature=5e0a9d0f2b1c3d4e", List.of(), "", "<Error><RequestTime>20261206T005500Z</RequestTime>"
                + "<Signature>5e0a9d0f2b1c3d4e</Signature></Error>", List.of());
        assertEquals("<Error><RequestTime>20261206T005500Z</RequestTime><Signature><redacted by netrec></Signature>"
                + "</Error>", DEFAULT.apply(signed).response().body().text());
    }

    private static Interaction interaction(String method, String uri, List<String> requestHeaders, String requestBody,
            String responseBody, List<String> responseHeaders) {
        return new Interaction(Instant.parse("2026-11-22T03:10:49Z"), new Server("api.example.org", 443, "", "", null),
                new RecordedRequest(method, uri, headers(requestHeaders), Body.text(requestBody)),
                new RecordedResponse(200, "OK", headers(responseHeaders), Body.text(responseBody)), "");
    }

    private static Headers headers(List<String> namesAndValues) {
        List<Headers.Field> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            fields.add(new Headers.Field(namesAndValues.get(i), namesAndValues.get(i + 1)));
        }
        return Headers.of(fields);
    }
}
