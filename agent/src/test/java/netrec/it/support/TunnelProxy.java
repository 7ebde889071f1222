package netrec.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP proxy on loopback, as corporate proxies do: CONNECT pipes bytes both ways, and a plain-HTTP request
 * in absolute form goes to its server in origin form. It keeps each request line it was sent.
 */
public final class TunnelProxy implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger tunnels = new AtomicInteger();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();

    public TunnelProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tunnel-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public int tunnels() {
        return tunnels.get();
    }

    /** The request lines it was sent, in order. */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> tunnel(client), "tunnel");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try (Socket c = client) {
            String head = readHead(c.getInputStream());
            String line = head.split("\r\n")[0];
            requestLines.add(line);
            String[] requestLine = line.split(" ");
            if (requestLine[1].startsWith("http://")) {
                forward(c, requestLine, head.substring(line.length()));
                return;
            }
            if (!requestLine[0].equals("CONNECT")) {
                c.getOutputStream().write("HTTP/1.1 405 Only CONNECT\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String[] target = requestLine[1].split(":");
            try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
                tunnels.incrementAndGet();
                c.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                SocketPipes.both(c, upstream, "tunnel-back");
            }
        } catch (IOException | InterruptedException e) {
            // the client or the server hung up
        }
    }

    private static void forward(Socket client, String[] requestLine, String rest)
            throws IOException, InterruptedException {
        URI url = URI.create(requestLine[1]);
        try (Socket upstream = new Socket(url.getHost(), url.getPort() < 0 ? 80 : url.getPort())) {
            upstream.getOutputStream().write((requestLine[0] + " " + url.getRawPath()
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()) + " " + requestLine[2] + rest)
                    .getBytes(StandardCharsets.ISO_8859_1));
            SocketPipes.both(client, upstream, "proxy-back");
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
