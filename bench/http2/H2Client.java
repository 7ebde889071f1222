import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The JDK HttpClient over HTTP/2 (h2 by ALPN), as the HTTP/2 benchmarks time it:
 *   small URL N W       W GETs to warm up, then N GETs one after another; prints requests per second, p50, p99
 *   concurrent URL N C  N GETs with C in flight at a time on the one connection; prints requests per second
 *   bulk URL FIRST      a GET of FIRST (untimed), then one GET of a large body, read and dropped; prints MB/s
 * Each run checks that it spoke HTTP/2 and fails otherwise.
 */
public final class H2Client {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "small": {
                int n = Integer.parseInt(args[2]);
                for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                    get(args[1]);
                }
                long[] latencies = new long[n];
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long t = System.nanoTime();
                    get(args[1]);
                    latencies[i] = System.nanoTime() - t;
                }
                long elapsed = System.nanoTime() - start;
                Arrays.sort(latencies);
                System.out.printf("requests-per-second %.0f p50-us %d p99-us %d%n", n / (elapsed / 1e9),
                        latencies[n / 2] / 1000, latencies[n * 99 / 100] / 1000);
                break;
            }
            case "concurrent": {
                int n = Integer.parseInt(args[2]);
                int inFlight = Integer.parseInt(args[3]);
                get(args[1]);
                long start = System.nanoTime();
                for (int done = 0; done < n; done += inFlight) {
                    List<CompletableFuture<HttpResponse<byte[]>>> batch = new ArrayList<>();
                    for (int i = 0; i < Math.min(inFlight, n - done); i++) {
                        batch.add(CLIENT.sendAsync(request(args[1]), HttpResponse.BodyHandlers.ofByteArray()));
                    }
                    for (CompletableFuture<HttpResponse<byte[]>> response : batch) {
                        check(response.get());
                    }
                }
                System.out.printf("requests-per-second %.0f%n", n / ((System.nanoTime() - start) / 1e9));
                break;
            }
            case "bulk": {
                get(args[2]);
                long start = System.nanoTime();
                HttpResponse<java.io.InputStream> response = CLIENT.send(request(args[1]),
                        HttpResponse.BodyHandlers.ofInputStream());
                check(response);
                long total = 0;
                byte[] buffer = new byte[64 * 1024];
                try (java.io.InputStream in = response.body()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                    }
                }
                System.out.printf("megabytes-per-second %.0f bytes %d%n", total / 1e6 / ((System.nanoTime() - start)
                        / 1e9), total);
                break;
            }
            default:
                throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    private static void get(String url) throws Exception {
        check(CLIENT.send(request(url), HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static void check(HttpResponse<?> response) {
        if (response.statusCode() != 200 || response.version() != HttpClient.Version.HTTP_2) {
            throw new IllegalStateException(response.statusCode() + " over " + response.version());
        }
    }
}
