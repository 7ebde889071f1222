package netrec.runtime.replay;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.CertificateStore;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
import netrec.cassette.Tls;
import netrec.cassette.store.BodiesOnUse;
import netrec.cassette.yaml.RulesReader;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.SentRequests;
import netrec.runtime.names.RecordedNames;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.MissRecorder;
import netrec.cassette.match.Matcher;
import netrec.runtime.replay.match.ReplayIndex;
import netrec.runtime.replay.report.MissReport;
import netrec.runtime.replay.report.ReplayOutcome;
import netrec.runtime.replay.tls.TlsIdentities;

/**
 * One cassette replaying the JVM's network, in four parts that never meet: its DNS answers ({@link RecordedNames}),
 * where connects go ({@link ReplayRoutes}), the TLS servers it stands in for ({@link TlsIdentities}), and the answers
 * protocols get ({@link CassetteAnswers}); every miss of any of them goes into one report.
 */
public final class Replayer {
    private final AgentOptions options;
    private final Cassette cassette;
    private final ReplayIndex index;
    private final MissReport report;
    private final RecordedNames names;
    private final ReplayRoutes routes;
    private final TlsIdentities tls;
    private final ReplayAnswers answers;
    private final RecordedFailures failures;

    /**
     * Replays {@code cassette} as {@code options} say, with {@code extraRules} added to its {@code rules.yaml}; in
     * update mode, {@code fetches} records what is fetched for requests the cassette lacks (null in replay mode).
     */
    public Replayer(AgentOptions options, Cassette cassette, MatchRules extraRules, MissRecorder fetches)
            throws IOException {
        this.options = options;
        this.cassette = cassette;
        CassetteLayout layout = new CassetteLayout(cassette.directory());
        BodyStore bodies = new BodyStore(layout);
        this.index = new ReplayIndex(cassette, Matcher.all(body -> readBody(bodies, body)),
                RulesReader.read(cassette.directory()).and(extraRules), fetches != null);
        this.report = new MissReport(options.layout().missReport(), options.redaction());
        String context = " (mode " + options.mode().label() + ")" + missingCassette();
        this.names = new RecordedNames(cassette, context);
        this.routes = new ReplayRoutes(cassette, names, context);
        this.tls = new TlsIdentities(cassette, new CertificateStore(layout));
        this.failures = new RecordedFailures(cassette, context);
        this.answers = new ReplayAnswers(cassette.directory(), options.mode(), index, bodies, report, fetches,
                options.keepsPace());
        checkFilesExist(layout);
    }

    /** Tells {@code requests} each HTTP request asked of this cassette, answered or missed, as it is asked. */
    public void tellSentTo(SentRequests requests) {
        answers.tellSentTo(requests);
    }

    /** What protocols answering replayed connections ask. */
    public CassetteAnswers answers() {
        return answers;
    }

    /** The TLS servers replay stands in for. */
    public TlsIdentities tls() {
        return tls;
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
        if (names.failedWhenRecorded(host)) {
            report.failedAsRecorded();
        }
        return names.lookup(host);
    }

    /** The cassette's DNS answers. */
    public RecordedNames names() {
        return names;
    }

    /** True when the cassette has traffic with {@code target}, by the name or the address it was reached at. */
    public boolean recorded(InetSocketAddress target) {
        return routes.recorded(target);
    }

    /**
     * What this connect to {@code target} throws, when the recording's connect in the same turn failed (see
     * {@link RecordedFailures}); null to go on.
     */
    public IOException failureAsRecorded(InetSocketAddress target) {
        IOException failure = failures.next(target);
        if (failure != null) {
            report.failedAsRecorded();
        }
        return failure;
    }

    /** Why a connect to {@code target}, which the cassette has not recorded, is refused; null when it may go ahead. */
    public IOException refusal(InetSocketAddress target) {
        return routes.refusal(target);
    }

    /** A DNS question the cassette has no answer to ({@code why}), asked outside the JDK's resolver: a miss. */
    public void missedLookup(String question, String why) {
        report.missed(question, why);
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

    /** What to add to a refusal when the cassette directory is not there at all: that, and what to do. */
    private String missingCassette() {
        return Files.isDirectory(cassette.directory()) ? "" : ", which does not exist: check cassette= (or "
                + "$NETREC_CASSETTE, or the test's @Netrec name), or record it first";
    }

    /** Every body and certificate file the cassette refers to must be there: found now, not mid-replay. */
    private void checkFilesExist(CassetteLayout layout) {
        List<String> missing = new ArrayList<>();
        boolean fetchedOnUse = BodiesOnUse.covers(layout.directory());
        cassette.bodyFiles().forEach((sha256, source) -> {
            String unreadable = layout.whyNotReadable(layout.body(sha256));
            if (unreadable != null && !(fetchedOnUse && CassetteLayout.MISSING.equals(unreadable))) {
                missing.add(source + ": body file " + layout.body(sha256) + " " + unreadable);
            }
        });
        Set<String> certificates = new HashSet<>();
        for (Interaction interaction : cassette.interactions()) {
            Tls recorded = interaction.server().tls();
            if (recorded != null && !recorded.certificates().isEmpty() && certificates.add(recorded.certificates())) {
                String unreadable = layout.whyNotReadable(layout.certificateChain(recorded.certificates()));
                if (unreadable != null) {
                    missing.add(interaction.source() + ": certificate file "
                            + layout.certificateChain(recorded.certificates()) + " " + unreadable);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new CassetteException(missing.get(0) + (missing.size() > 1 ? " (and " + (missing.size() - 1)
                    + " more)" : "") + "; the cassette was copied without its bodies/ or certificates/ folder, or "
                    + "files were deleted or replaced by links. Restore them, or record again");
        }
    }

    private static byte[] readBody(BodyStore bodies, Body body) throws IOException {
        try (InputStream in = bodies.open(body)) {
            return in.readAllBytes();
        }
    }
}
