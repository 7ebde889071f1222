package netrec.store.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy as it ships (org.gaul:s3proxy, its jar with dependencies), in a JVM of its own on loopback: the S3 API
 * with SigV4 authentication over a folder, a real S3 server for the tests (of this module, and the agent's, which
 * run the command line with cassettes named s3://).
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "netrec-test-access";
    public static final String SECRET_KEY = "netrec-test-secret-key";
    private final Process process;
    private final int port;
    private final Path log;

    private S3ProxyServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts S3Proxy on a free loopback port over {@code folder}, with {@code buckets} made. */
    public static S3ProxyServer start(Path folder, String... buckets) throws IOException, InterruptedException {
        String jar = System.getProperty("netrec.s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("S3Proxy's jar is missing (" + jar + "): the build copies it into "
                    + "target/s3proxy before the tests (netrec.s3proxy.jar names it)");
        }
        Path data = Files.createDirectories(folder.resolve("data"));
        for (String bucket : buckets) {
            Files.createDirectories(data.resolve(bucket));
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path properties = folder.resolve("s3proxy.conf");
        Files.write(properties, List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY,
                "jclouds.filesystem.basedir=" + data));
        Path log = folder.resolve("s3proxy.log");
        Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", jar, "org.gaul.s3proxy.Main", "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy stopped: " + Files.readString(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IllegalStateException("S3Proxy did not listen within 60 s: " + Files.readString(log));
    }

    /** The server's process, for a test that stops it from elsewhere (a command the test runs). */
    public long pid() {
        return process.pid();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The environment that gives netrec this store as a user gives it (credentials, endpoint), and {@code cache} for
     * this machine's cache.
     */
    public Map<String, String> environment(Path cache) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        environment.put("AWS_ENDPOINT_URL_S3", endpoint());
        environment.put("NETREC_CACHE", cache.toString());
        return environment;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
