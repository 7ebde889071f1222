package netrec.agent.proxy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An HTTP proxy on loopback for a command's programs that are not JVMs (curl, wget, npm, git, python), so that what
 * they send is recorded and replayed as a JVM's is: it runs in a JVM with netrec's agent, and reaches each server
 * through the JDK's own sockets, which netrec records, or answers from the cassette in replay. A {@code CONNECT} to a
 * server that speaks TLS is answered with a certificate of the {@link RunAuthority}, so the proxy reads the plaintext
 * and sends it on over a TLS connection of its own (checked against the JDK's trusted certificates when recording);
 * any other {@code CONNECT} is relayed as it is. A plain-HTTP request ({@code GET http://host/path}) goes to its server
 * alone, with {@code Connection: close}. ALPN offers HTTP/1.1 only, so that an HTTP/2 client speaks HTTP/1.1.
 *
 * <p>Given the proxy the programs had before ({@link Upstream}, when recording), it reaches servers through that one,
 * as a JVM configured with it does: a {@code CONNECT} to it, then TLS over the tunnel, which netrec records under the
 * server's name; a plain-HTTP request in absolute form.
 */
final class ChildrenProxy implements Closeable {
    private static final int MOST_HEAD_BYTES = 64 * 1024;
    private static final int TLS_HANDSHAKE = 0x16;
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;

    private final ServerSocket server;
    private final RunAuthority authority;
    private final Upstream upstream;

    private ChildrenProxy(ServerSocket server, RunAuthority authority, Upstream upstream) {
        this.server = server;
        this.authority = authority;
        this.upstream = upstream;
    }

    /**
     * Listens on a free loopback port, serving each program's connection on threads of its own, and reaching servers
     * through {@code upstream}.
     */
    static ChildrenProxy start(RunAuthority authority, Upstream upstream) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ChildrenProxy proxy = new ChildrenProxy(server, authority, upstream);
        daemon("netrec proxy for programs that are not JVMs", proxy::acceptAll).start();
        return proxy;
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket program = server.accept();
                daemon("netrec proxy connection " + program.getPort(), () -> serve(program)).start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket program) {
        try {
            InputStream in = program.getInputStream();
            String head = readHead(in);
            if (head == null) {
                program.close();
                return;
            }
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            if (requestLine.length != 3) {
                refuse(program, "400 Bad Request", "not an HTTP request line: " + requestLine[0]);
            } else if (requestLine[0].equals("CONNECT")) {
                tunnel(program, requestLine[1]);
            } else if (requestLine[1].startsWith("http://")) {
                forward(program, requestLine, head);
            } else {
                refuse(program, "400 Bad Request", "a proxy takes CONNECT or an absolute http:// URL, not "
                        + requestLine[1]);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            closeQuietly(program);
        }
    }

    /** {@code CONNECT host:port}: TLS read through the run's authority, or the bytes relayed as they are. */
    private void tunnel(Socket program, String authorityForm) throws IOException, GeneralSecurityException {
        URI target = URI.create("//" + authorityForm);
        if (target.getHost() == null || target.getPort() < 0) {
            refuse(program, "400 Bad Request", "CONNECT needs host:port, not " + authorityForm);
            return;
        }
        String host = target.getHost();
        Socket server = tunnelTo(program, host, target.getPort());
        if (server == null) {
            return;
        }
        OutputStream toProgram = program.getOutputStream();
        toProgram.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        toProgram.flush();
        int first = program.getInputStream().read();
        if (first < 0) {
            server.close();
            program.close();
            return;
        }
        byte[] consumed = {(byte) first};
        if (first != TLS_HANDSHAKE) {
            server.getOutputStream().write(consumed);
            relay(program, server);
            return;
        }
        SSLSocket programTls = (SSLSocket) authority.serverContext(host).getSocketFactory()
                .createSocket(program, new ByteArrayInputStream(consumed), true);
        programTls.setUseClientMode(false);
        SSLParameters parameters = programTls.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        programTls.setSSLParameters(parameters);
        programTls.startHandshake();
        SSLSocket serverTls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(server, host, target.getPort(), true);
        relay(programTls, serverTls);
    }

    /** {@code GET http://host/path}: sent to the server as {@code GET /path}, alone on its connection. */
    private void forward(Socket program, String[] requestLine, String head) throws IOException {
        URI target = URI.create(requestLine[1]);
        if (target.getHost() == null) {
            refuse(program, "400 Bad Request", "no host in " + requestLine[1]);
            return;
        }
        URI through = upstream.forPlainHttp();
        Socket server = through != null ? connect(program, through.getHost(), through.getPort())
                : connect(program, target.getHost(), target.getPort() < 0 ? 80 : target.getPort());
        if (server == null) {
            return;
        }
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        StringBuilder rewritten = new StringBuilder(requestLine[0]).append(' ').append(through != null
                ? requestLine[1] : path + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())).append(' ')
                .append(requestLine[2]).append("\r\n");
        boolean connectionSaid = false;
        for (String line : head.substring(head.indexOf("\r\n") + 2, head.length() - 4).split("\r\n")) {
            String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
            if (name.equals("proxy-connection") || name.equals("proxy-authorization")) {
                continue;
            }
            if (name.equals("connection")) {
                line = "Connection: close";
                connectionSaid = true;
            }
            rewritten.append(line).append("\r\n");
        }
        if (!connectionSaid) {
            rewritten.append("Connection: close\r\n");
        }
        if (through != null && Upstream.authorization(through) != null) {
            rewritten.append("Proxy-Authorization: ").append(Upstream.authorization(through)).append("\r\n");
        }
        server.getOutputStream().write(rewritten.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        relay(program, server);
    }

    /**
     * A connection to {@code host:port} for a {@code CONNECT}: directly, or through a tunnel the upstream proxy opens;
     * null, said to the program, when there is none.
     */
    private Socket tunnelTo(Socket program, String host, int port) throws IOException {
        URI through = upstream.forTunnels();
        if (through == null) {
            return connect(program, host, port);
        }
        Socket server = connect(program, through.getHost(), through.getPort());
        if (server == null) {
            return null;
        }
        String authorization = Upstream.authorization(through);
        OutputStream out = server.getOutputStream();
        out.write(("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + (authorization == null ? "" : "Proxy-Authorization: " + authorization + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String head = readHead(server.getInputStream());
        String status = head == null ? "nothing" : head.substring(0, head.indexOf("\r\n"));
        if (!status.matches("HTTP/1\\.[01] 2\\d\\d.*")) {
            closeQuietly(server);
            refuse(program, "502 Bad Gateway", "netrec's proxy asked the proxy at " + through.getHost() + ":"
                    + through.getPort() + " for " + host + ":" + port + ", which answered " + status);
            return null;
        }
        return server;
    }

    /** A connection to the server through the JDK's sockets; null, said to the program, when there is none. */
    private static Socket connect(Socket program, String host, int port) throws IOException {
        Socket server = new Socket();
        try {
            server.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return server;
        } catch (IOException e) {
            closeQuietly(server);
            refuse(program, "502 Bad Gateway", e.getMessage() != null && e.getMessage().startsWith("netrec")
                    ? e.getMessage() : "netrec's proxy could not connect to " + host + ":" + port + ": " + e);
            return null;
        }
    }

    /**
     * Copies each way until either side ends, then closes both. Should the server's side fail while the program
     * waits for an answer (a request replay has no answer for, a server that reset the connection), the program is
     * answered {@code 502} with the reason, netrec's own in replay, rather than an empty reply.
     */
    private static void relay(Socket program, Socket server) {
        AtomicBoolean awaitingAnswer = new AtomicBoolean();
        daemon("netrec proxy, server to program", () -> answers(server, program, awaitingAnswer)).start();
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = program.getInputStream();
            OutputStream out = server.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                awaitingAnswer.set(true);
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // the program closed, or the copy the other way closed both
        } finally {
            closeQuietly(program);
            closeQuietly(server);
        }
    }

    private static void answers(Socket server, Socket program, AtomicBoolean awaitingAnswer) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = server.getInputStream();
            OutputStream out = program.getOutputStream();
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    awaitingAnswer.set(false);
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                if (awaitingAnswer.get() && !program.isClosed()) {
                    answer(program, "502 Bad Gateway", e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
        } catch (IOException ended) {
            // the program closed, or the copy the other way closed both
        } finally {
            closeQuietly(program);
            closeQuietly(server);
        }
    }

    /** The request's head up to its empty line, read byte by byte so that nothing after it is taken. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0 || head.size() >= MOST_HEAD_BYTES) {
                return null;
            }
            head.write(next);
            matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : next == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Says {@code reason} on stderr and to the program, in an answer with {@code status}. */
    private static void refuse(Socket program, String status, String reason) throws IOException {
        System.err.println(reason.startsWith("netrec") ? reason : "netrec: " + reason);
        answer(program, status, reason);
    }

    private static void answer(Socket program, String status, String reason) throws IOException {
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        OutputStream out = program.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        program.close();
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
