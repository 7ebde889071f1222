package netrec.it.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import netrec.it.support.TestServer;
import netrec.junit.Netrec;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tests as a developer writes them, run by {@link ExtensionIT} in a child JVM: each calls the server named by the
 * system property {@code test.server} through HttpURLConnection or one JDK HttpClient shared by all the tests
 * (its connections stay open from one test to the next). Each test has its own cassette, named after it.
 */
@Netrec(leaveAlone = {})
@TestMethodOrder(MethodOrderer.MethodName.class)
public class ApiCalls {
    private static final HttpClient SHARED = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static String get(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(System.getProperty("test.server") + path)
                .openConnection();
        try (InputStream in = connection.getInputStream()) {
            return connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String sharedGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = SHARED.send(HttpRequest.newBuilder(URI.create(System.getProperty("test.server")
                + path)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    @Test
    void a_json() throws IOException {
        assertEquals("200 " + TestServer.JSON, get("/json"));
    }

    @Test
    void b_pathsOnAPooledConnection() throws Exception {
        assertEquals("200 path=/echo-path/b1", sharedGet("/echo-path/b1"));
        assertEquals("200 path=/echo-path/b2", sharedGet("/echo-path/b2"));
    }

    @Test
    void c_morePathsOnThePooledConnection() throws Exception {
        assertEquals("200 path=/echo-path/c1", sharedGet("/echo-path/c1"));
    }

    @Test
    @Netrec(strict = true, leaveAlone = {})
    void d_strict() throws Exception {
        assertEquals("200 small body", get("/c/1"));
        if (!Boolean.getBoolean("test.fewer.calls")) {
            assertEquals("200 small body", get("/c/2"));
        }
    }

    @Test
    void e_variable() throws Exception {
        assertEquals("200 path=" + System.getProperty("test.variable", "/echo-path/e"),
                get(System.getProperty("test.variable", "/echo-path/e")));
    }
}
