package netrec.runtime.replay.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netrec.cassette.Redaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissReportTest {
    private static final String SIGNED = "GET https://bucket.s3.amazonaws.com/key?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAEXAMPLEKEY%2F20261206%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261206T101010Z"
            + "&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=0123abcdsignature";
    private static final List<String> SECRETS = List.of("AKIAEXAMPLEKEY", "20261206T101010Z", "0123abcdsignature",
            "k3y-in-query", "Bearer live-token", "hunter2", "form-pass");

    @TempDir
    Path dir;

    @Test
    void aMissIsToldWithoutTheSecretsACassetteWouldNotKeep() throws IOException {
        Path file = dir.resolve("replay-misses.txt");
        MissReport report = new MissReport(file, Redaction.byDefault());
        String request = SIGNED;
        report.missed(request, "netrec: no recorded interaction matches " + request + "\n"
                + "  nearest: GET https://api.example/v1?api_key=k3y-in-query&a=1\n"
                + "    query differs: not recorded api_key=k3y-in-query&a=2\n"
                + "    header Authorization is 'Bearer live-token', recorded '<redacted by netrec>'\n"
                + "    body differs (json) at /user: {\"name\": \"ann\", \"password\": \"hunter2\"}\n"
                + "    body differs (form): user=ann&password=form-pass, recorded user=ann");

        String told = Files.readString(file);
        for (String secret : SECRETS) {
            assertFalse(told.contains(secret), secret + " is out of the report: " + told);
        }
        assertTrue(told.contains("X-Amz-Credential={redacted}&X-Amz-Date={redacted}&X-Amz-Expires=900"), told);
        assertTrue(told.contains("X-Amz-Signature={redacted}"), told);
        assertTrue(told.contains("?api_key={redacted}&a=1"), told);
        assertTrue(told.contains("not recorded api_key={redacted}&a=2"), told);
        assertTrue(told.contains("header Authorization is '{redacted}'"), told);
        assertTrue(told.contains("{\"name\": \"ann\", \"password\": \"{redacted}\"}"), told);
        assertTrue(told.contains("user=ann&password={redacted}, recorded user=ann"), told);
        assertEquals(List.of(told.substring(told.indexOf('\n') + 1).strip()), report.explanations());
    }

    @Test
    void aJsonDifferenceAndARedisPasswordInARawTurnAreToldWithoutTheirValues() throws IOException {
        Path file = dir.resolve("raw.txt");
        MissReport report = new MissReport(file, Redaction.byDefault());
        report.missed("POST http://h/login", "netrec: no recorded interaction matches POST http://h/login\n"
                + "    body differs (json) at .user.password: \"s3cret\", recorded \"<redacted by netrec>\"");
        report.missed("client turn 1 '*2\\r\\n$4\\r\\nAUTH\\r\\n$8\\r\\nhunter22\\r\\n' (22 bytes) on localhost:6379",
                "netrec: nothing recorded matches client turn 1 '*2\\r\\n$4\\r\\nAUTH\\r\\n$8\\r\\nhunter22\\r\\n' "
                + "and '*5\\r\\n$5\\r\\nHELLO\\r\\n$1\\r\\n3\\r\\n$4\\r\\nAUTH\\r\\n$7\\r\\ndefault\\r\\n"
                + "$8\\r\\nhunter23...' (40 bytes)");
        String told = Files.readString(file);
        for (String secret : List.of("s3cret", "hunter22", "hunter23")) {
            assertFalse(told.contains(secret), secret + ": " + told);
        }
        assertTrue(told.contains("at .user.password: \"{redacted}\", recorded"), told);
        assertTrue(told.contains("'*2\\r\\n$4\\r\\nAUTH\\r\\n${redacted}\\r\\n'"), told);
        assertTrue(told.contains("AUTH\\r\\n$7\\r\\ndefault\\r\\n${redacted}'"), told);
    }

    @Test
    void anUnsignedQueryKeepsItsTimesAndRedactNoneKeepsEverything() throws IOException {
        MissReport report = new MissReport(dir.resolve("a.txt"), Redaction.byDefault());
        report.missed("GET http://h/list?se=2026-12-06&st=x", "netrec: no recorded interaction matches GET "
                + "http://h/list?se=2026-12-06&st=x");
        assertTrue(Files.readString(dir.resolve("a.txt")).contains("?se=2026-12-06&st=x"));

        MissReport none = new MissReport(dir.resolve("b.txt"), Redaction.parse("none"));
        none.missed(SIGNED, "netrec: no recorded interaction matches " + SIGNED);
        assertTrue(Files.readString(dir.resolve("b.txt")).contains(SIGNED));
    }
}
