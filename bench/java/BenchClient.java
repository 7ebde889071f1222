import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Arrays;

/**
 * The client the benchmarks time, with HttpURLConnection (keep-alive):
 *   first URL        one GET; prints the JVM's uptime when the response has been read
 *   small URL N      N GETs one after another; prints requests per second, p50 and p99 latency
 *   bulk URL         one GET of a large body, read and dropped; prints MB/s
 */
public final class BenchClient {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "first":
                get(args[1]);
                System.out.println("first-response-ms " + ManagementFactory.getRuntimeMXBean().getUptime());
                break;
            case "small":
                int n = Integer.parseInt(args[2]);
                for (int i = 0; i < Math.min(200, n / 10); i++) {
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
                        latencies[n / 2] / 1000, latencies[(int) (n * 0.99)] / 1000);
                break;
            case "bulk":
                long t = System.nanoTime();
                long bytes = get(args[1]);
                double seconds = (System.nanoTime() - t) / 1e9;
                System.out.printf("megabytes-per-second %.0f bytes %d%n", bytes / seconds / 1e6, bytes);
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    private static long get(String url) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = connection.getInputStream()) {
            int r;
            while ((r = in.read(buffer)) > 0) {
                total += r;
            }
        }
        if (connection.getResponseCode() != 200) {
            throw new IllegalStateException(url + ": " + connection.getResponseCode());
        }
        return total;
    }
}
