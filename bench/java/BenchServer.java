import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server the benchmarks talk to, on loopback: {@code /small} answers 100 bytes, {@code /bytes/N} N bytes
 * (generated, not read from disk). Arguments: HTTP_PORT HTTPS_PORT KEYSTORE PASSWORD; prints "ready".
 */
public final class BenchServer {
    private static final byte[] SMALL = "{\"id\":42,\"name\":\"small response\",\"padding\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}".getBytes();
    private static final byte[] BLOCK = new byte[64 * 1024];

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < BLOCK.length; i++) {
            BLOCK[i] = (byte) (i * 31 + 7);
        }
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 256);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 256);
        https.setHttpsConfigurator(new HttpsConfigurator(tls(args[2], args[3].toCharArray())));
        for (HttpServer server : new HttpServer[] {http, https}) {
            server.createContext("/small", BenchServer::small);
            server.createContext("/bytes/", BenchServer::bytes);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
        }
        System.out.println("ready");
    }

    private static void small(HttpExchange exchange) throws java.io.IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, SMALL.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(SMALL);
        }
    }

    private static void bytes(HttpExchange exchange) throws java.io.IOException {
        long n = Long.parseLong(exchange.getRequestURI().getPath().substring("/bytes/".length()));
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, n);
        try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < n; sent += BLOCK.length) {
                out.write(BLOCK, 0, (int) Math.min(BLOCK.length, n - sent));
            }
        }
    }

    private static SSLContext tls(String path, char[] password) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(path)) {
            keys.load(in, password);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }
}
