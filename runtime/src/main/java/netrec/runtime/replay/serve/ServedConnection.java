package netrec.runtime.replay.serve;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import netrec.cassette.BodyStore;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedResponse;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.AnsweringContext;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.protocol.UpgradedRequest;

/**
 * One replayed connection (or one phase of it: before and after TLS starts in a tunnel) as a protocol answering it
 * sees it. Its protocol is the first of the JVM's protocols that recognizes the client's first bytes, and a proxy
 * tunnel's traffic is found the same way; a connection none recognizes fails, saying so. Used by one thread at a time: the client's, or the replay server's.
 */
final class ServedConnection implements AnsweringContext {
    /** Where the answers go: queued for the client's reads, or written to its socket. */
    interface Outbox {
        void send(Answer answer) throws IOException;
    }

    private final List<Protocol> protocols;
    private final String client;
    /** Finds the connection, or null when replay does not know it (any more). */
    private final Supplier<ReplayConnection> lookup;
    private final Outbox outbox;
    private ConnectionAnswering answering;
    private AnswerSource answeredBy;
    private boolean failed;

    /** {@code client} names the client in debug lines. */
    ServedConnection(List<Protocol> protocols, String client, Supplier<ReplayConnection> lookup, Outbox outbox) {
        this.protocols = protocols;
        this.client = client;
        this.lookup = lookup;
        this.outbox = outbox;
    }

    /**
     * The connection opened: a protocol whose recorded server spoke first (a database's greeting) begins answering
     * now, before the client sends anything; true when one did.
     */
    boolean opened() throws IOException {
        if (answering != null || failed || !replaying()) {
            return false;
        }
        for (Protocol protocol : protocols) {
            ConnectionAnswering opening = protocol.answerOpening(this);
            if (opening != null) {
                answering = opening;
                return true;
            }
        }
        return false;
    }

    /** True while the next bytes pick the protocol: before any did, or after a tunnel's CONNECT was answered. */
    boolean awaitingFirstBytes() {
        return answering == null ? !failed : answering.tunnel() != null && answering.idle();
    }

    /** Feeds the client's bytes to its protocol, found from the first of them. */
    void feed(byte[] bytes, int offset, int length) throws IOException {
        if (answering != null && answering.tunnel() != null && answering.idle()) {
            // the tunnel's own traffic: its protocol is found from its first bytes, as a connection's is
            answering = null;
        }
        if (answering == null && !failed) {
            answering = find(bytes, offset, length);
        }
        if (answering != null && !answering.closing()) {
            answering.feed(bytes, offset, length);
        }
    }

    /** True between requests, and before the first. */
    boolean idle() {
        return answering == null ? !failed : answering.idle();
    }

    /** True once no more requests will be answered. */
    boolean closing() {
        return failed || (answering != null && answering.closing());
    }

    /** The target of a CONNECT tunnel this phase opened, or null. */
    String tunnel() {
        return answering == null ? null : answering.tunnel();
    }

    private ConnectionAnswering find(byte[] bytes, int offset, int length) {
        for (Protocol protocol : protocols) {
            if (protocol.recognizes(bytes, offset, length)) {
                return protocol.answer(this);
            }
        }
        StringBuilder names = new StringBuilder();
        for (Protocol protocol : protocols) {
            names.append(names.length() == 0 ? "" : ", ").append(protocol.name());
        }
        fail("netrec: replay serves " + names + ", and the traffic to " + client() + " is none of them");
        return null;
    }

    // ---- what the protocol is given ----

    @Override
    public String host() {
        return connection().host();
    }

    @Override
    public int port() {
        return connection().port();
    }

    @Override
    public String address() {
        return connection().address();
    }

    @Override
    public boolean tls() {
        return connection().tls();
    }

    @Override
    public boolean replaying() {
        ReplayConnection connection = lookup.get();
        return connection != null && connection.answers() != null;
    }

    @Override
    public RecordedResponse answer(String method, String uri, Headers headers, byte[] body) throws IOException {
        ReplayConnection connection = connection();
        answeredBy = connection.answers();
        if (answeredBy == null) {
            return null;
        }
        return answeredBy.answer(connection, method, uri, headers, body);
    }

    @Override
    public RecordedResponse answerEarly(String method, String uri, Headers headers) {
        ReplayConnection connection = connection();
        AnswerSource source = connection.answers();
        if (source == null) {
            return null;
        }
        RecordedResponse response = source.answerEarly(connection, method, uri, headers);
        if (response != null) {
            answeredBy = source;
        }
        return response;
    }

    @Override
    public ConnectionAnswering upgrade(String token, UpgradedRequest request, String uri, RecordedResponse response)
            throws IOException {
        for (Protocol protocol : protocols) {
            ConnectionAnswering switched = protocol.answerUpgrade(token, this, request, uri, response);
            if (switched != null) {
                return switched;
            }
        }
        return null;
    }

    @Override
    public String messageDifference(String method, String uri, byte[] recorded, byte[] actual) {
        return answeredBy.messageDifference(method, uri, recorded, actual);
    }

    @Override
    public void missed(String what, String why) {
        failed = true;
        AnswerSource source = answeredBy != null ? answeredBy : connection().answers();
        if (source != null) {
            source.missed(connection(), what, why);
        }
    }

    @Override
    public List<Interaction> conversations(boolean unusedOnly) {
        ReplayConnection connection = connection();
        AnswerSource source = connection.answers();
        if (source == null) {
            return List.of();
        }
        answeredBy = source;
        return source.conversations(connection, unusedOnly);
    }

    @Override
    public boolean claim(Interaction conversation) {
        return answeredBy.claim(conversation);
    }

    @Override
    public MatchRules.Applied rules(String method, String uri) {
        AnswerSource source = answeredBy != null ? answeredBy : connection().answers();
        return source == null ? MatchRules.none().forRequest(method, "", "") : source.rules(method, uri);
    }

    @Override
    public BodyStore bodies() {
        return answeredBy.bodies();
    }

    @Override
    public MissRecorder missRecorder() {
        return connection().missRecorder();
    }

    @Override
    public void send(Answer answer) throws IOException {
        outbox.send(answer);
    }

    @Override
    public String cannotAnswer(String request, String why) {
        if (answeredBy != null) {
            answeredBy.cannotAnswer(request, why);
        }
        String explanation = "netrec: cannot replay " + request + ": " + why.replaceFirst("^netrec: ", "");
        fail(explanation);
        return explanation;
    }

    @Override
    public void fail(String explanation) {
        failed = true;
        ReplayConnection connection = lookup.get();
        if (connection != null) {
            connection.fail(explanation);
        }
    }

    @Override
    public String client() {
        ReplayConnection connection = lookup.get();
        return connection == null ? client : connection.toString();
    }

    /** The connection; replay stops answering one it no longer knows. */
    private ReplayConnection connection() {
        ReplayConnection connection = lookup.get();
        if (connection == null) {
            throw new IllegalStateException("no replayed connection for " + client);
        }
        return connection;
    }
}
