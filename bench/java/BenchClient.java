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
 *   plain http|https FILE [KEYSTORE PASSWORD]  the reference for replaying a large body: a server thread in this
 *                    JVM answers each GET with FILE, copied to the socket 64 KiB at a time (over TLS for https, with
 *                    the key in KEYSTORE), and this client downloads it as bulk does (after a small GET); prints MB/s
 *   threads URL T WARM SECONDS  T threads, each a keep-alive GET loop on its own connection, WARM seconds to warm
 *                    up, then SECONDS timed; prints requests per second (all threads) and p50, p99 latency
 */
public final class BenchClient {
    public static void main(String[] args) throws Exception {
        run(args);
        if (Boolean.getBoolean("bench.threads")) {
            printThreadTimes();
        }
    }

    /**
     * With {@code -Dbench.threads=true}: CPU seconds used so far by each thread of this JVM (the JIT's and the
     * collector's included), from /proc, grouped by name without numbers, on one line after "cpu-by-thread".
     */
    private static void printThreadTimes() throws Exception {
        java.util.Map<String, Double> byName = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[#0-9]+", "")
                        .trim().replace(' ', '-');
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                byName.merge(name, seconds, Double::sum);
            }
        }
        StringBuilder line = new StringBuilder("cpu-by-thread");
        byName.forEach((name, seconds) -> {
            if (seconds >= 0.01) {
                line.append(' ').append(name).append('=').append(String.format("%.2f", seconds));
            }
        });
        System.out.println(line);
    }

    private static void run(String[] args) throws Exception {
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
            case "plain":
                String base = PlainFileServer.start(args[1].equals("https"), Path.of(args[2]),
                        args.length > 3 ? args[3] : null, args.length > 4 ? args[4] : null);
                get(base + "/small");
                timed(() -> get(base + "/file"));
                break;
            case "threads":
                threads(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
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

    /**
     * {@code threads} GET loops at once; each keeps its connection (the JVM keeps up to {@code http.maxConnections}
     * idle connections per server: the scripts set it above the thread count). Latencies are taken after
     * {@code warmSeconds}, for {@code seconds}.
     */
    private static void threads(String url, int threads, int warmSeconds, int seconds) throws Exception {
        long warm = System.nanoTime() + warmSeconds * 1_000_000_000L;
        long end = warm + seconds * 1_000_000_000L;
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        Exception[] failure = new Exception[1];
        Thread[] loops = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            loops[t] = new Thread(() -> {
                long[] mine = new long[1 << 12];
                int n = 0;
                try {
                    for (long now = System.nanoTime(); now < end; ) {
                        get(url);
                        long after = System.nanoTime();
                        if (now >= warm) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = after - now;
                        }
                        now = after;
                    }
                } catch (Exception e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
                latencies[index] = mine;
                counts[index] = n;
            });
            loops[t].start();
        }
        for (Thread loop : loops) {
            loop.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        int total = 0;
        for (int count : counts) {
            total += count;
        }
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        System.out.printf("requests-per-second %.0f p50-us %d p99-us %d requests %d%n", total / (double) seconds,
                all[total / 2] / 1000, all[(int) (total * 0.99)] / 1000, total);
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

    /**
     * Each thread's read buffer, used again for every GET: a new 64 KiB array per request made the client allocate
     * 640 MB over 10,000 small requests, and on a virtual machine the page faults of a fresh JVM's young generation
     * were most of what a fresh JVM's figure measured, the same for any server.
     */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private static long get(String url, Reads reads) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        byte[] buffer = BUFFER.get();
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
