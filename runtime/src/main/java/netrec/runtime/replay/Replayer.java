package netrec.runtime.replay;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
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
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.Log;
import netrec.runtime.base.Mode;
import netrec.cassette.Headers;
import netrec.cassette.RecordedResponse;
import netrec.runtime.replay.match.IncomingRequest;
import netrec.runtime.replay.match.Matcher;
import netrec.runtime.replay.match.ReplayIndex;
import netrec.runtime.replay.match.ReplayMiss;
import netrec.runtime.replay.report.MissReport;
import netrec.runtime.replay.report.ReplayOutcome;
import netrec.runtime.replay.serve.AnswerSource;
import netrec.runtime.replay.serve.ReplayConnection;
import netrec.runtime.replay.tls.IdentityTls;
import netrec.runtime.replay.tls.RecordedSslSession;

/**
 * Answers the JVM's network from a cassette: DNS answers, which servers were recorded, the TLS sessions they showed
 * ({@link IdentityTls}), and each request's recorded response. A connect to any other
 * address that is not loopback is refused: nothing leaves the JVM, whatever the cassette says.
 */
public final class Replayer implements AnswerSource {
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
    private final boolean cassetteExists;

    /** Replays {@code cassette} as {@code options} say, with {@code extraRules} added to its {@code rules.yaml}. */
    public Replayer(AgentOptions options, Cassette cassette, MatchRules extraRules) throws IOException {
        this.options = options;
        this.mode = options.mode();
        this.cassette = cassette;
        this.cassetteExists = java.nio.file.Files.isDirectory(cassette.directory());
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
        Map<String, Set<String>> looked = new HashMap<>();
        for (HostLookup lookup : cassette.lookups()) {
            // a resolver of the program's own asks for IPv4 and IPv6 addresses apart: each answer adds to the name's
            looked.computeIfAbsent(lookup.host().toLowerCase(Locale.ROOT), h -> new LinkedHashSet<>())
                    .addAll(lookup.addresses());
        }
        looked.forEach((host, addresses) -> addressesByHost.put(host, List.copyOf(addresses)));
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
            String unreadable = layout.whyNotReadable(layout.body(sha256));
            if (unreadable != null) {
                missing.add(source + ": body file " + layout.body(sha256) + " " + unreadable);
            }
        });
        Set<String> certificates = new HashSet<>();
        for (Interaction interaction : cassette.interactions()) {
            Tls tls = interaction.server().tls();
            if (tls != null && !tls.certificates().isEmpty() && certificates.add(tls.certificates())) {
                String unreadable = layout.whyNotReadable(layout.certificateChain(tls.certificates()));
                if (unreadable != null) {
                    missing.add(interaction.source() + ": certificate file "
                            + layout.certificateChain(tls.certificates()) + " " + unreadable);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new CassetteException(missing.get(0) + (missing.size() > 1 ? " (and " + (missing.size() - 1)
                    + " more)" : "") + "; the cassette was copied without its bodies/ or certificates/ folder, or "
                    + "files were deleted or replaced by links. Restore them, or record again");
        }
    }

    /**
     * The DNS answer for {@code host}: its recorded addresses, or null to resolve as usual (a host left alone, or a
     * name this machine answers itself).
     *
     * @throws UnknownHostException when the cassette has no answer for it
     */
    public InetAddress[] lookup(String host) throws UnknownHostException {
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
        throw new UnknownHostException("netrec: " + host + " has no DNS answer in the cassette "
                + cassette.directory() + " (mode " + mode.label() + ")" + missingCassette() + "; replay makes no DNS "
                + "query. Record a run that reaches " + host);
    }

    /** True when the cassette has traffic with {@code target}, by the name or the address it was reached at. */
    public boolean recorded(InetSocketAddress target) {
        InetAddress address = target.getAddress();
        return destinations.contains(destination(target.getHostString(), target.getPort()))
                || (address != null && destinations.contains(destination(address.getHostAddress(), target.getPort())));
    }

    /**
     * Why a connect to {@code target}, which the cassette has not recorded, is refused; null when it may go ahead:
     * to loopback that the cassette does not know, by a name this machine answers itself (a name whose address came
     * from the cassette is never connected to). Anything that would leave the machine is refused.
     */
    public IOException refusal(InetSocketAddress target) {
        InetAddress address = target.getAddress();
        String host = target.getHostString();
        boolean answeredByCassette = addressesByHost.containsKey(host.toLowerCase(Locale.ROOT))
                && !localNames.isLocal(host);
        if (address != null && (address.isLoopbackAddress() || address.isAnyLocalAddress()) && !answeredByCassette) {
            return null;
        }
        return new ConnectException("netrec: replay refuses to connect to " + host + ":" + target.getPort()
                + (address == null ? "" : " (" + address.getHostAddress() + ")") + ": no recorded interaction with it in "
                + cassette.directory() + " (mode " + mode.label() + ")" + missingCassette() + ", and replay sends "
                + "nothing off this machine");
    }

    /** What to add to a refusal when the cassette directory is not there at all: that, and what to do. */
    private String missingCassette() {
        return cassetteExists ? "" : ", which does not exist: check cassette= (or $NETREC_CASSETTE, or the test's "
                + "@Netrec name), or record it first";
    }

    /** The TLS socket replay layers over {@code plain}, the replayed {@code connection}, towards {@code host:port}. */
    Socket layerTls(Socket plain, ReplayConnection connection, String host, int port, boolean autoClose) {
        connection.startTls(host, port);
        Tls tls = tlsByDestination.get(destination(host, port));
        InetAddress address;
        try {
            address = connection.address().isEmpty() ? null
                    : InetAddress.getByAddress(host, InetAddress.getByName(connection.address()).getAddress());
        } catch (UnknownHostException notALiteral) {
            address = null;
        }
        return IdentityTls.socket(plain, host, port, address, autoClose, session(host, port, tls),
                tls == null ? "" : tls.applicationProtocol());
    }

    /** An identity SSLEngine for a recorded TLS server, or null to let the JDK make a real one. */
    public SSLEngine newTlsEngine(String host, int port) {
        Tls tls = tlsByDestination.get(destination(host, port));
        if (tls == null) {
            return null;
        }
        return IdentityTls.engine(host, port, session(host, port, tls), tls.applicationProtocol());
    }

    /**
     * The TLS socket to return from a factory's own-connecting {@code createSocket} forms: {@code arguments} are
     * empty (unconnected), {@code (host, port)} or {@code (host, port, localAddress, localPort)}, host a String or
     * an InetAddress.
     */
    public Socket newTlsSocket(SSLSocketFactory factory, Object[] arguments) throws IOException {
        SSLSocket socket = IdentityTls.connectingLater(factory);
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

    /** Says how replay went, on stderr when anything missed; called once, at JVM exit. */
    public void summarize() {
        report.summarize();
    }

    /** What this replay served, missed and left unused, for a test to judge. */
    public ReplayOutcome outcome() {
        return new ReplayOutcome(report.servedCount(), report.failedCalls(), report.explanations(), index.used(),
                index.unused());
    }

    private synchronized RecordedSslSession session(String host, int port, Tls tls) {
        if (tls == null) {
            return null;
        }
        String key = destination(host, port);
        RecordedSslSession session = sessions.get(key);
        if (session == null) {
            List<X509Certificate> chain = tls.certificates().isEmpty() ? List.of() : certificates.load(tls.certificates());
            session = IdentityTls.session(host, port, tls.protocol(), tls.cipherSuite(), chain);
            sessions.put(key, session);
        }
        return session;
    }

    private byte[] readBody(Body body) throws IOException {
        try (InputStream in = bodies.open(body)) {
            return in.readAllBytes();
        }
    }

    @Override
    public RecordedResponse answer(ReplayConnection connection, String method, String uri, Headers headers,
            byte[] body) {
        IncomingRequest request = IncomingRequest.of(method, uri, headers, body);
        Interaction answer = index.answer(request);
        if (answer == null && connection.missRecorder() != null) {
            report.forwarded();
            return null;
        }
        if (answer == null) {
            String explanation = ReplayMiss.describe(request, cassette.directory(), mode, index);
            report.missed(request.toString(), explanation);
            connection.fail(explanation);
            return null;
        }
        report.served();
        if (Log.debugEnabled()) {
            Log.debug("replay: " + request + " answered by " + answer.source());
        }
        return answer.response();
    }

    @Override
    public RecordedResponse answerEarly(ReplayConnection connection, String method, String uri, Headers headers) {
        IncomingRequest request = IncomingRequest.of(method, uri, headers, new byte[0]);
        Interaction answer = index.answerIf(request, recorded -> !recorded.response().interleaving().isEmpty());
        if (answer == null) {
            return null;
        }
        report.served();
        if (Log.debugEnabled()) {
            Log.debug("replay: " + request + " answered as it arrives, by " + answer.source());
        }
        return answer.response();
    }

    @Override
    public String messageDifference(String method, String uri, byte[] recorded, byte[] actual) {
        return index.messageDifference(IncomingRequest.of(method, uri, Headers.none(), new byte[0]), recorded,
                actual);
    }

    /** A DNS question the cassette has no answer to ({@code why}), asked outside the JDK's resolver: a miss. */
    public void missedLookup(String question, String why) {
        report.missed(question, why);
    }

    @Override
    public void missed(ReplayConnection connection, String what, String why) {
        String explanation = "netrec: nothing recorded matches " + what + "\n  cassette: " + cassette.directory()
                + " (mode " + mode.label() + ")\n  " + why + "\n  to fix: record this conversation again (mode "
                + "record), or edit the cassette (rules.yaml can free values that change from run to run)";
        report.missed(what, explanation);
        connection.fail(explanation);
    }

    @Override
    public List<Interaction> conversations(ReplayConnection connection, boolean unusedOnly) {
        return index.conversations(connection.host(), connection.address(), connection.port(), unusedOnly);
    }

    @Override
    public MatchRules.Applied rules(String method, String uri) {
        return index.rules(IncomingRequest.of(method, uri, Headers.none(), new byte[0]));
    }

    @Override
    public boolean claim(Interaction conversation) {
        boolean unused = index.claim(conversation);
        report.served();
        if (Log.debugEnabled()) {
            Log.debug("replay: conversation with " + conversation.server().host() + ":" + conversation.server().port()
                    + " answered by " + conversation.source());
        }
        return unused;
    }

    @Override
    public BodyStore bodies() {
        return bodies;
    }

    @Override
    public void cannotAnswer(String request, String why) {
        report.missed(request, "netrec: cannot replay " + request + ": " + why.replaceFirst("^netrec: ", ""));
    }

    private static String destination(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
