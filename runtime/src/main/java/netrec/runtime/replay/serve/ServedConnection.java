package netrec.runtime.replay.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import netrec.cassette.BodyStore;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedResponse;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.Conversations;
import netrec.runtime.protocol.Found;
import netrec.runtime.protocol.Miss;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.protocol.Payloads;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.protocol.ReplayedRequest;
import netrec.cassette.match.TurnRules;
import netrec.runtime.protocol.UpgradedRequest;
import netrec.runtime.replay.match.ReplayIndex;

/**
 * The wiring of one replayed connection (or one phase of it: before and after TLS starts in a tunnel) to the
 * protocol that answers it: the first of the JVM's protocols that recognizes the client's first bytes (a tunnel's
 * traffic is found the same way), given the connection ({@link ClientConnection}) and the cassette in use when each
 * question is asked ({@link CassetteAnswers}). A connection none recognizes fails, saying so. Until the first answer
 * goes out (and for the client's first 1 MiB at most), the client's bytes are kept, so that a protocol that finds the
 * connection is not its own after all (a line that only looked like an HTTP request line) hands them to the next
 * one that recognizes them: raw TCP takes anything. A recorded message too large to hold fails the connection with
 * its reason ({@link Payloads.TooLarge}). Used by one thread at a time: the client's, or the replay server's.
 */
final class ServedConnection implements ClientConnection {
    /** Where the answers go: queued for the client's reads, or written to its socket. */
    interface Outbox {
        void send(Answer answer) throws IOException;

        /** No more answers: the client reads the end of the stream after those sent. */
        default void end() throws IOException {
        }
    }

    private final List<Protocol> protocols;
    /** How long a client may stop partway through a turn before replay calls it a miss. */
    static final long STALL_NANOS = 1_000_000_000L;

    private final ReplayConnection connection;
    private final Outbox outbox;
    private final InUse answers = new InUse();
    private volatile ConnectionAnswering answering;
    private volatile boolean failed;
    /** When the client's bytes last came ({@link System#nanoTime}). */
    private volatile long lastFed = System.nanoTime();
    private Protocol chosen;
    private final Set<Protocol> passedOver = new HashSet<>();
    /** The client's bytes while nothing was answered yet; null once something was. */
    private volatile ByteArrayOutputStream unanswered = new ByteArrayOutputStream();
    /** Why the protocol found the connection is not its own, until the call it said so in returns. */
    private String misrecognized;
    private static final int KEPT_UNTIL_ANSWERED = 1024 * 1024;

    ServedConnection(List<Protocol> protocols, ReplayConnection connection, Outbox outbox) {
        this.protocols = protocols;
        this.connection = connection;
        this.outbox = outbox;
    }

    /**
     * The connection opened: a protocol whose recorded server spoke first (a database's greeting) begins answering
     * now, before the client sends anything; true when one did.
     */
    boolean opened() throws IOException {
        if (answering != null || failed || !answers.inUse()) {
            return false;
        }
        for (Protocol protocol : protocols) {
            ConnectionAnswering opening;
            try {
                opening = protocol.answerOpening(this, answers);
            } catch (Payloads.TooLarge e) {
                fail(e.getMessage());
                return false;
            }
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
        lastFed = System.nanoTime();
        if (answering != null && answering.tunnel() != null && answering.idle()) {
            // the tunnel's own traffic: its protocol is found from its first bytes, as a connection's is
            answering = null;
        }
        ByteArrayOutputStream kept = unanswered; // set to null by the first answer, maybe on update mode's thread
        if (kept != null) {
            kept.write(bytes, offset, length);
            if (kept.size() > KEPT_UNTIL_ANSWERED) {
                unanswered = null;
            }
        }
        if (answering == null && !failed) {
            answering = find(bytes, offset, length);
        }
        if (answering != null && !answering.closing()) {
            try {
                answering.feed(bytes, offset, length);
            } catch (Payloads.TooLarge e) {
                fail(e.getMessage());
            }
        }
        if (misrecognized != null) {
            fallBack();
        }
    }

    /** The protocol said the connection is not its own: the next that recognizes the client's bytes answers them. */
    private void fallBack() throws IOException {
        misrecognized = null;
        passedOver.add(chosen);
        byte[] sent = unanswered.toByteArray();
        unanswered = new ByteArrayOutputStream();
        answering = null;
        feed(sent, 0, sent.length);
    }

    /**
     * True when the client stopped partway through a turn a second ago or more, and its protocol gave up on the
     * connection with a miss: its reads are to fail now, not at the client's own timeout.
     */
    boolean stalled() {
        ConnectionAnswering current = answering;
        if (current == null || failed || current.closing()
                || System.nanoTime() - lastFed < STALL_NANOS || !current.stalled()) {
            return false;
        }
        failed = true;
        return true;
    }

    /** The client closed the connection, or it broke. */
    void clientClosed() {
        ConnectionAnswering current = answering;
        if (current != null) {
            current.clientClosed();
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
            if (!passedOver.contains(protocol) && protocol.recognizes(bytes, offset, length)) {
                chosen = protocol;
                return protocol.answer(this, answers);
            }
        }
        StringBuilder names = new StringBuilder();
        for (Protocol protocol : protocols) {
            names.append(names.length() == 0 ? "" : ", ").append(protocol.name());
        }
        fail("netrec: replay serves " + names + ", and the traffic to " + this + " is none of them");
        return null;
    }

    // ---- the connection, as its protocol sees it ----

    @Override
    public String host() {
        return connection.host();
    }

    @Override
    public int port() {
        return connection.port();
    }

    @Override
    public String address() {
        return connection.address();
    }

    @Override
    public boolean tls() {
        return connection.tls();
    }

    @Override
    public void send(Answer answer) throws IOException {
        unanswered = null;
        outbox.send(answer);
    }

    @Override
    public void serverClosed() throws IOException {
        outbox.end();
    }

    @Override
    public boolean readsRealSocket() {
        return connection.server() != null;
    }

    @Override
    public void fail(String explanation) {
        failed = true;
        connection.fail(explanation);
    }

    @Override
    public void misrecognized(String why, String explanation) {
        if (unanswered == null || chosen == null || answering == null) {
            fail(explanation);
        } else {
            misrecognized = why;
        }
    }

    @Override
    public ConnectionAnswering switchProtocols(String token, UpgradedRequest request, String uri,
            RecordedResponse switching) throws IOException {
        for (Protocol protocol : protocols) {
            ConnectionAnswering switched = protocol.answerUpgrade(token, this, answers, request, uri, switching);
            if (switched != null) {
                return switched;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return connection.toString();
    }

    /**
     * The cassette in use when each question is asked (a connection may outlive the test that opened it); bodies
     * come from the one that last answered.
     */
    private final class InUse implements CassetteAnswers {
        private CassetteAnswers answeredBy;
        /** The recorded connection this one's requests have been answered from, or 0: its counterpart. */
        private int following;

        private CassetteAnswers now() {
            CassetteAnswers current = connection.answers();
            if (current != null) {
                answeredBy = current;
            }
            return current;
        }

        private CassetteAnswers last() {
            return answeredBy != null ? answeredBy : connection.answers();
        }

        @Override
        public boolean inUse() {
            return connection.answers() != null;
        }

        @Override
        public Found http(ReplayedRequest request) {
            CassetteAnswers current = now();
            if (current == null) {
                return Found.miss(new Miss("netrec: no cassette is in use to answer " + request));
            }
            Found found = current.http(request.following(following));
            if (found.connection() != 0 && following == 0) {
                following = found.connection();
            }
            return found;
        }

        @Override
        public RecordedResponse httpAlongside(ReplayedRequest head) {
            CassetteAnswers current = connection.answers();
            RecordedResponse response = current == null ? null : current.httpAlongside(head);
            if (response != null) {
                answeredBy = current;
            }
            return response;
        }

        @Override
        public Conversations conversations(ClientConnection client) {
            CassetteAnswers current = now();
            return current == null ? NONE : current.conversations(client);
        }

        @Override
        public TurnRules turns(String method, String uri) {
            CassetteAnswers current = last();
            return current == null ? NO_RULES : current.turns(method, uri);
        }

        @Override
        public boolean keepsPace() {
            CassetteAnswers current = last();
            return current != null && current.keepsPace();
        }

        @Override
        public BodyStore bodies() {
            return last().bodies();
        }

        @Override
        public RecordedResponse anotherAnswer(ReplayedRequest request,
                java.util.function.Predicate<RecordedResponse> fits) {
            CassetteAnswers current = last();
            return current == null ? null : current.anotherAnswer(request, fits);
        }

        @Override
        public MissRecorder conversationFetches() {
            CassetteAnswers current = last();
            return current == null ? null : current.conversationFetches();
        }

        @Override
        public void conversationFetched(String what) {
            CassetteAnswers current = last();
            if (current != null) {
                current.conversationFetched(what);
            }
        }

        @Override
        public Miss missed(String what, String why) {
            CassetteAnswers current = last();
            return current == null ? new Miss("netrec: nothing recorded matches " + what + ": " + why)
                    : current.missed(what, why);
        }

        @Override
        public Miss cannotAnswer(String request, String why) {
            CassetteAnswers current = last();
            return current == null ? new Miss("netrec: cannot replay " + request + ": " + why)
                    : current.cannotAnswer(request, why);
        }
    }

    /** The conversations when no cassette is in use: none. */
    private static final Conversations NONE = new Conversations() {
        @Override
        public List<Interaction> unused() {
            return List.of();
        }

        @Override
        public List<Interaction> all() {
            return List.of();
        }

        @Override
        public boolean take(Interaction conversation) {
            return false;
        }

        @Override
        public boolean takeUnused(Interaction conversation) {
            return false;
        }

        @Override
        public void giveBack(Interaction conversation) {
            // none taken
        }

        @Override
        public void follow(Interaction conversation, Object follower) {
            // none taken
        }

        @Override
        public Object follower(Interaction conversation) {
            return null;
        }

        @Override
        public boolean takeTurns(Interaction conversation, int from, int to) {
            return false;
        }

        @Override
        public boolean turnTaken(Interaction conversation, int index) {
            return false;
        }

        @Override
        public void giveBackTurn(Interaction conversation, int index) {
            // none taken
        }
    };

    /** The rules when no cassette is in use: the bytes as they are. */
    private static final TurnRules NO_RULES = ReplayIndex.exactTurns();
}
