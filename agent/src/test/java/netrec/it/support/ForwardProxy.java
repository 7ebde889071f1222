package netrec.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal forward proxy for plain HTTP on loopback: takes each request in absolute form (one per connection: it
 * asks for {@code Connection: close}), sends it to the origin in origin form, and pipes the answer back.
 */
public final class ForwardProxy implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger forwarded = new AtomicInteger();

    public ForwardProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "forward-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many requests it forwarded. */
    public int forwarded() {
        return forwarded.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> forward(client), "forward");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void forward(Socket client) {
        try (Socket from = client) {
            InputStream in = from.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] start = lines[0].split(" ");
            URI target = URI.create(start[1]);
            StringBuilder request = new StringBuilder(start[0] + " " + target.getRawPath()
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()) + " HTTP/1.1\r\n");
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).trim();
                if (!name.equalsIgnoreCase("Proxy-Connection") && !name.equalsIgnoreCase("Connection")) {
                    request.append(lines[i]).append("\r\n");
                }
            }
            request.append("Connection: close\r\n\r\n");
            try (Socket to = new Socket(target.getHost(), target.getPort())) {
                OutputStream out = to.getOutputStream();
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                forwarded.incrementAndGet();
                to.getInputStream().transferTo(from.getOutputStream());
            }
        } catch (IOException | RuntimeException e) {
            // the client sees its connection end
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1).trim();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
