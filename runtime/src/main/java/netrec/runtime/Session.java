package netrec.runtime;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import netrec.cassette.CassetteException;
import netrec.cassette.MatchRules;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.Log;
import netrec.runtime.base.NetrecThread;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.record.RecordedConnection;
import netrec.runtime.record.Recorder;
import netrec.runtime.record.RecordingTap;
import netrec.runtime.record.Routes;
import netrec.runtime.replay.Replayer;
import netrec.runtime.replay.ReplayingTap;
import netrec.runtime.replay.report.ReplayOutcome;
import netrec.runtime.replay.report.ReplayUsage;
import netrec.runtime.replay.serve.ReplayServer;
import netrec.runtime.tap.Connections;
import netrec.runtime.tap.Tap;
import netrec.runtime.udp.DnsOverUdp;

/**
 * netrec inside one JVM: its connections' taps, the cassette in use, and the one place each connection's fate is
 * decided. A connection is left alone (no tap), recorded, replayed, or updated (replayed, with what the cassette
 * lacks fetched and recorded); which is decided at its connect, or at its first bytes for TLS over an SSLEngine,
 * and never again.
 *
 * <p>The agent's argument names the JVM's cassette, opened by the first network call that needs it; a test (the
 * JUnit extension) may put its own in use while it runs, after which the JVM's is in use again. One test at a time:
 * a JVM's traffic cannot be told apart by test. Connections outlive cassettes: a connection a client keeps open from
 * one test to the next is recorded into, or answered from, the cassette in use when its bytes move.
 *
 * <p>Nothing here throws to the application: an internal failure is logged once, and then recording lets the
 * traffic pass untouched while replay refuses it with netrec's reason.
 */
public final class Session {
    private final AgentOptions jvmOptions;
    private final Connections connections = new Connections();
    private final Routes routes = new Routes();
    private final Supplier<Recorder> recorderInUse = this::recorder;
    private final Supplier<Replayer> replayerInUse = this::replayer;
    private final Supplier<ReplayServer> replayServer = this::replayServer;
    private final List<Protocol> protocols = Protocols.all();
    private final DnsOverUdp dns = new DnsOverUdp();
    private CassetteInUse jvmWide;
    private volatile CassetteInUse inUse;
    private String test;
    /** True until the JVM's cassette is opened, by the first call that needs it. */
    private volatile boolean jvmWidePending;
    /** The thread opening the JVM's cassette: what it does itself is netrec's, not the application's. */
    private Thread opening;
    /** Why replay refuses everything, when the JVM's cassette could not be loaded; null otherwise. */
    private volatile String refusal;
    private ReplayServer server;

    /** A session for the JVM's cassette, which {@code options} name; nothing is opened until traffic needs it. */
    public Session(AgentOptions options) {
        this.jvmOptions = options;
        this.jvmWidePending = options.mode().isActive();
    }

    /** The options of the agent's argument, which a test's cassette starts from. */
    public AgentOptions options() {
        return jvmOptions;
    }

    // ---- the cassette in use ----

    /**
     * Puts {@code options}' cassette in use for {@code testName} until {@link #endTest}; {@code extraRules} add to
     * the cassette's {@code rules.yaml}.
     *
     * @throws IllegalStateException when another test holds a cassette
     * @throws netrec.cassette.CassetteException when replay's cassette cannot be loaded
     */
    public synchronized void beginTest(String testName, AgentOptions options, MatchRules extraRules)
            throws IOException {
        if (test != null) {
            throw new IllegalStateException("netrec: " + testName + " started while " + test + " is using the "
                    + "cassette " + inUse.options().cassette() + "; one JVM's traffic cannot be told apart by test, "
                    + "so tests that use netrec must not run at the same time in one JVM. Run them one at a time "
                    + "(JUnit: @Execution(ExecutionMode.SAME_THREAD), or junit.jupiter.execution.parallel.enabled="
                    + "false) or in separate JVMs (Surefire's forkCount)");
        }
        CassetteInUse cassette = CassetteInUse.open(options, extraRules);
        test = testName;
        inUse = cassette;
    }

    /** Ends the test's use of its cassette (the JVM's is in use again) and says how its replay went. */
    public synchronized ReplayOutcome endTest() {
        CassetteInUse cassette = inUse;
        if (test == null || cassette == null) {
            return null;
        }
        test = null;
        inUse = jvmWide;
        return cassette.close();
    }

    /** Writes what is pending and says how the JVM's replay went; at JVM exit. */
    public synchronized void stop() {
        CassetteInUse cassette = inUse;
        if (cassette != null && cassette != jvmWide) {
            cassette.close();
        }
        if (jvmWide != null) {
            ReplayOutcome outcome = jvmWide.close();
            if (jvmWide.replayer() != null) {
                jvmWide.replayer().summarize();
                writeUsage(outcome);
            }
        }
        if (server != null) {
            server.close();
        }
    }

    /** The cassette in use, or null when none is; the JVM's is opened by the first call. */
    CassetteInUse inUse() {
        CassetteInUse cassette = inUse;
        if (cassette == null && jvmWidePending && !NetrecThread.isCurrent()) {
            cassette = openJvmWide();
        }
        return cassette;
    }

    /**
     * Opens the JVM's cassette, once. When replay's cannot be loaded, why is said once, and replay then refuses
     * whatever would leave the machine with that reason; a recording that cannot start lets traffic pass untouched.
     */
    private synchronized CassetteInUse openJvmWide() {
        if (!jvmWidePending || opening == Thread.currentThread()) {
            return inUse;
        }
        opening = Thread.currentThread();
        try {
            jvmWide = CassetteInUse.open(jvmOptions, MatchRules.none());
            Log.info(jvmOptions.mode().label() + " mode, cassette " + jvmOptions.cassette());
        } catch (IOException | RuntimeException | LinkageError | OutOfMemoryError e) {
            String reason = e instanceof CassetteException ? e.getMessage()
                    : e instanceof OutOfMemoryError ? "the cassette " + jvmOptions.cassette() + " needs more heap "
                    + "than this JVM has (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB); give it a larger "
                    + "-Xmx (a replaying JVM keeps every recorded request in its heap, about 0.4 KB each)"
                    : "cannot open the cassette " + jvmOptions.cassette() + ": " + e;
            if (jvmOptions.mode().replays()) {
                refusal = reason.startsWith("netrec: ") ? reason : "netrec: " + reason;
                Log.warn(refusal.substring("netrec: ".length()));
            } else {
                Log.internalError("starting to record into " + jvmOptions.cassette()
                        + "; this JVM's traffic passes unrecorded", e);
            }
        } finally {
            opening = null;
            jvmWidePending = false;
        }
        if (test == null) {
            inUse = jvmWide;
        }
        return inUse;
    }

    private Recorder recorder() {
        CassetteInUse cassette = inUse();
        return cassette == null ? null : cassette.recorder();
    }

    private Replayer replayer() {
        CassetteInUse cassette = inUse();
        return cassette == null ? null : cassette.replayer();
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

    // ---- each connection's fate ----

    /** The tap of {@code connection} (a socket, channel or SSLEngine), or null when netrec leaves it alone. */
    Tap tapOf(Object connection) {
        return connections.tapOf(connection);
    }

    /**
     * Before a connect of {@code client} ({@code current}: a socket's implementation, null for a channel): the tap
     * that replays it, in-process or through the replay server, when it goes to a recorded server; null to connect
     * as asked. In update mode an unrecorded server is reached, and recorded from the connect's end.
     *
     * @throws IOException what the connect throws instead: it would leave the machine in replay
     */
    ReplayingTap connectStart(Object client, SocketImpl current, SocketAddress endpoint) throws IOException {
        if (NetrecThread.isCurrent() || !(endpoint instanceof InetSocketAddress)) {
            return null;
        }
        InetSocketAddress target = (InetSocketAddress) endpoint;
        CassetteInUse cassette = inUse();
        if (cassette == null) {
            if (refusal != null && !jvmOptions.leavesAlone(target.getHostString())) {
                throw new ConnectException(refusal);
            }
            return null;
        }
        Replayer replayer = cassette.replayer();
        if (replayer == null || cassette.leavesAlone(target.getHostString())) {
            return null;
        }
        try {
            if (replayer.recorded(target)) {
                ReplayingTap tap = cassette.mode().recordsMisses()
                        ? ReplayingTap.updating(target, replayServer(), replayerInUse, missRecorder(cassette))
                        : ReplayingTap.replaying(client, current, target, replayServer, replayerInUse, protocols);
                connections.add(client, tap);
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
        return null;
    }

    /**
     * After the connect of {@code client} from {@code localPort} ({@code -1}: a non-blocking connect still
     * pending), or its failure. A connection without a tap is recorded from here when the cassette in use records.
     */
    void connectEnd(Object client, int localPort, SocketAddress endpoint, Throwable failure) {
        if (NetrecThread.isCurrent()) {
            return;
        }
        try {
            Tap tap = connections.tapOf(client);
            if (tap != null) {
                tap.connected(localPort, failure);
                if (failure != null) {
                    connections.remove(client);
                }
                return;
            }
            CassetteInUse cassette = inUse();
            if (cassette != null && cassette.recorder() != null && failure != null && !cassette.leavesAlone(endpoint)
                    && (failure instanceof NoRouteToHostException
                            || String.valueOf(failure.getMessage()).contains("Network is unreachable"))) {
                Log.warnOnce("record-no-network", "recording, and " + endpoint + " cannot be reached ("
                        + failure.getMessage() + "): this machine has no network here, so there is nothing to record. "
                        + "Record where the servers can be reached, or replay (mode replay) to run offline");
            }
            if (cassette == null || cassette.recorder() == null || failure != null
                    || !(endpoint instanceof InetSocketAddress) || cassette.leavesAlone(endpoint)) {
                return;
            }
            InetSocketAddress target = (InetSocketAddress) endpoint;
            InetAddress address = target.getAddress();
            RecordedConnection recorded = new RecordedConnection(target.getHostString(), target.getPort(),
                    address == null ? "" : address.getHostAddress(), client instanceof SSLSocket);
            connections.add(client, RecordingTap.of(client, recorded, recorderInUse, routes));
        } catch (RuntimeException | Error e) {
            Log.internalError("noting a new connection", e);
        }
    }

    /** A pending non-blocking connect completed or failed: its local port is known only now. */
    void connectFinished(Object client, int localPort, boolean connected, Throwable failure) {
        Tap tap = connections.tapOf(client);
        if (tap != null && (connected || failure != null) && !NetrecThread.isCurrent()) {
            tap.connected(localPort, failure);
        }
    }

    /**
     * Update mode: what netrec fetches for a request the cassette lacks is recorded, into {@code cassette}, as the
     * JVM's own connections are.
     */
    private MissRecorder missRecorder(CassetteInUse cassette) {
        Recorder recorder = cassette.recorder();
        Supplier<Recorder> into = () -> recorder;
        return (upstream, host, port) -> {
            InetAddress address = upstream.getInetAddress();
            RecordedConnection recorded = new RecordedConnection(host, port,
                    address == null ? "" : address.getHostAddress(), upstream instanceof SSLSocket);
            return RecordingTap.of(upstream, recorded, into, routes);
        };
    }

    /** The tap of a client SSLEngine: replayed engines have none; a recorded one's is made at its first wrap. */
    Tap engineTap(SSLEngine engine) {
        Tap tap = connections.tapOf(engine);
        if (tap != null || !engine.getUseClientMode() || NetrecThread.isCurrent() || recorder() == null) {
            return tap;
        }
        tap = RecordingTap.ofEngine(engine, recorderInUse, routes);
        if (tap != null) {
            connections.add(engine, tap);
        }
        return tap;
    }

    /** The application closed {@code connection}. */
    void closed(Object connection) {
        Tap tap = connections.remove(connection);
        if (tap != null) {
            tap.closed();
        }
    }

    /** TLS was layered on {@code plain} as {@code tls}: the TLS socket gets its own tap. */
    void tlsLayered(Socket tls, Socket plain, String host, int port) {
        Tap tap = connections.tapOf(plain);
        if (tap == null) {
            return;
        }
        try {
            Tap layered = tap.layerTlsEnd(tls, host, port);
            if (layered != null) {
                connections.add(tls, layered);
            }
        } catch (RuntimeException | Error e) {
            Log.internalError("noting TLS to " + host + ":" + port, e);
        }
    }

    // ---- DNS ----

    /**
     * Before a DNS lookup: the addresses to answer with instead of the resolver's, or null to resolve.
     *
     * @throws UnknownHostException what the lookup throws instead: replay has no answer for {@code host}
     */
    InetAddress[] lookupStart(String host) throws UnknownHostException {
        if (NetrecThread.isCurrent()) {
            return null;
        }
        CassetteInUse cassette = inUse();
        if (cassette == null) {
            if (refusal != null && !jvmOptions.leavesAlone(host)) {
                throw new UnknownHostException(refusal);
            }
            return null;
        }
        if (cassette.replayer() == null) {
            return null;
        }
        try {
            return cassette.replayer().lookup(host);
        } catch (UnknownHostException e) {
            if (cassette.mode().recordsMisses()) {
                return null;
            }
            throw e;
        } catch (RuntimeException | Error e) {
            Log.internalError("answering a DNS lookup from the cassette", e);
            throw new UnknownHostException("netrec: internal error while answering " + host + ": " + e);
        }
    }

    /** A DNS lookup the resolver answered. */
    void lookupEnd(String host, InetAddress[] addresses) {
        if (addresses == null || NetrecThread.isCurrent()) {
            return;
        }
        CassetteInUse cassette = inUse();
        if (cassette != null && cassette.recorder() != null && !cassette.leavesAlone(host)) {
            cassette.recorder().lookup(host, addresses);
        }
    }

    // ---- UDP ----

    /**
     * A datagram is about to go to {@code target}: null to send it; its size when replay answered it (a DNS query);
     * a refusal when replay would send it off this machine.
     */
    Object datagramSend(DatagramChannel channel, byte[] bytes, InetSocketAddress target) {
        if (NetrecThread.isCurrent() || dns.isOwn(channel)) {
            return null;
        }
        CassetteInUse cassette = inUse();
        if (cassette == null) {
            // the JVM's cassette could not be opened: what would leave the machine fails with the reason
            return refusal == null || staysHere(target, jvmOptions::leavesAlone) ? null : new ConnectException(refusal);
        }
        if (cassette.replayer() == null) {
            if (cassette.recorder() != null) {
                dns.sending(channel, bytes);
            }
            return null;
        }
        try {
            switch (dns.answer(channel, bytes, target, cassette.replayer(), cassette::leavesAlone,
                    cassette.mode().recordsMisses())) {
                case ANSWERED:
                    return bytes.length;
                case SENT:
                    return null;
                default:
                    break;
            }
        } catch (IOException | RuntimeException e) {
            Log.internalError("answering a datagram from the cassette", e);
            return new ConnectException("netrec: internal error while answering a datagram to " + target + ": " + e);
        }
        return staysHere(target, cassette::leavesAlone) ? null : new ConnectException("netrec: replay sends no UDP "
                + "datagram off this machine, and this one (" + bytes.length + " bytes to " + target.getHostString()
                + ":" + target.getPort() + ") is no DNS query it could answer from the cassette (mode "
                + cassette.mode().label() + ")");
    }

    /** True when a datagram to {@code target} stays on this machine, or goes to a host left alone. */
    private static boolean staysHere(InetSocketAddress target, DnsOverUdp.HostFilter leftAlone) {
        InetAddress address = target.getAddress();
        return address == null || address.isLoopbackAddress() || address.isAnyLocalAddress()
                || leftAlone.leavesAlone(target.getHostString());
    }

    /** A datagram arrived from {@code sender}: the sender the program is told. */
    SocketAddress datagramReceived(DatagramChannel channel, byte[] bytes, SocketAddress sender) {
        if (NetrecThread.isCurrent() || dns.isOwn(channel)) {
            return sender;
        }
        CassetteInUse cassette = inUse();
        if (cassette == null) {
            return sender;
        }
        if (cassette.recorder() != null) {
            dns.received(channel, bytes, cassette.recorder(), cassette::leavesAlone);
        }
        return cassette.replayer() != null ? dns.sender(channel, bytes, sender) : sender;
    }

    /**
     * A datagram is about to be written on a channel connected to {@code peer}: replay refuses it when the peer is
     * past this machine (connecting sends nothing, so it is allowed: the local-address idiom connects and never
     * writes).
     */
    IOException datagramWrite(SocketAddress peer) {
        if (NetrecThread.isCurrent() || !(peer instanceof InetSocketAddress)) {
            return null;
        }
        CassetteInUse cassette = inUse();
        InetSocketAddress target = (InetSocketAddress) peer;
        if (cassette == null || cassette.replayer() == null || staysHere(target, cassette::leavesAlone)) {
            return null;
        }
        return new ConnectException("netrec: replay sends no UDP datagram off this machine, and this one goes to "
                + target.getHostString() + ":" + target.getPort() + " on a connected channel (mode "
                + cassette.mode().label() + "); netrec answers DNS queries sent to an address, not over a connected "
                + "channel");
    }

    /** The replayer of the cassette in use, for TLS made by netrec's replay; null on netrec's own threads. */
    Replayer replayerForTls() {
        return NetrecThread.isCurrent() ? null : replayer();
    }

    /** True when a cassette is in use: the JVM's is opened by the first call. */
    boolean active() {
        return inUse() != null;
    }

    /** For the launcher: this JVM's part of the job's replay summary, when it asked for one. */
    private static void writeUsage(ReplayOutcome outcome) {
        String directory = System.getenv(ReplayUsage.DIRECTORY_VARIABLE);
        if (directory == null || directory.isEmpty()) {
            return;
        }
        try {
            ReplayUsage.write(Paths.get(directory), outcome);
        } catch (IOException | RuntimeException e) {
            Log.warn("cannot write this JVM's replay summary into " + directory + ": " + e.getMessage());
        }
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
