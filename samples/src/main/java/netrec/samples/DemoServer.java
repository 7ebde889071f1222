package netrec.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A small HTTPS API on loopback for the demo: {@code /forecast?city=...} answers JSON that changes every second,
 * so a replay that shows the recorded time proves it did not ask the server again.
 * Arguments: PORT KEYSTORE PASSWORD.
 */
public final class DemoServer {
    private DemoServer() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls(args[1], args[2].toCharArray())));
        server.createContext("/forecast", DemoServer::forecast);
        server.start();
        System.out.println("demo server listening on https://localhost:" + server.getAddress().getPort());
    }

    private static void forecast(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String city = query == null ? "nowhere" : query.replaceFirst("^city=", "");
        byte[] body = ("{\"city\": \"" + city + "\", \"sky\": \"clear\", \"served-at\": \"" + Instant.now() + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static SSLContext tls(String keyStorePath, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStorePath)) {
            keyStore.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
