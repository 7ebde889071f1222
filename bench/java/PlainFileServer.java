import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The plain copy a replayed large body is measured against: a server thread, in the client's own JVM, that answers
 * every keep-alive GET with one file, read and written to the socket 64 KiB at a time ({@code /small}: 100 bytes).
 * No parsing beyond the end of the request head, no matching, no checking: what any server in the JVM must at
 * least do to hand a file to HttpURLConnection over loopback.
 */
final class PlainFileServer {
    private static final byte[] SMALL = new byte[100];

    private PlainFileServer() {
    }

    /** Starts the server on a free loopback port; returns its base URL. */
    static String start(boolean tls, Path file, String keyStore, String password) throws Exception {
        ServerSocket server = tls ? tls(keyStore, password).getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress()) : new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(() -> {
            while (true) {
                try {
                    Socket socket = server.accept();
                    Thread serving = new Thread(() -> serve(socket, file));
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        accepting.setDaemon(true);
        accepting.start();
        return (tls ? "https" : "http") + "://localhost:" + server.getLocalPort();
    }

    private static void serve(Socket socket, Path file) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (String target = readHead(in); target != null; target = readHead(in)) {
                boolean small = target.startsWith("/small");
                long length = small ? SMALL.length : Files.size(file);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                if (small) {
                    out.write(SMALL);
                } else {
                    try (InputStream body = new FileInputStream(file.toFile())) {
                        for (int n; (n = body.read(buffer)) > 0; ) {
                            out.write(buffer, 0, n);
                        }
                    }
                }
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Reads a request head up to its blank line; returns its target, or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString().split(" ")[1];
            }
        }
        return null;
    }

    private static SSLContext tls(String path, String password) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(path)) {
            keys.load(in, password.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }
}
