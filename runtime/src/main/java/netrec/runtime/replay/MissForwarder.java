package netrec.runtime.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import netrec.runtime.http.BodyFraming;
import netrec.runtime.http.HttpHead;
import netrec.runtime.http.HttpStreamParser;
import netrec.runtime.record.RecordedConnection;
import netrec.runtime.record.Recorder;

/**
 * Update mode's answer to a request the cassette lacks: netrec's own thread sends it to the real server, relays the
 * response to the client byte for byte, and feeds both directions to the recorder exactly as if the application had
 * made the connection itself, so the new interaction lands in the cassette like any other.
 */
final class MissForwarder {
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;

    private final Recorder recorder;

    MissForwarder(Recorder recorder) {
        this.recorder = recorder;
    }

    /** Forwards one request; returns true when the client's connection may carry another. */
    boolean forward(ReplayConnection connection, HttpHead request, byte[] body, OutputStream client) throws IOException {
        InetSocketAddress target = new InetSocketAddress(connection.host(), connection.port());
        try (Socket upstream = open(target, connection.tls())) {
            RecordedConnection recorded = new RecordedConnection(connection.host(), connection.port(),
                    target.getAddress() == null ? "" : target.getAddress().getHostAddress(), connection.tls());
            if (upstream instanceof SSLSocket) {
                ((SSLSocket) upstream).startHandshake();
                recorded.noteSession((SSLSocket) upstream);
            }
            byte[] head = request.encode();
            OutputStream out = upstream.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            recorder.sent(recorded, head);
            recorder.sent(recorded, body.clone());
            boolean keepAlive = relayResponse(upstream.getInputStream(), client, recorded, request.method());
            recorder.closed(recorded);
            return keepAlive;
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

    private boolean relayResponse(InputStream upstream, OutputStream client, RecordedConnection recorded,
            String requestMethod) throws IOException {
        ResponseEnd end = new ResponseEnd(requestMethod);
        HttpStreamParser parser = new HttpStreamParser(false, end);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while (!end.done && (n = upstream.read(buffer)) > 0) {
            client.write(buffer, 0, n);
            recorder.received(recorded, java.util.Arrays.copyOf(buffer, n));
            parser.feed(buffer, 0, n);
        }
        if (!end.done) {
            recorder.receivedEnd(recorded);
            parser.endOfStream();
        }
        client.flush();
        return end.done && end.keepAlive;
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
