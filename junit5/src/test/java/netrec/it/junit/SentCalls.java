package netrec.it.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import netrec.junit.Netrec;
import netrec.junit.SentRequest;
import netrec.junit.SentRequests;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tests that check what their code sent ({@link SentRequests}), run by {@code ExtensionIT} in a child JVM against
 * the server named by {@code test.server}: they pass in record and in replay alike.
 */
@Netrec(leaveAlone = {})
@TestMethodOrder(MethodOrderer.MethodName.class)
public class SentCalls {
    private static final String SERVER = System.getProperty("test.server");

    @Test
    void a_postThenGet(SentRequests sent) throws IOException {
        assertEquals("201 {\"accepted\":true}", call("POST", "/events?source=test&api_key=k1",
                "{\"name\":\"ada\"}"));
        call("GET", "/json", null);

        sent.verify(1, "POST", "/events");
        sent.verify(1, "get", "/json");
        assertEquals(2, sent.count("*", "*"));
        SentRequest post = sent.to("POST", "/ev*").get(0);
        assertEquals("{\"name\":\"ada\"}", post.bodyText());
        assertEquals("application/json", post.header("content-type"));
        assertEquals("source=test&api_key=k1", post.query(), "as sent, though the cassette keeps the key redacted");
        assertEquals(SERVER + "/events?source=test&api_key=k1", post.uri());
        assertEquals("GET " + SERVER + "/json", sent.last().toString());
        assertNull(sent.last().query());
        assertEquals(0, sent.last().body().length);
    }

    @Test
    void b_verifySaysAllThatWasSent(SentRequests sent) throws IOException {
        call("GET", "/c/1", null);

        AssertionError wrong = assertThrows(AssertionError.class, () -> sent.verify(2, "GET", "/c/*"));

        assertEquals("netrec: expected 2 GET /c/* requests, but 1 was sent; all that was sent:\n  GET " + SERVER
                + "/c/1", wrong.getMessage());
    }

    @Test
    void c_eachTestSeesItsOwnRequestsOnly(SentRequests sent) throws IOException {
        call("GET", "/echo-path/c", null);

        assertEquals(1, sent.all().size(), sent.all().toString());
    }

    /** {@code STATUS BODY}. */
    private static String call(String method, String path, String json) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(SERVER + path).openConnection();
        connection.setRequestMethod(method);
        if (json != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
        }
        try (InputStream in = connection.getInputStream()) {
            return connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
