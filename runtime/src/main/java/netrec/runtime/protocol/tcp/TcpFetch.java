package netrec.runtime.protocol.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import netrec.cassette.match.PostgresLogin;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.JoinedServer;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.protocol.Upstream;
import netrec.runtime.tap.Tap;

/**
 * Update mode's raw TCP fetch: a conversation that parted from every recorded one goes on with the real server.
 * netrec opens a connection of its own there and sends it the client's turns so far, each once the server answered
 * the one before (that answer is set aside: the client had it from the cassette); then the turn the cassette lacked.
 * From then on the two connections are joined: the client's bytes go to the server, and the server's to the client
 * as they come, until either side closes. The whole conversation on netrec's connection, the turns sent again
 * included, is recorded as the application's own would be, so it replays later as a conversation of its own.
 *
 * <p>An answer is taken as whole once the server has sent something and then nothing for {@link #QUIET_MILLIS}; a
 * turn with no answer within {@link #FIRST_BYTE_MILLIS} has none. A PostgreSQL login is made again, with the password
 * update mode asked the client for ({@link PostgresLogin#passwordAskedInClear}); a login whose proof answers the
 * challenge the cassette gave (MySQL's) cannot be: the server refuses it, and the turn is a miss that says so.
 * Nothing is recorded of a conversation that could not go on.
 */
final class TcpFetch {
    private static final int FIRST_BYTE_MILLIS = 5_000;
    private static final int QUIET_MILLIS = 100;

    private final Socket upstream;
    private final InputStream in;
    private final OutputStream out;

    private TcpFetch(Socket upstream) throws IOException {
        this.upstream = upstream;
        this.in = upstream.getInputStream();
        this.out = upstream.getOutputStream();
    }

    /**
     * Goes on with the server {@code client} meant to reach: sends it {@code sent} (after its greeting when
     * {@code serverFirst}; on the connection that greeted the client, {@code greeted}, when there is one), then
     * {@code turn}, recorded through {@code fetches}; the server's answers from {@code turn} on go to the client. The
     * server's side, joined.
     */
    static JoinedServer begin(ClientConnection client, MissRecorder fetches, Greeting greeted, boolean serverFirst,
            List<byte[]> sent, byte[] turn) throws IOException {
        Socket upstream = greeted != null ? greeted.socket : Upstream.open(client, null);
        try {
            List<byte[]> steps = new TcpFetch(upstream).catchUp(serverFirst, greeted, sent);
            Tap recorded = fetches.record(upstream, client.host(), client.port());
            for (int i = 0; i < steps.size(); i++) {
                byte[] step = steps.get(i);
                if (i % 2 == (serverFirst ? 1 : 0)) {
                    recorded.sent(step, 0, step.length);
                } else {
                    recorded.received(step, 0, step.length);
                }
            }
            JoinedServer server = new JoinedServer(client, upstream, recorded);
            server.send(turn, 0, turn.length);
            server.pumpTo((buffer, n) -> client.send(Answer.of(Arrays.copyOf(buffer, n))));
            return server;
        } catch (IOException | RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    /**
     * Sends the client's turns so far again, each once the server answered the one before; returns what passed on
     * the connection, in turn: the server's greeting first when it speaks first, then each turn and its answer. A
     * PostgreSQL login is made again with the password update mode asked the client for ({@link PostgresLoginAgain}).
     */
    private List<byte[]> catchUp(boolean serverFirst, Greeting greeted, List<byte[]> sent) throws IOException {
        List<byte[]> steps = new ArrayList<>();
        if (greeted != null) {
            steps.add(greeted.bytes);
        } else if (serverFirst) {
            steps.add(answer("its greeting"));
        }
        for (int i = 0; i < sent.size(); i++) {
            out.write(sent.get(i));
            out.flush();
            steps.add(sent.get(i));
            byte[] answer = answer("the client's turn " + (i + 1) + " of " + sent.size() + ", sent again");
            steps.add(answer);
            String password = i + 1 < sent.size() ? PostgresLogin.clearPassword(sent.get(i + 1)) : null;
            if (PostgresLogin.passwordAsked(sent.get(i), answer)) { // a startup message (after an SSLRequest, maybe)
                if (password == null) {
                    throw new IOException("PostgreSQL asks for the password, which this client did not send "
                            + "(replay answered its login at once). Record the conversation with mode record (or "
                            + "once)");
                }
                upstream.setSoTimeout(FIRST_BYTE_MILLIS);
                steps.addAll(PostgresLoginAgain.logIn(in, out, sent.get(i), answer, password));
                upstream.setSoTimeout(0);
                i++; // the client's password went into the login
            } else if (password != null && PostgresLogin.loggedIn(sent.get(i), answer)) {
                i++; // the server now takes the login on trust: the password update mode asked for is not sent
            }
        }
        return steps;
    }

    /**
     * A server's greeting, from a connection netrec opened as a replayed one opened: update mode greets a MySQL or
     * MariaDB client with the real server's, so that its login answers that server's scramble and can be sent to it
     * again should the conversation go on there. Closed by whoever holds it, unless it goes on.
     */
    static final class Greeting implements java.io.Closeable {
        final Socket socket;
        final byte[] bytes;

        private Greeting(Socket socket, byte[] bytes) {
            this.socket = socket;
            this.bytes = bytes;
        }

        /** The greeting of the server {@code client} meant to reach, on a connection of netrec's; null on failure. */
        static Greeting of(ClientConnection client) {
            Socket upstream = null;
            try {
                upstream = Upstream.open(client, null);
                byte[] greeting = new TcpFetch(upstream).answer("its greeting");
                if (greeting.length > 0) {
                    return new Greeting(upstream, greeting);
                }
            } catch (IOException | RuntimeException e) {
                Log.debug("update: no greeting from " + client + " (" + e + "); the recorded one is sent");
            }
            if (upstream != null) {
                try {
                    upstream.close();
                } catch (IOException e) {
                    Log.debug("update: closing netrec's connection to " + client + ": " + e);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** What the server sends until it is quiet; none when it sends nothing for a while. */
    private byte[] answer(String to) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            upstream.setSoTimeout(FIRST_BYTE_MILLIS);
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("the server closed the connection after " + to + " (" + answer.size()
                            + " bytes of answer); the cassette's earlier turns may not be what this server accepts");
                }
                answer.write(buffer, 0, n);
                upstream.setSoTimeout(QUIET_MILLIS);
            }
        } catch (SocketTimeoutException quiet) {
            return answer.toByteArray();
        } finally {
            if (!upstream.isClosed()) {
                upstream.setSoTimeout(0);
            }
        }
    }
}
