package example.greeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class GreetingTest {
    @Test
    void greets() {
        assertEquals("Hello, netrec!", Greeting.to("netrec"));
        assertEquals("a6bc61a62eea", Greeting.fingerprint(Greeting.to("netrec")));
    }

    /** A test that needs the network: it fetches the page named by greeting.remote. */
    @Test
    void fetchesTheRemotePage() throws Exception {
        String remote = System.getProperty("greeting.remote", "");
        assertTrue(!remote.isEmpty(), "set greeting.remote to the URL of a page to fetch");
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(remote)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<project"), page.body());
    }
}
