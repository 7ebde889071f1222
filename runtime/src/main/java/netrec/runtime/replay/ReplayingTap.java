package netrec.runtime.replay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.replay.serve.InProcessSocketImpl;
import netrec.runtime.replay.serve.ReplayConnection;
import netrec.runtime.replay.serve.ReplayServer;
import netrec.runtime.tap.Tap;

/**
 * A replayed connection's tap. Its requests are answered by the cassette in use when each arrives: in-process, on
 * the client's own thread, for a blocking socket with the JDK's implementation; through the {@link ReplayServer}
 * for a channel or any other socket. The bytes the application moves are replay's own, so nothing is copied. In
 * update mode (made by {@link #updating}), a request the cassette lacks is fetched from the real server and
 * recorded, as the cassette's answers say.
 */
public final class ReplayingTap implements Tap {
    private final ReplayConnection connection;
    private final Supplier<Replayer> replayer;
    /** What the connect does instead: run on the in-process implementation, or go to the replay server. */
    private final SocketImpl implementation;

    private ReplayingTap(ReplayConnection connection, Supplier<Replayer> replayer, SocketImpl implementation) {
        this.connection = connection;
        this.replayer = replayer;
        this.implementation = implementation;
    }

    /**
     * Replays {@code client}'s connection to {@code target}: in-process when {@code current}, the socket's own
     * implementation, is one replay can stand in for; through {@code server} otherwise.
     */
    public static ReplayingTap replaying(Object client, SocketImpl current, InetSocketAddress target,
            Supplier<ReplayServer> server, Supplier<Replayer> replayer, List<Protocol> protocols) {
        boolean inProcess = InProcessSocketImpl.replaces(client, current);
        ReplayConnection connection = new ReplayConnection(target.getHostString(), target.getPort(),
                addressOf(target), inProcess ? null : server.get(), answersOf(replayer));
        if (Log.debugEnabled()) {
            Log.debug("replay: connection to " + connection + (inProcess ? " is answered in-process"
                    : " goes to the replay server"));
        }
        return new ReplayingTap(connection, replayer,
                inProcess ? InProcessSocketImpl.replacing(current, connection, protocols) : null);
    }

    /**
     * Update mode's tap of a connection to a recorded server: through {@code server}, where a request the cassette
     * lacks is sent to the real server from netrec's own thread, and the exchange recorded.
     */
    public static ReplayingTap updating(InetSocketAddress target, ReplayServer server, Supplier<Replayer> replayer) {
        ReplayConnection connection = new ReplayConnection(target.getHostString(), target.getPort(),
                addressOf(target), server, answersOf(replayer));
        return new ReplayingTap(connection, replayer, null);
    }

    /** The answers of the cassette in use when each question is asked; null while none replays. */
    private static Supplier<CassetteAnswers> answersOf(Supplier<Replayer> replayer) {
        return () -> {
            Replayer current = replayer.get();
            return current == null ? null : current.answers();
        };
    }

    /** The in-process implementation the socket connects on, or null when it goes to {@link #destination}. */
    public SocketImpl implementation() {
        return implementation;
    }

    /** The replay server's address, where the connect goes when it is not answered in-process. */
    public SocketAddress destination() {
        return connection.server() == null ? null : connection.server().address();
    }

    @Override
    public void connected(int localPort, Throwable failure) {
        if (failure == null && localPort > 0 && connection.server() != null) {
            if (Log.debugEnabled()) {
                Log.debug("replay: expecting " + connection + " from local port " + localPort);
            }
            connection.server().expect(localPort, connection);
        }
    }

    @Override
    public void sent(byte[] bytes, int offset, int length) {
        // replay's own bytes
    }

    @Override
    public void received(byte[] bytes, int offset, int length) {
        // replay's own bytes
    }

    /** The reason replay could not answer, made on the client's thread so that its stack trace is the client's. */
    @Override
    public IOException endOfInput() {
        return connection.failure();
    }

    @Override
    public Socket layerTlsStart(Socket plain, String host, int port, boolean autoClose) {
        Replayer current = replayer.get();
        if (current == null) {
            return null;
        }
        String tlsHost = host == null ? connection.host() : host;
        connection.startTls(tlsHost, port);
        InetAddress address;
        try {
            address = connection.address().isEmpty() ? null
                    : InetAddress.getByAddress(tlsHost, InetAddress.getByName(connection.address()).getAddress());
        } catch (UnknownHostException notALiteral) {
            address = null;
        }
        return current.tls().layer(plain, tlsHost, port, address, autoClose);
    }

    @Override
    public Tap layerTlsEnd(Socket tls, String host, int port) {
        return null;
    }

    @Override
    public void closed() {
        // nothing held
    }

    private static String addressOf(InetSocketAddress target) {
        InetAddress address = target.getAddress();
        return address == null ? "" : address.getHostAddress();
    }
}
