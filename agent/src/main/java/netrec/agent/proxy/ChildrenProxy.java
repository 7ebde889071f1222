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
import java.net.SocketTimeoutException;
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
    /** How long a program may take to send its request's head, or a proxy its answer to a CONNECT. */
    private static final int HEAD_TIMEOUT_MILLIS = 30_000;
    /**
     * How long a program that opened a tunnel may stay silent before the proxy takes it for one whose server speaks
     * first (SMTP, SSH): a TLS client sends its hello at once.
     */
    private static final int FIRST_BYTE_MILLIS = 1_000;

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

    /** The proxy's URL, for the programs' {@code http_proxy} and {@code https_proxy}. */
    String url() {
        String address = server.getInetAddress().getHostAddress();
        return "http://" + (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port();
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
            program.setSoTimeout(HEAD_TIMEOUT_MILLIS);
            String head = readHead(program.getInputStream());
            program.setSoTimeout(0);
            if (head == null) {
                program.close();
                return;
            }
            if (head.length() > MOST_HEAD_BYTES) {
                refuse(program, "431 Request Header Fields Too Large", "a program sent netrec's proxy a request "
                        + "head of more than " + MOST_HEAD_BYTES + " bytes");
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
            closeQuietly(program); // the program went away, or took too long to say what it wanted
        }
    }

    /**
     * {@code CONNECT host:port}: TLS read through the run's authority, or the bytes relayed as they are (a program
     * that sends nothing for a second is taken for one whose server speaks first).
     */
    private void tunnel(Socket program, String authorityForm) throws IOException, GeneralSecurityException {
        Address target = Address.of(authorityForm);
        if (target == null) {
            refuse(program, "400 Bad Request", "CONNECT needs host:port, not " + authorityForm);
            return;
        }
        Socket server = tunnelTo(program, target);
        if (server == null) {
            return;
        }
        boolean relaying = false;
        try {
            OutputStream toProgram = program.getOutputStream();
            toProgram.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            toProgram.flush();
            int first;
            program.setSoTimeout(FIRST_BYTE_MILLIS);
            try {
                first = program.getInputStream().read();
            } catch (SocketTimeoutException serverSpeaksFirst) {
                first = -2;
            }
            program.setSoTimeout(0);
            if (first == -1) {
                return;
            }
            if (first != TLS_HANDSHAKE) {
                if (first >= 0) {
                    server.getOutputStream().write(first);
                }
                relaying = true;
                relay(program, server, false, false);
                return;
            }
            SSLSocket programTls = (SSLSocket) authority.serverContext(target.host).getSocketFactory()
                    .createSocket(program, new ByteArrayInputStream(new byte[] {(byte) first}), true);
            programTls.setUseClientMode(false);
            SSLParameters parameters = programTls.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            programTls.setSSLParameters(parameters);
            try {
                programTls.startHandshake();
            } catch (IOException e) {
                System.err.println("netrec: a program refused netrec's certificate for " + target + " (does it read "
                        + "SSL_CERT_FILE or the others netrec sets? see README, Programs that are not JVMs): " + e);
                return;
            }
            SSLSocket serverTls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(server, target.host, target.port, true);
            SSLParameters checked = serverTls.getSSLParameters();
            checked.setEndpointIdentificationAlgorithm("HTTPS"); // the server's name, as HttpsURLConnection checks it
            serverTls.setSSLParameters(checked);
            try {
                serverTls.startHandshake();
            } catch (IOException e) {
                refuse(programTls, "502 Bad Gateway", e.getMessage() != null && e.getMessage().startsWith("netrec")
                        ? e.getMessage() : "netrec's proxy could not make TLS with " + target + ": " + e);
                return;
            }
            relaying = true;
            relay(programTls, serverTls, true, false);
        } finally {
            if (!relaying) {
                closeQuietly(server);
                closeQuietly(program);
            }
        }
    }

    /** {@code GET http://host/path}: sent to the server as {@code GET /path}, alone on its connection. */
    private void forward(Socket program, String[] requestLine, String head) throws IOException {
        String url = requestLine[1];
        int pathStart = url.length();
        for (char end : new char[] {'/', '?', '#'}) {
            int at = url.indexOf(end, "http://".length());
            pathStart = at >= 0 ? Math.min(pathStart, at) : pathStart;
        }
        String authorityPart = url.substring("http://".length(), pathStart);
        Address target = Address.of(authorityPart.substring(authorityPart.lastIndexOf('@') + 1), 80);
        if (target == null) {
            refuse(program, "400 Bad Request", "no host in " + url);
            return;
        }
        URI through = upstream.forPlainHttp();
        Socket server = through != null ? connect(program, new Address(through.getHost(), through.getPort()))
                : connect(program, target);
        if (server == null) {
            return;
        }
        String path = pathStart == url.length() || url.charAt(pathStart) != '/' ? "/" + url.substring(pathStart)
                : url.substring(pathStart);
        StringBuilder rewritten = new StringBuilder(requestLine[0]).append(' ').append(through != null ? url : path)
                .append(' ').append(requestLine[2]).append("\r\n");
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
        relay(program, server, true, true);
    }

    /**
     * A connection to {@code host:port} for a {@code CONNECT}: directly, or through a tunnel the upstream proxy opens;
     * null, said to the program, when there is none.
     */
    private Socket tunnelTo(Socket program, Address target) throws IOException {
        URI through = upstream.forTunnels();
        if (through == null) {
            return connect(program, target);
        }
        Socket server = connect(program, new Address(through.getHost(), through.getPort()));
        if (server == null) {
            return null;
        }
        String status;
        try {
            String authorization = Upstream.authorization(through);
            OutputStream out = server.getOutputStream();
            out.write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n"
                    + (authorization == null ? "" : "Proxy-Authorization: " + authorization + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            server.setSoTimeout(HEAD_TIMEOUT_MILLIS);
            String head = readHead(server.getInputStream());
            server.setSoTimeout(0);
            status = head == null || head.length() > MOST_HEAD_BYTES ? "nothing it could read"
                    : head.substring(0, head.indexOf("\r\n"));
        } catch (IOException e) {
            status = "nothing (" + e + ")";
        }
        if (!status.matches("HTTP/1\\.[01] 2\\d\\d.*")) {
            closeQuietly(server);
            refuse(program, "502 Bad Gateway", "netrec's proxy asked the proxy at " + through.getHost() + ":"
                    + through.getPort() + " for " + target + ", which answered " + status);
            return null;
        }
        return server;
    }

    /** A connection to the server through the JDK's sockets; null, said to the program, when there is none. */
    private static Socket connect(Socket program, Address target) throws IOException {
        Socket server = new Socket();
        try {
            server.connect(new InetSocketAddress(target.host, target.port), CONNECT_TIMEOUT_MILLIS);
            return server;
        } catch (IOException e) {
            closeQuietly(server);
            refuse(program, "502 Bad Gateway", e.getMessage() != null && e.getMessage().startsWith("netrec")
                    ? e.getMessage() : "netrec's proxy could not connect to " + target + ": " + e);
            return null;
        }
    }

    /**
     * Copies each way until both sides end: a program that closes its sending side (half-close) still gets the rest
     * of the answer. Over HTTP ({@code answersHttp}), should the server's side fail while the program waits for an
     * answer (a request replay has no answer for, a server that reset the connection), the program is answered
     * {@code 502} with the reason, netrec's own in replay, rather than an empty reply; {@code requestSent}: the
     * program's request went ahead already.
     */
    private static void relay(Socket program, Socket server, boolean answersHttp, boolean requestSent) {
        AtomicBoolean awaitingAnswer = new AtomicBoolean(requestSent);
        daemon("netrec proxy, server to program", () -> answers(server, program, answersHttp ? awaitingAnswer : null))
                .start();
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = program.getInputStream();
            OutputStream out = server.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                awaitingAnswer.set(true);
                out.write(buffer, 0, read);
                out.flush();
            }
            server.shutdownOutput(); // the answer's copy closes both when it ends
        } catch (IOException | UnsupportedOperationException ended) {
            closeQuietly(program); // the program went, or the copy the other way closed both
            closeQuietly(server);
        }
    }

    /** The server's side to the program; {@code awaitingAnswer} null: not HTTP, nothing is ever answered for it. */
    private static void answers(Socket server, Socket program, AtomicBoolean awaitingAnswer) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = server.getInputStream();
            OutputStream out = program.getOutputStream();
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    if (awaitingAnswer != null) {
                        awaitingAnswer.set(false);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                if (awaitingAnswer != null && awaitingAnswer.get() && !program.isClosed()) {
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

    /**
     * The request's head up to its empty line, read byte by byte so that nothing after it is taken; null when the
     * program ends before it, longer than {@link #MOST_HEAD_BYTES} (its start) when it would be longer.
     */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                return null;
            }
            if (head.size() > MOST_HEAD_BYTES) {
                return head.toString(StandardCharsets.ISO_8859_1);
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

    /** A server's name (or address) and port, as a request names it. */
    private static final class Address {
        final String host;
        final int port;

        Address(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** {@code host:port} or {@code [v6]:port}; null when it is not one. */
        static Address of(String authority) {
            return of(authority, -1);
        }

        /** As {@link #of(String)}, with {@code defaultPort} when none is given (-1: one must be). */
        static Address of(String authority, int defaultPort) {
            int close = authority.lastIndexOf(']');
            int colon = authority.lastIndexOf(':');
            boolean hasPort = colon > close && (close >= 0 || authority.indexOf(':') == colon);
            String host = hasPort ? authority.substring(0, colon) : authority;
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = hasPort ? Integer.parseInt(authority.substring(colon + 1)) : defaultPort;
                return host.isEmpty() || port <= 0 || port > 65535 ? null : new Address(host, port);
            } catch (NumberFormatException notAPort) {
                return null;
            }
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
