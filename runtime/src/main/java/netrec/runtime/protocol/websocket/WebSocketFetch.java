package netrec.runtime.protocol.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import netrec.cassette.Headers;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.JoinedServer;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.protocol.RequestUri;
import netrec.runtime.protocol.UpgradedRequest;
import netrec.runtime.protocol.Upstream;
import netrec.runtime.tap.Tap;

/**
 * Update mode's WebSocket fetch: a conversation whose client message the cassette lacks goes on with the real
 * server. netrec opens a WebSocket of its own there with the client's handshake (offering no extension: replay agreed
 * to none with the client), sends the client's messages so far, each once the server sent as many messages as the
 * cassette had sent the client before it (those are set aside), then sends the new message. From then on each
 * side's messages go to the other as they come, until the server closes ({@link JoinedServer}). Everything on
 * netrec's connection is recorded as the application's own would be, so it replays later as a WebSocket of its own
 * ({@code Turns} moves to it where the first one parts); a catch-up that fails after the server switched protocols
 * is recorded as far as it went.
 *
 * <p>The server's messages set aside are counted, not compared: each step waits {@link #SET_ASIDE_MILLIS} at most for
 * its own, and those that did not come by then are set aside as they come during the next steps (a server slow to
 * answer one message, whose answer comes with the next one's), waited for once more before the last message. Once
 * the last message, the one the cassette lacked, is sent, whatever the server sends reaches the client: a server
 * that sent fewer than the cassette had (a push on a timer) does not hold back its answer.
 */
final class WebSocketFetch implements FrameReader.Listener {
    private static final int SET_ASIDE_MILLIS = 5_000;

    /** A message the client sent. */
    static final class Sent {
        final int opcode;
        final byte[] payload;

        Sent(int opcode, byte[] payload) {
            this.opcode = opcode;
            this.payload = payload;
        }
    }

    private final ClientConnection client;
    private final Socket upstream;
    private final FrameReader reader = new FrameReader(this);
    /** The server's side, once it switched protocols. */
    private JoinedServer server;
    /** The server's messages still to set aside: the client had them from the cassette. */
    private int toSetAside;

    private WebSocketFetch(ClientConnection client, Socket upstream) {
        this.client = client;
        this.upstream = upstream;
    }

    /**
     * Goes on with the server {@code client} meant to reach: opens a WebSocket there with {@code handshake}, sends
     * {@code sent} (the client's messages so far; the last is the one the cassette lacked), recorded through
     * {@code fetches}. Before the first message and after each of the others, as many of the server's messages as
     * {@code answered} says the cassette had sent the client there are set aside.
     */
    static WebSocketFetch begin(ClientConnection client, MissRecorder fetches, UpgradedRequest handshake,
            List<Sent> sent, List<Integer> answered) throws IOException {
        Socket upstream = Upstream.open(client, null);
        WebSocketFetch fetch = new WebSocketFetch(client, upstream);
        try {
            fetch.toSetAside = answered.get(0); // before the handshake: a greeting may come in the same read as its answer
            fetch.open(handshake, fetches);
            fetch.setAside(0);
            for (int i = 0; i < sent.size() - 1; i++) {
                fetch.send(sent.get(i).opcode, sent.get(i).payload);
                int late = fetch.toSetAside; // not come by the end of the steps before: set aside as they come
                fetch.toSetAside += answered.get(i + 1);
                fetch.setAside(late);
            }
            fetch.setAside(0); // a late answer to the message before the new one is waited for once more
            fetch.toSetAside = 0; // what the server sends from now on reaches the client
            Sent last = sent.get(sent.size() - 1);
            fetch.send(last.opcode, last.payload);
            fetch.server.pumpTo(fetch.reader::feedAll);
            return fetch;
        } catch (IOException | RuntimeException e) {
            if (fetch.server != null) {
                fetch.server.close(); // what was sent so far is recorded: it took place
            }
            upstream.close();
            throw e;
        }
    }

    /** The opening handshake; recorded once the server switched protocols. */
    private void open(UpgradedRequest handshake, MissRecorder fetches) throws IOException {
        StringBuilder head = new StringBuilder(handshake.method()).append(' ')
                .append(RequestUri.originForm(handshake.target())).append(" HTTP/1.1\r\n");
        for (Headers.Field field : handshake.headers().fields()) {
            if (!field.key().equals("sec-websocket-extensions")) {
                head.append(field.name()).append(": ").append(field.value()).append("\r\n");
            }
        }
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        OutputStream out = upstream.getOutputStream();
        InputStream in = upstream.getInputStream();
        out.write(request);
        out.flush();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int end;
        upstream.setSoTimeout(SET_ASIDE_MILLIS);
        while ((end = headEnd(response.toByteArray())) < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the server closed the connection before it answered the WebSocket handshake");
            }
            response.write(buffer, 0, n);
        }
        upstream.setSoTimeout(0);
        byte[] answer = response.toByteArray();
        String statusLine = new String(answer, 0, Math.max(0, indexOf(answer, '\r')), StandardCharsets.ISO_8859_1);
        if (!statusLine.matches("HTTP/1\\.1 101( .*)?")) {
            throw new IOException("the server answered the WebSocket handshake with '" + statusLine + "'");
        }
        Tap recorded = fetches.record(upstream, client.host(), client.port());
        recorded.sent(request, 0, request.length);
        recorded.received(answer, 0, answer.length);
        server = new JoinedServer(client, upstream, recorded);
        reader.feed(answer, end, answer.length - end);
    }

    /**
     * Reads the server's messages until no more than {@code late} are still to set aside (as many as this step's own
     * came), or {@link #SET_ASIDE_MILLIS} passed: a step waits for its own answers, never again for late ones, so a
     * server that no longer sends one the cassette had costs one wait, not one per step.
     */
    private void setAside(int late) throws IOException {
        if (toSetAside <= late) {
            return;
        }
        byte[] buffer = new byte[64 * 1024];
        long deadline = System.nanoTime() + SET_ASIDE_MILLIS * 1_000_000L;
        try {
            while (toSetAside > late) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                upstream.setSoTimeout((int) left);
                int n = server.read(buffer);
                if (n < 0) {
                    throw new IOException("the server closed the connection as netrec sent it the client's messages "
                            + "so far again");
                }
                reader.feed(buffer, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            // kept: a late answer still comes before the next one, and is set aside then, so that no message the
            // client had from the cassette reaches it twice
            if (Log.debugEnabled()) {
                Log.debug("update: " + toSetAside + " of the server's messages the cassette had not come in "
                        + SET_ASIDE_MILLIS + " ms");
            }
        } finally {
            upstream.setSoTimeout(0);
        }
    }

    /** A message of the client's (or a control frame) to the server, recorded. */
    void send(int opcode, byte[] payload) throws IOException {
        byte[] frame = FrameWriter.masked(opcode, payload);
        server.send(frame, 0, frame.length);
    }

    /** True once the server closed the connection, or it broke. */
    boolean ended() {
        return server.ended();
    }

    /** The client closed the connection, or it broke. */
    void clientClosed() {
        server.clientClosed();
    }

    @Override
    public void message(int opcode, boolean compressed, byte[] payload) throws IOException {
        if (toSetAside > 0 && (opcode == FrameReader.TEXT || opcode == FrameReader.BINARY)) {
            toSetAside--;
        } else if (toSetAside > 0 && opcode == FrameReader.PING) {
            send(FrameReader.PONG, payload);
        } else if (toSetAside == 0 || opcode == FrameReader.CLOSE) {
            client.send(Answer.of(FrameWriter.frame(opcode, payload)));
        }
    }

    @Override
    public void notWebSocket(String why) {
        Log.warnOnce("update-websocket", "update mode's WebSocket to " + client + " got what it cannot read (" + why
                + "); it is closed");
        server.close();
    }

    /** Where the head in {@code bytes} ends (after its blank line), or -1 when it has not all come. */
    private static int headEnd(byte[] bytes) {
        for (int i = 3; i < bytes.length; i++) {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, char c) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
