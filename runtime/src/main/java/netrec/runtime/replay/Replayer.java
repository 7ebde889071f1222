package netrec.runtime.replay;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.CertificateStore;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.Server;
import netrec.cassette.Tls;
import netrec.cassette.yaml.RulesReader;
import netrec.cassette.MatchRules;
import netrec.runtime.AgentOptions;
import netrec.runtime.Log;
import netrec.runtime.Mode;
import netrec.runtime.NetrecThread;
import netrec.runtime.http.HttpHead;
import netrec.runtime.http.RequestUri;
import netrec.runtime.record.Recorder;

/**
 * Answers the JVM's network from a cassette. DNS answers come from the recording. A blocking socket's connect to a
 * recorded server opens nothing: the socket is answered in-process ({@link InProcessSocketImpl}); a channel's
 * connect is redirected to the {@link ReplayServer} inside this JVM. TLS on a replayed socket is an
 * {@link IdentitySslSocket} showing the recorded session. A connect to any other address that is not loopback is
 * refused: nothing leaves the JVM, whatever the cassette says.
 */
public final class Replayer {
    private static final String UNRECORDED_ADDRESS = "192.0.2.1";

    private final AgentOptions options;
    private final Mode mode;
    private final Cassette cassette;
    private final ReplayIndex index;
    private final BodyStore bodies;
    private final CertificateStore certificates;
    private final MissReport report;
    private final LocalNames localNames = new LocalNames();
    private final Map<String, List<String>> addressesByHost = new HashMap<>();
    private final Set<String> destinations = new HashSet<>();
    private final Map<String, Tls> tlsByDestination = new HashMap<>();
    private final Map<String, RecordedSslSession> sessions = new HashMap<>();

    private final MissForwarder forwarder;

    /**
     * Replays {@code cassette} as {@code options} say, with {@code extraRules} added to its {@code rules.yaml};
     * {@code recorder} receives what update mode fetches for requests the cassette lacks (null in replay mode).
     */
    public Replayer(AgentOptions options, Cassette cassette, MatchRules extraRules, Recorder recorder)
            throws IOException {
        this.options = options;
        this.mode = options.mode();
        this.forwarder = mode.recordsMisses() && recorder != null ? new MissForwarder(recorder) : null;
        this.cassette = cassette;
        CassetteLayout layout = new CassetteLayout(cassette.directory());
        this.bodies = new BodyStore(layout);
        this.index = new ReplayIndex(cassette, Matcher.all(this::readBody), RulesReader.read(cassette.directory()).and(extraRules));
        this.certificates = new CertificateStore(layout);
        this.report = new MissReport(layout.missReport());
        for (Interaction interaction : cassette.interactions()) {
            Server s = interaction.server();
            destinations.add(destination(s.host(), s.port()));
            if (!s.address().isEmpty()) {
                destinations.add(destination(s.address(), s.port()));
                addressesByHost.putIfAbsent(s.host().toLowerCase(Locale.ROOT), List.of(s.address()));
            }
            if (!s.via().isEmpty()) {
                destinations.add(s.via().toLowerCase(Locale.ROOT));
            }
            if (s.tls() != null) {
                tlsByDestination.put(destination(s.host(), s.port()), s.tls());
            }
        }
        for (HostLookup lookup : cassette.lookups()) {
            addressesByHost.put(lookup.host().toLowerCase(Locale.ROOT), lookup.addresses());
        }
        answerUnrecordedLookups();
        checkFilesExist(layout);
    }

    /**
     * A recorded server whose name has no DNS answer in the cassette (recorded by an older netrec while the JVM's
     * DNS cache answered) still resolves: to a documentation address (192.0.2.1), which replay redirects too.
     */
    private void answerUnrecordedLookups() {
        for (Interaction interaction : cassette.interactions()) {
            Server s = interaction.server();
            String host = s.host().toLowerCase(Locale.ROOT);
            if (!addressesByHost.containsKey(host) && !s.hostIsAddress()) {
                addressesByHost.put(host, List.of(UNRECORDED_ADDRESS));
                destinations.add(destination(UNRECORDED_ADDRESS, s.port()));
            }
        }
    }

    /** Every body and certificate file the cassette refers to must be there: found now, not mid-replay. */
    private void checkFilesExist(CassetteLayout layout) {
        List<String> missing = new ArrayList<>();
        cassette.bodyFiles().forEach((sha256, source) -> {
            if (!Files.isRegularFile(layout.body(sha256))) {
                missing.add(source + ": body file " + layout.body(sha256) + " is missing");
            }
        });
        Set<String> certificates = new HashSet<>();
        for (Interaction interaction : cassette.interactions()) {
            Tls tls = interaction.server().tls();
            if (tls != null && !tls.certificates().isEmpty() && certificates.add(tls.certificates())
                    && !Files.isRegularFile(layout.certificateChain(tls.certificates()))) {
                missing.add(interaction.source() + ": certificate file " + layout.certificateChain(tls.certificates())
                        + " is missing");
            }
        }
        if (!missing.isEmpty()) {
            throw new CassetteException(missing.get(0) + (missing.size() > 1 ? " (and " + (missing.size() - 1)
                    + " more)" : "") + "; the cassette was copied without its bodies/ or certificates/ folder, or "
                    + "files were deleted. Restore them, or record again");
        }
    }

    /** The DNS answer for {@code host}: addresses, an {@link UnknownHostException}, or null to resolve as usual. */
    public Object lookup(String host) throws UnknownHostException {
        if (options.leavesAlone(host)) {
            return null;
        }
        List<String> recorded = addressesByHost.get(host.toLowerCase(Locale.ROOT));
        if (recorded != null) {
            InetAddress[] answer = new InetAddress[recorded.size()];
            for (int i = 0; i < answer.length; i++) {
                answer[i] = InetAddress.getByAddress(host, InetAddress.getByName(recorded.get(i)).getAddress());
            }
            return answer;
        }
        if (localNames.isLocal(host)) {
            return null;
        }
        return new UnknownHostException("netrec: " + host + " has no DNS answer in the cassette " + cassette.directory()
                + " (mode " + mode.label() + "); replay makes no DNS query. Record a run that reaches " + host);
    }

    /**
     * Where a connect should go. To a recorded server: the implementation to put in place of {@code current}, a
     * socket's own, which then answers in-process; or, for a channel ({@code current} null) and a socket that
     * cannot be answered in-process ({@link InProcessSocketImpl#replaces}), the replay server's address. To any other server: an {@link IOException} for
     * an address that would leave the machine, or null to connect as asked (loopback the cassette does not know, by
     * a name this machine answers itself: a name whose address came from the cassette is never connected to).
     */
    public Object connectStart(Object client, SocketImpl current, SocketAddress endpoint) throws IOException {
        if (!(endpoint instanceof InetSocketAddress)) {
            return null;
        }
        InetSocketAddress target = (InetSocketAddress) endpoint;
        InetAddress address = target.getAddress();
        String host = target.getHostString();
        if (options.leavesAlone(host)) {
            return null;
        }
        boolean recorded = destinations.contains(destination(host, target.getPort()))
                || (address != null && destinations.contains(destination(address.getHostAddress(), target.getPort())));
        if (recorded) {
            boolean inProcess = !mode.recordsMisses() && InProcessSocketImpl.replaces(client, current);
            ReplayConnection connection = new ReplayConnection(host, target.getPort(),
                    address == null ? "" : address.getHostAddress(), inProcess ? null : ReplayServer.shared());
            ReplayConnections.add(client, connection);
            if (Log.debugEnabled()) {
                Log.debug("replay: connection to " + host + ":" + target.getPort() + (inProcess
                        ? " is answered in-process" : " goes to the replay server"));
            }
            return inProcess ? InProcessSocketImpl.replacing(current, connection) : connection.server().address();
        }
        boolean answeredByCassette = addressesByHost.containsKey(host.toLowerCase(Locale.ROOT))
                && !localNames.isLocal(host);
        if (address != null && (address.isLoopbackAddress() || address.isAnyLocalAddress()) && !answeredByCassette) {
            return null;
        }
        return new ConnectException("netrec: replay refuses to connect to " + host + ":" + target.getPort()
                + (address == null ? "" : " (" + address.getHostAddress() + ")") + ": no recorded interaction with it in "
                + cassette.directory() + " (mode " + mode.label() + "), and replay sends nothing off this machine");
    }

    /**
     * The connect of a socket or channel finished from {@code localPort} ({@code -1}: a non-blocking connect still
     * pending, reported again when it completes); returns true when replay answers it. The replay server then
     * expects a connection from that port.
     */
    public boolean connectEnd(Object client, int localPort, Throwable failure) {
        ReplayConnection connection = ReplayConnections.of(client);
        if (connection == null) {
            return false;
        }
        if (failure != null) {
            ReplayConnections.forget(client);
        } else if (localPort > 0 && connection.server() != null) {
            if (Log.debugEnabled()) {
                Log.debug("replay: expecting " + connection + " from local port " + localPort);
            }
            connection.server().expect(localPort, connection);
        }
        return true;
    }

    /** A replayed client reached the end of its input: the replay failure to throw instead, if there is one. */
    public IOException endOfInput(Object client) {
        ReplayConnection connection = ReplayConnections.of(client);
        return connection == null ? null : connection.failure();
    }

    /** The TLS socket to use over {@code plain}, or null when {@code plain} is not a replayed connection. */
    public Socket layerTls(Socket plain, String host, int port, boolean autoClose) {
        ReplayConnection connection = ReplayConnections.of(plain);
        if (connection == null) {
            return null;
        }
        String tlsHost = host == null ? connection.host() : host;
        connection.startTls(tlsHost, port);
        Tls tls = tlsByDestination.get(destination(tlsHost, port));
        InetAddress address;
        try {
            address = connection.address().isEmpty() ? null
                    : InetAddress.getByAddress(tlsHost, InetAddress.getByName(connection.address()).getAddress());
        } catch (UnknownHostException notALiteral) {
            address = null;
        }
        return new IdentitySslSocket(plain, tlsHost, port, address, autoClose, session(tlsHost, port, tls),
                tls == null ? "" : tls.applicationProtocol());
    }

    /** An identity SSLEngine for a recorded TLS server, or null to let the JDK make a real one. */
    public SSLEngine newTlsEngine(String host, int port) {
        Tls tls = tlsByDestination.get(destination(host, port));
        if (tls == null) {
            return null;
        }
        return new IdentitySslEngine(host, port, session(host, port, tls), tls.applicationProtocol());
    }

    /**
     * The TLS socket to return from a factory's own-connecting {@code createSocket} forms: {@code arguments} are
     * empty (unconnected), {@code (host, port)} or {@code (host, port, localAddress, localPort)}, host a String or
     * an InetAddress.
     */
    public Socket newTlsSocket(SSLSocketFactory factory, Object[] arguments) throws IOException {
        DeferredSslSocket socket = new DeferredSslSocket(factory);
        if (arguments.length >= 2) {
            if (arguments.length == 4) {
                socket.bind(new InetSocketAddress((InetAddress) arguments[2], (Integer) arguments[3]));
            }
            Object host = arguments[0];
            int port = (Integer) arguments[1];
            socket.connect(host instanceof InetAddress ? new InetSocketAddress((InetAddress) host, port)
                    : new InetSocketAddress((String) host, port));
        }
        return socket;
    }

    /** Requests on replayed connections are answered from this cassette from now on. */
    public void answerRequests() {
        ReplayConnections.answerWith(this::respond);
    }

    /** The JVM is exiting: the replay server stops accepting connections. */
    public static void stopServing() {
        ReplayServer.closeAtExit();
    }

    /**
     * No cassette answers requests from now on: a connection still open closes unanswered at its next request, so
     * that the client opens a new one.
     */
    public static void answerNothing() {
        ReplayConnections.answerWith(null);
    }

    /** Says how replay went, on stderr when anything missed; called once, at JVM exit. */
    public void summarize() {
        report.summarize();
    }

    /** What this replay served, missed and left unused, for a test to judge. */
    public ReplayOutcome outcome() {
        return new ReplayOutcome(report.servedCount(), report.explanations(), index.used(), index.unused());
    }

    private synchronized RecordedSslSession session(String host, int port, Tls tls) {
        if (tls == null) {
            return null;
        }
        String key = destination(host, port);
        RecordedSslSession session = sessions.get(key);
        if (session == null) {
            List<X509Certificate> chain = tls.certificates().isEmpty() ? List.of() : certificates.load(tls.certificates());
            session = new RecordedSslSession(host, port, tls.protocol(), tls.cipherSuite(), chain);
            sessions.put(key, session);
        }
        return session;
    }

    private byte[] readBody(Body body) throws IOException {
        try (InputStream in = bodies.open(body)) {
            return in.readAllBytes();
        }
    }

    private Answer respond(ReplayConnection connection, HttpHead request, byte[] body) throws IOException {
        String uri = RequestUri.of(connection.tls(), connection.host(), connection.port(), request.target());
        RequestKey key = RequestKey.of(request.method(), uri, request.headers(), body);
        Interaction answer = index.answer(key);
        if (answer == null && forwarder != null) {
            if (!NetrecThread.isCurrent()) {
                if (Log.debugEnabled()) {
                    Log.debug("replay: " + key + " is not in the cassette, and its connection was opened while "
                            + "replaying; closing it, so that the client fetches it on a new connection");
                }
                return null;
            }
            report.forwarded();
            return forwarder.forward(connection, request, body);
        }
        if (answer == null) {
            String explanation = ReplayMiss.describe(key, cassette.directory(), mode, index);
            report.missed(key.toString(), explanation);
            connection.fail(explanation);
            return null;
        }
        report.served();
        if (Log.debugEnabled()) {
            Log.debug("replay: " + key + " answered by " + answer.source());
        }
        try {
            return RecordedAnswer.of(answer.response(), request.method(), bodies);
        } catch (CassetteException e) {
            report.missed(key.toString(), e.getMessage());
            connection.fail("netrec: cannot replay " + key + ": " + e.getMessage());
            return null;
        }
    }

    private static String destination(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
