package netrec.runtime;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.record.RecordedConnection;
import netrec.runtime.record.RecordingTap;
import netrec.runtime.record.Routes;
import netrec.runtime.replay.Replayer;
import netrec.runtime.replay.ReplayingTap;
import netrec.runtime.replay.serve.ReplayServer;
import netrec.runtime.tap.Tap;
import netrec.runtime.tap.Taps;
import netrec.runtime.tests.TestThreads;

/**
 * The one place each connection's fate is decided: left alone (no tap), recorded, replayed, or updated (replayed,
 * with what the cassette lacks fetched and recorded); at its connect, or at its first bytes for TLS over an
 * SSLEngine, and never again. Connections outlive cassettes: a connection a client keeps open from one test to the
 * next is recorded into, or answered from, the cassette of the test whose thread moves its bytes
 * ({@link ConnectionUse}).
 *
 * <p>Nothing here throws to the application: an internal failure is logged once, and then recording lets the
 * traffic pass untouched while replay refuses it with netrec's reason.
 */
final class Connections {
    private final Cassettes cassettes;
    private final Routes routes;
    private final List<Protocol> protocols;
    private final Taps taps = new Taps();
    /** Which test each tapped connection serves, by the same objects as {@link #taps}. */
    private final Map<Object, ConnectionUse> uses = Collections.synchronizedMap(new WeakHashMap<>());
    private final Supplier<ReplayServer> replayServer = this::replayServer;
    private ReplayServer server;

    Connections(Cassettes cassettes, Routes routes, List<Protocol> protocols) {
        this.cassettes = cassettes;
        this.routes = routes;
        this.protocols = protocols;
    }

    /** The tap of {@code connection} (a socket, channel or SSLEngine), or null when netrec leaves it alone. */
    Tap tapOf(Object connection) {
        return taps.tapOf(connection);
    }

    /**
     * Before a connect of {@code client} ({@code current}: a socket's implementation, null for a channel): the tap
     * that replays it, in-process or through the replay server, when it goes to a recorded server; null to connect
     * as asked. In update mode an unrecorded server is reached, and recorded from the connect's end.
     *
     * @throws IOException what the connect throws instead: it would leave the machine in replay
     */
    ReplayingTap connectStart(Object client, SocketImpl current, SocketAddress endpoint) throws IOException {
        if (!(endpoint instanceof InetSocketAddress)) {
            return null;
        }
        InetSocketAddress target = (InetSocketAddress) endpoint;
        ConnectionUse use = new ConnectionUse(cassettes);
        CassetteInUse cassette = use.cassette();
        if (cassette == null) {
            String refusal = cassettes.refusal();
            if (refusal != null && !cassettes.jvmOptions().leavesAlone(target.getHostString())) {
                throw new ConnectException(refusal);
            }
            return null;
        }
        if (cassette.leavesAlone(target.getHostString())) {
            return null;
        }
        Replayer replayer = cassette.replayer();
        if (replayer == null) {
            return null;
        }
        IOException failedAsRecorded = replayer.failureAsRecorded(target);
        if (failedAsRecorded != null) {
            throw failedAsRecorded;
        }
        try {
            if (replayer.recorded(target)) {
                ReplayingTap tap = cassette.mode().recordsMisses()
                        ? ReplayingTap.updating(target, replayServer(), use::replayer)
                        : ReplayingTap.replaying(client, current, target, replayServer, use::replayer, protocols);
                taps.add(client, tap);
                uses.put(client, use);
                return tap;
            }
        } catch (LoopbackUnusable e) {
            Log.warnOnce("loopback-unusable", e.reason.getMessage());
            throw new ConnectException(e.reason.getMessage());
        } catch (RuntimeException | Error e) {
            Log.internalError("deciding where a replayed connection goes", e);
            throw new IOException("netrec: internal error while replaying a connection to " + endpoint + ": " + e);
        }
        IOException refused = cassette.mode().recordsMisses() ? null : replayer.refusal(target);
        if (refused != null) {
            throw refused;
        }
        if (cassette.absent() != null) {
            // loopback too: with no cassette at all, a run against live local servers would be no replay
            Log.warnOnce("absent:" + cassette.options().cassette(), cassette.absent().substring("netrec: ".length()));
            throw new ConnectException(cassette.absent());
        }
        return null;
    }

    /**
     * After the connect of {@code client} from {@code localPort} ({@code -1}: a non-blocking connect still
     * pending), or its failure. A connection without a tap is recorded from here when the cassette in use records.
     */
    void connectEnd(Object client, int localPort, SocketAddress endpoint, Throwable failure) {
        try {
            Tap tap = taps.tapOf(client);
            if (tap != null) {
                tap.connected(localPort, failure);
                if (failure != null) {
                    taps.remove(client);
                }
                return;
            }
            ConnectionUse use = new ConnectionUse(cassettes);
            CassetteInUse cassette = use.cassette();
            if (cassette == null || cassette.recorder() == null) {
                if (cassette == null && cassettes.unattributed() != null) {
                    Log.warnOnce("unattributed", cassettes.unattributed().substring("netrec: ".length())
                            + "; its connections are not recorded");
                }
                return;
            }
            cassette.connectionTried();
            if (cassette.leavesAlone(endpoint)) {
                if (failure == null) {
                    cassette.leftAlone(endpoint);
                }
                return;
            }
            if (!(endpoint instanceof InetSocketAddress)) {
                return;
            }
            InetSocketAddress target = (InetSocketAddress) endpoint;
            InetAddress address = target.getAddress();
            RecordedConnection recorded = new RecordedConnection(target.getHostString(), target.getPort(),
                    address == null ? "" : address.getHostAddress(), client instanceof SSLSocket);
            if (failure != null) {
                if (String.valueOf(failure.getMessage()).contains("Network is unreachable")) {
                    Log.warnOnce("record-no-network", "recording, and " + endpoint + " cannot be reached ("
                            + failure.getMessage() + "): this machine has no network here, so there is little to "
                            + "record. Record where the servers can be reached, or replay (mode replay) to run "
                            + "offline");
                }
                if (failure instanceof IOException) {
                    cassette.recorder().connectFailed(recorded, failure);
                }
                return;
            }
            taps.add(client, RecordingTap.of(client, recorded, use::recorder, routes));
            uses.put(client, use);
        } catch (RuntimeException | Error e) {
            Log.internalError("noting a new connection", e);
        }
    }

    /** A pending non-blocking connect completed or failed: its local port is known only now. */
    void connectFinished(Object client, int localPort, boolean connected, Throwable failure) {
        moving(client); // a client's selector thread finishing the connect follows the connection's test from here
        Tap tap = taps.tapOf(client);
        if (tap != null && (connected || failure != null)) {
            tap.connected(localPort, failure);
        }
    }

    /** The tap of a client SSLEngine: replayed engines have none; a recorded one's is made at its first wrap. */
    Tap engineTap(SSLEngine engine) {
        Tap tap = taps.tapOf(engine);
        if (tap != null || !engine.getUseClientMode()) {
            return tap;
        }
        ConnectionUse use = new ConnectionUse(cassettes);
        if (use.recorder() == null) {
            return null;
        }
        tap = RecordingTap.ofEngine(engine, use::recorder, routes);
        if (tap != null) {
            taps.add(engine, tap);
            uses.put(engine, use);
        }
        return tap;
    }

    /**
     * The current thread moves bytes of {@code connection} (a write begins, a read ended, a connect finished), while
     * tests run: when the thread works for a test, the connection serves that test from now on (unless its client
     * says itself which exchange takes it, {@link #claimed}); when it works for none, it follows the connection's.
     */
    void moving(Object connection) {
        if (TestThreads.anyRunning()) {
            ConnectionUse use = uses.get(connection);
            if (use != null) {
                use.cassette();
            }
        }
    }

    /** The client took {@code connection} for an exchange on the current thread: it serves that thread's test. */
    void claimed(Object connection) {
        if (TestThreads.anyRunning()) {
            ConnectionUse use = uses.get(connection);
            if (use != null) {
                use.claim();
            }
        }
    }

    /** The application closed {@code connection}. */
    void closed(Object connection) {
        uses.remove(connection);
        Tap tap = taps.remove(connection);
        if (tap != null) {
            tap.closed();
        }
    }

    /** TLS was layered on {@code plain} as {@code tls}: the TLS socket gets its own tap. */
    void tlsLayered(Socket tls, Socket plain, String host, int port) {
        Tap tap = taps.tapOf(plain);
        if (tap == null) {
            return;
        }
        try {
            Tap layered = tap.layerTlsEnd(tls, host, port);
            if (layered != null) {
                taps.add(tls, layered);
            }
        } catch (RuntimeException | Error e) {
            Log.internalError("noting TLS to " + host + ":" + port, e);
        }
    }

    /** The replayer of the cassette in use, for TLS made by replay; null when none replays. */
    Replayer replayer() {
        CassetteInUse cassette = cassettes.inUse();
        return cassette == null ? null : cassette.replayer();
    }

    /** Stops the replay server, at JVM exit. */
    synchronized void stop() {
        if (server != null) {
            server.close();
        }
    }

    private synchronized ReplayServer replayServer() {
        if (server == null) {
            try {
                server = new ReplayServer(protocols);
            } catch (IOException e) {
                throw new LoopbackUnusable(e);
            }
        }
        return server;
    }

    /** The replay server cannot be reached on loopback: every connection it would answer fails with the reason. */
    private static final class LoopbackUnusable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final IOException reason;

        LoopbackUnusable(IOException reason) {
            super(reason.getMessage(), reason, false, false);
            this.reason = reason;
        }
    }
}
