import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Executors;

/**
 * A folder served over plain HTTP on loopback, as any static file server would: GET and HEAD of its files, 404 for
 * anything else, 8 threads. What a build pays to download from an HTTP server that does nothing but hand out files.
 * Arguments: PORT DIR; prints "ready".
 */
public final class RepositoryServer {
    private RepositoryServer() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Paths.get(args[1]).toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 256);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> serve(exchange, root));
        server.start();
        System.out.println("ready");
    }

    private static void serve(HttpExchange exchange, Path root) throws IOException {
        try (exchange) {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            long length = Files.size(file);
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            if (head) {
                exchange.getResponseHeaders().set("Content-Length", String.valueOf(length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        }
    }
}
