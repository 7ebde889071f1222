package netrec.runtime.protocol.http1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.AnsweringContext;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.tap.Tap;

/**
 * Update mode's answer to a request the cassette lacks: sent to the real server from netrec's own thread, its
 * response relayed to the client byte for byte as the replay server reads it, and both directions fed to the
 * recorder exactly as if the application had made the connection itself, so the new interaction lands in the
 * cassette like any other.
 */
final class MissForwarder {
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;

    private final MissRecorder recorder;

    MissForwarder(MissRecorder recorder) {
        this.recorder = recorder;
    }

    /** Sends the request to the real server; the answer relays its response. */
    Answer forward(AnsweringContext connection, HttpHead request, byte[] body) throws IOException {
        InetSocketAddress target = new InetSocketAddress(connection.host(), connection.port());
        Socket upstream = open(target, connection.tls());
        try {
            if (upstream instanceof SSLSocket) {
                ((SSLSocket) upstream).startHandshake();
            }
            Tap recorded = recorder.record(upstream, connection.host(), connection.port());
            byte[] head = request.encode();
            OutputStream out = upstream.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            recorded.sent(head, 0, head.length);
            recorded.sent(body, 0, body.length);
            return new Relayed(upstream, recorded, request.method());
        } catch (IOException | RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    private Socket open(InetSocketAddress target, boolean tls) throws IOException {
        Socket plain = new Socket();
        plain.connect(target, CONNECT_TIMEOUT_MILLIS);
        if (!tls) {
            return plain;
        }
        try {
            return SSLContext.getDefault().getSocketFactory().createSocket(plain, target.getHostString(),
                    target.getPort(), true);
        } catch (NoSuchAlgorithmException e) {
            plain.close();
            throw new IOException("this JVM has no default TLS context", e);
        }
    }

    /** The real server's response as it arrives, recorded as it is read; it ends where the response ends. */
    private final class Relayed extends Answer {
        private final Socket upstream;
        private final InputStream in;
        private final Tap recorded;
        private final ResponseEnd end;
        private final HttpStreamParser parser;
        private boolean finished;

        Relayed(Socket upstream, Tap recorded, String requestMethod) throws IOException {
            this.upstream = upstream;
            this.in = upstream.getInputStream();
            this.recorded = recorded;
            this.end = new ResponseEnd(requestMethod);
            this.parser = new HttpStreamParser(false, end);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (finished || length == 0) {
                return finished ? -1 : 0;
            }
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                recorded.endOfInput();
                parser.endOfStream();
                close();
                return -1;
            }
            recorded.received(buffer, offset, n);
            parser.feed(buffer, offset, n);
            if (end.done) {
                close();
            }
            return n;
        }

        @Override
        public boolean keepsConnection() {
            return end.done && end.keepAlive;
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                finished = true;
                recorded.closed();
                upstream.close();
            }
        }
    }

    /** Watches the relayed response for its end, skipping interim 1xx responses. */
    private static final class ResponseEnd implements HttpStreamParser.Listener {
        private final String requestMethod;
        boolean done;
        boolean keepAlive;
        private boolean interim;

        ResponseEnd(String requestMethod) {
            this.requestMethod = requestMethod;
        }

        @Override
        public BodyFraming head(HttpHead head) {
            interim = head.status() / 100 == 1 && head.status() != 101;
            BodyFraming framing = BodyFraming.ofResponse(head, requestMethod);
            keepAlive = framing.kind() != BodyFraming.Kind.UNTIL_CLOSE && !head.headers().hasToken("Connection", "close");
            return framing;
        }

        @Override
        public void body(byte[] bytes, int offset, int length) {
            // relayed as it arrives
        }

        @Override
        public void end(boolean complete) {
            done = !interim;
        }

        @Override
        public void notHttp(String why) {
            done = true;
            keepAlive = false;
        }
    }
}
