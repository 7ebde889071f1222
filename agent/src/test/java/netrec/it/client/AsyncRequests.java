package netrec.it.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Many requests in flight at once on one JDK HttpClient, answers printed in request order. */
final class AsyncRequests {
    private AsyncRequests() {
    }

    static void run(int count, String base) {
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            inFlight.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = inFlight.get(i).join();
            System.out.println((i + 1) + " -> " + response.statusCode() + " " + response.body());
        }
    }
}
