import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The client the benchmarks time, with HttpURLConnection (keep-alive):
 *   first URL        one GET; prints the JVM's uptime when the response has been read
 *   small URL N [W]  W GETs to warm up (200 unless given), then N GETs one after another, timed; prints requests
 *                    per second, p50 and p99 latency
 *   bulk URL [FIRST] one GET of a large body, read and dropped; prints MB/s. When FIRST is given, a GET of it
 *                    comes first, untimed, so that the client's one-time set-up (TLS: loading its trust store)
 *                    is not counted against the body
 *   keep URL FILE [FIRST]  bulk, keeping the body as any recorder must, with no agent: each read is copied and
 *                    handed to a second thread that hashes it (SHA-256) and writes it to FILE; prints MB/s
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
                int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : Math.min(200, n / 10);
                for (int i = 0; i < warmUp; i++) {
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
                getFirst(args, 2);
                timed(() -> get(args[1]));
                break;
            case "keep":
                getFirst(args, 3);
                timed(() -> keep(args[1], Path.of(args[2])));
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    private static void getFirst(String[] args, int index) throws Exception {
        if (args.length > index) {
            get(args[index]);
        }
    }

    private interface Download {
        long bytes() throws Exception;
    }

    private static void timed(Download download) throws Exception {
        long t = System.nanoTime();
        long bytes = download.bytes();
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("megabytes-per-second %.0f bytes %d%n", bytes / seconds / 1e6, bytes);
    }

    private static long get(String url) throws Exception {
        return get(url, (buffer, length) -> { });
    }

    /** Copies each read to a queue that a second thread hashes and writes to {@code file}. */
    private static long keep(String url, Path file) throws Exception {
        byte[] end = new byte[0];
        BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(512);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Exception[] failure = new Exception[1];
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(file)) {
                for (byte[] piece = queue.take(); piece != end; piece = queue.take()) {
                    sha256.update(piece);
                    out.write(piece);
                }
            } catch (Exception e) {
                failure[0] = e;
                queue.clear();
            }
        });
        writer.start();
        long total = get(url, (buffer, length) -> {
            if (writer.isAlive()) {
                queue.put(Arrays.copyOf(buffer, length));
            }
        });
        if (writer.isAlive()) {
            queue.put(end);
        }
        writer.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return total;
    }

    private interface Reads {
        void read(byte[] buffer, int length) throws InterruptedException;
    }

    private static long get(String url, Reads reads) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = connection.getInputStream()) {
            int r;
            while ((r = in.read(buffer)) > 0) {
                total += r;
                reads.read(buffer, r);
            }
        }
        if (connection.getResponseCode() != 200) {
            throw new IllegalStateException(url + ": " + connection.getResponseCode());
        }
        return total;
    }
}
