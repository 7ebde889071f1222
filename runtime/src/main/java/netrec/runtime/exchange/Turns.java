package netrec.runtime.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.Conversations;
import netrec.runtime.protocol.Miss;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.protocol.Payloads;
import netrec.cassette.match.PostgresLogin;
import netrec.cassette.match.Preview;
import netrec.cassette.match.TurnMatch;
import netrec.cassette.match.TurnRules;

/**
 * Replays a recorded conversation by turns, once for every protocol that has them (raw TCP, WebSocket): the server's
 * recorded messages go out up to the next one the client must send; each of the client's, once it arrives and the
 * cassette's rules find it the same as the recorded one ({@link TurnRules}), lets the server's next messages go. The
 * first divergence is a miss that says where. A protocol gives the framing ({@link Speaker}); the client's side
 * arrives as a byte stream cut anywhere ({@link #clientBytes}, raw TCP) or as whole messages
 * ({@link #clientMessage}, WebSocket).
 *
 * <p>Which recorded conversation a connection follows is its own: chosen among those recorded with its server in the
 * order their connections opened, and when a client turn parts from it, the connection moves to another one not
 * taken, whose client turns so far are the ones this client sent and whose next one this turn begins (connections
 * of a pool, or a subscriber and a publisher, start alike and part later). When none fits, the client's turn may
 * be one recorded on another connection to the same server: a pool's connections each run whichever queries come to
 * them, so that the turns recorded on one arrive in replay on another. That turn, not answered yet, answers it
 * ({@link #borrow}). Only when nothing fits is it a miss. Of the same turn recorded on several connections of a pool
 * with different answers (a counter each of its connections incremented), the one the server answered first answers
 * first ({@link Message#order}), whichever connection it comes on.
 */
public final class Turns {
    /** What sending one recorded server message did. */
    public enum Sent { SENT, WAIT, END }

    /** The protocol's part: which recorded client messages are awaited, and how a server message goes out. */
    public interface Speaker {
        /** True when the recorded client message at {@code index} is one the client must send before what follows. */
        boolean awaits(List<Message> messages, int index);

        /**
         * Sends the recorded server message at {@code index}, to be read no sooner than {@code notBeforeNanos}
         * ({@link System#nanoTime}; 0 for at once, see {@link Answer#at}): {@link Sent#WAIT} when it must wait for
         * the client (and nothing was sent), {@link Sent#END} when it ends the conversation.
         */
        Sent send(List<Message> messages, int index, byte[] payload, long notBeforeNanos) throws IOException;

        /**
         * Update mode: the client's {@code turn} is in no recorded conversation, and the connection goes on with the
         * real server, through {@code fetches}; the server is first sent {@code sent}, the client's turns so far
         * (answered from the cassette already), after its greeting when {@code serverFirst}; a protocol of whole
         * messages keeps its own. True when this protocol went on so; false when it cannot, and the turn is a miss.
         */
        default boolean goOnWithServer(MissRecorder fetches, boolean serverFirst, List<byte[]> sent, byte[] turn)
                throws IOException {
            return false;
        }

        /**
         * The messages of another recorded answer to the request this conversation began with, not used yet, that
         * {@code fits} accepts, now taken; null when there is none, or the protocol follows no such answers.
         */
        default List<Message> anotherConversation(Predicate<List<Message>> fits) {
            return null;
        }
    }

    private final ClientConnection connection;
    private final CassetteAnswers answers;
    private final TurnRules judge;
    private final Speaker speaker;
    private volatile List<Message> messages;
    /** The recorded messages matched or sent so far, by index: one recorded late may be matched ahead of others. */
    private volatile boolean[] done;
    /** The next recorded message to send or to wait for. */
    private int next;
    private int clientTurns;
    private boolean closing;
    /** The client's bytes not yet taken by a turn (a stream's). */
    private byte[] pending = new byte[256];
    private int count;
    private TurnMatch expected;
    /** The index of the recorded client turn {@link #expected} is. */
    private int expectedIndex;
    /**
     * Once this connection was answered with a turn of another conversation, it follows no single one: it no longer
     * moves to another or swaps. Read by other connections' turns.
     */
    private volatile boolean borrowed;
    /** Whether the conversations with this server begin with a handshake ({@link #handshake}); null: not asked yet. */
    private Boolean handshake;
    /** Where the conversation followed came from, to move to another; null when it cannot move (a WebSocket). */
    private Conversations pool;
    private Interaction following;
    /** Whether this connection was the first to take {@link #following}: only then is it given back on a move. */
    private boolean tookFirst;
    /**
     * The client turns taken so far, as sent: another conversation must begin with these to be moved to. Read by
     * other connections' turns as they look for a conversation to swap.
     */
    private final List<byte[]> taken = new CopyOnWriteArrayList<>();
    /**
     * A conversation another connection handed this one in a swap (it took this one's, which fitted it better): this
     * connection moves to it at its next bytes, if it still fits. Null when none.
     */
    private volatile Interaction handedOver;
    /**
     * The pace kept ({@code pace=recorded}): the server's messages go no sooner after the client's last turn than
     * they did when recorded. When that turn arrived here, and when it came in the recording (ms from the start).
     */
    private long anchorNanos;
    private long anchorAt;
    /**
     * In update mode, every client turn taken so far, as sent, in order: sent to the real server first when the
     * conversation goes on with it. Null in replay mode, and once they passed {@link #KEPT_FOR_UPDATE}.
     */
    private List<byte[]> sentTurns;
    private long sentBytes;
    /** How much of a connection's turns update mode keeps to send again: a long-lived connection's are not all. */
    private static final long KEPT_FOR_UPDATE = 16L * 1024 * 1024;

    public Turns(ClientConnection connection, CassetteAnswers answers, TurnRules judge, Speaker speaker) {
        this.connection = connection;
        this.answers = answers;
        this.judge = judge;
        this.speaker = speaker;
        this.sentTurns = answers.conversationFetches() == null ? null : new ArrayList<>();
    }

    /**
     * Takes {@code conversation} from {@code pool} and follows it from its start; the connection may move to another
     * of {@code pool} when the client parts from it.
     */
    public synchronized void take(Conversations pool, Interaction conversation) throws IOException {
        followFromStart(pool, conversation, pool.take(conversation));
    }

    /**
     * Takes {@code conversation} from {@code pool}, unless another connection took it since it was listed unused
     * (connections of a pool that open at once choose at the same moment), and follows it from its start: false,
     * and nothing taken, when another connection has it.
     */
    public synchronized boolean takeUnused(Conversations pool, Interaction conversation) throws IOException {
        if (!pool.takeUnused(conversation)) {
            return false;
        }
        followFromStart(pool, conversation, true);
        return true;
    }

    private void followFromStart(Conversations pool, Interaction conversation, boolean first) throws IOException {
        this.pool = pool;
        this.following = conversation;
        this.tookFirst = first;
        if (!tookFirst) { // every conversation is taken: this one answers again from its start
            for (int i = 0; i < conversation.response().messages().size(); i++) {
                pool.giveBackTurn(conversation, i);
            }
        }
        pool.follow(conversation, this);
        follow(conversation.response().messages());
    }

    /** Follows {@code conversation} from its start: the server's messages before the client's first go out now. */
    public void follow(List<Message> conversation) throws IOException {
        messages = conversation;
        done = new boolean[conversation.size()];
        next = 0;
        anchorNanos = System.nanoTime();
        anchorAt = 0;
        release();
    }

    /** True once no more is answered: the conversation ended, or replay gave up on it. */
    public boolean closing() {
        return closing;
    }

    /** True when none of the client's bytes wait for a turn. */
    public boolean idle() {
        return count == 0;
    }

    /**
     * The client went quiet partway through a turn (its bytes begin the recorded turn, or a conversation's first,
     * and stop short): a miss that says so, and nothing more is answered. True when it was; false when no bytes
     * wait.
     */
    public synchronized boolean stalled(String server) {
        if (closing || count == 0) {
            return false;
        }
        String what = messages == null ? "conversation with " + server + " that begins " + Preview.of(pending, 0, count)
                : "client turn " + (clientTurns + 1) + " on the conversation with " + server;
        String recorded = expected == null ? "" : ", and the recorded turn goes on: "
                + Preview.of(expected.recorded(), Math.min(count, expected.recorded().length),
                        Math.max(0, expected.recorded().length - count));
        // a miss, not a fetch, even in update mode: this runs on the thread that watches every connection for stalls
        fail(what, "the client sent " + Preview.of(pending, 0, count) + " and then nothing for a second" + recorded);
        return true;
    }

    /** How many of the client's messages or turns have been matched. */
    public int clientTurns() {
        return clientTurns;
    }

    /** The recorded messages followed, or null before one is. */
    public List<Message> messages() {
        return messages;
    }

    /** True once the recorded message at {@code index} was matched or sent. */
    public boolean done(int index) {
        return done[index];
    }

    /** The index of the first recorded message not yet done, from which the server speaks or waits. */
    public int next() {
        return next;
    }

    // ---- a stream, cut anywhere ----

    /**
     * Bytes the client sent on a stream: each recorded client turn is taken from them as soon as it is whole, and
     * its answer released; {@code on} names the conversation in misses. Before a conversation is followed, the bytes
     * wait for {@link #chooseByFirstTurn}.
     */
    public synchronized void clientBytes(byte[] bytes, int offset, int length, String on) throws IOException {
        if (closing) {
            return;
        }
        takeHandedOver();
        if (count + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, count + length));
        }
        System.arraycopy(bytes, offset, pending, count, length);
        count += length;
        while (messages != null && count > 0 && !closing) {
            if (expected == null) {
                int turn = awaited(next);
                if (turn < 0) {
                    Borrowed borrowing = borrow();
                    if (borrowing == Borrowed.ANSWERED) {
                        continue;
                    }
                    if (borrowing == Borrowed.NONE) {
                        missed("client turn " + (clientTurns + 1) + " " + Preview.of(pending, 0, count) + " on " + on,
                                following == null ? "no turn recorded with this server and not answered yet is this "
                                + "one" : "the recorded conversation has " + clientTurns + " client turns, and the "
                                + "client sent more");
                    }
                    return;
                }
                expectedIndex = turn;
                expected = judge.turn(payload(turn), ordinal(messages, turn));
            }
            switch (expected.compare(pending, count)) {
                case MATCHED:
                    if (answeredFromEarlier(expected.length())) {
                        expected = null; // this connection's own turn waits for the client to send it again
                        break;
                    }
                    // claimed as another connection's borrow claims it, so that one of the two answers it
                    if (pool != null && !pool.takeTurns(following, expectedIndex, expectedIndex + 1)) {
                        expected = null; // another connection was answered with it meanwhile: looked for again
                        break;
                    }
                    // a password update mode asked for is kept as recorded: taken outlives the connection
                    taken.add(PostgresLogin.isAskedPassword(messages.get(expectedIndex)) ? expected.recorded()
                            : Arrays.copyOf(pending, expected.length()));
                    consume(expected.length());
                    expected = null;
                    matched(expectedIndex);
                    release();
                    break;
                case NEED_MORE:
                    return;
                default:
                    if (moveToAnother()) {
                        break;
                    }
                    Borrowed borrowing = borrow();
                    if (borrowing == Borrowed.ANSWERED) {
                        break;
                    }
                    if (borrowing == Borrowed.WAIT) {
                        return;
                    }
                    missed("client turn " + (clientTurns + 1) + " on " + on, "it differs from the recorded turn at "
                            + "byte " + expected.divergedAt() + ": " + differenceAt(expected));
                    return;
            }
        }
    }

    /**
     * Picks the conversation that the client's first bytes begin among {@code conversations} (one not used yet, in
     * recorded order; once all are used, the last one that matches again), and follows it: true once chosen, false
     * while the bytes might still begin several, or none could (a miss, reported; {@code server} names the server
     * in it). When the conversations do not all begin alike (no handshake), bytes that begin none of them may be a
     * turn recorded later in one ({@link #borrow}): the connection then follows none, and each of its turns is
     * answered so.
     */
    public synchronized boolean chooseByFirstTurn(Conversations conversations, String server) throws IOException {
        TurnMatch nearest = null;
        for (boolean reusing : new boolean[] {false, true}) {
            List<Interaction> candidates = new ArrayList<>(reusing ? conversations.all() : conversations.unused());
            FirstTurn found;
            do {
                found = firstTurnAmong(candidates, conversations, reusing, nearest);
                nearest = found.nearest;
                // another connection took the one chosen since it was listed: choose again among the rest
            } while (found.chosen != null && !reusing && !takeUnused(conversations, found.chosen)
                    && candidates.remove(found.chosen));
            if (found.chosen != null) {
                if (reusing) {
                    take(conversations, found.chosen);
                }
                clientBytes(pending, 0, 0, "the conversation with " + server);
                return true;
            }
            if (found.waiting) {
                return false;
            }
        }
        if (!opensAlike(conversations.all())) {
            // a protocol with no handshake (Redis with no password): a pool's new connection may open with any
            // command, one recorded later on another connection; the connection then follows none of its own
            pool = conversations;
            messages = List.of();
            done = new boolean[0];
            borrowed = true;
            if (borrow() != Borrowed.NONE) {
                clientBytes(pending, 0, 0, "the conversation with " + server);
                return true;
            }
        }
        String begun = "conversation with " + server + " that begins " + Preview.of(pending, 0, count);
        missed(begun, nearest == null ? "the cassette has no conversation with this server that the client begins"
                : "the nearest recorded one differs at byte " + nearest.divergedAt() + ": " + differenceAt(nearest));
        return false;
    }

    /** What the client's bytes so far make of the candidates' first turns ({@link #firstTurnAmong}). */
    private static final class FirstTurn {
        Interaction chosen;
        boolean waiting;
        TurnMatch nearest;
    }

    /**
     * The conversation among {@code candidates} whose first turn the pending bytes are (the first such; the last
     * once {@code reusing}), whether the bytes might still begin one, and the nearest that differs so far.
     */
    private FirstTurn firstTurnAmong(List<Interaction> candidates, Conversations conversations, boolean reusing,
            TurnMatch nearestSoFar) throws IOException {
        FirstTurn found = new FirstTurn();
        found.nearest = nearestSoFar;
        for (Interaction conversation : candidates) {
            List<Message> recorded = conversation.response().messages();
            if (recorded.get(0).from() != Message.Side.CLIENT
                    || !reusing && conversations.turnTaken(conversation, 0)) {
                continue; // a server that spoke first; or an unused one whose first turn answered another
            }
            TurnMatch first = judge.turn(Payloads.of(recorded.get(0), answers.bodies()), 1);
            TurnMatch.State state = first.compare(pending, count);
            if (state == TurnMatch.State.MATCHED && (found.chosen == null || reusing)) {
                found.chosen = conversation;
            } else if (state == TurnMatch.State.NEED_MORE) {
                found.waiting = true;
            } else if (state == TurnMatch.State.DIVERGED
                    && (found.nearest == null || first.divergedAt() > found.nearest.divergedAt())) {
                found.nearest = first;
            }
        }
        return found;
    }

    /**
     * The client parted from the conversation followed: moves to another one not taken (in the order their
     * connections opened) whose client turns so far are the ones taken, and whose next turn the bytes pending begin;
     * or else swaps with another connection that follows such a one, when that connection's turns so far fit the one
     * this connection gives up (connections of a pool, opened in replay in another order than recorded). True when
     * it moved. The server's turns already sent were the first conversation's.
     */
    private boolean moveToAnother() throws IOException {
        if (pool == null || borrowed) {
            return false;
        }
        for (Interaction candidate : pool.unused()) {
            int resumeAt = candidate == following ? -1 : resumesAt(candidate.response().messages(), taken, true);
            if (resumeAt >= 0 && resumeAt < candidate.response().messages().size()
                    && !pool.turnTaken(candidate, resumeAt)) {
                if (!pool.takeUnused(candidate)) {
                    continue; // another connection took it meanwhile
                }
                if (tookFirst) {
                    giveBackAnswered();
                    pool.giveBack(following);
                }
                tookFirst = true;
                moveTo(candidate, resumeAt);
                return true;
            }
        }
        for (Interaction candidate : pool.all()) {
            Object other = candidate == following ? null : pool.follower(candidate);
            if (!(other instanceof Turns) || other == this) {
                continue;
            }
            Turns them = (Turns) other;
            if (them.borrowed) {
                continue;
            }
            int resumeAt = resumesAt(candidate.response().messages(), taken, true);
            if (resumeAt >= 0 && resumesAt(following.response().messages(), them.taken, false) >= 0) {
                Interaction given = following;
                pool.follow(given, them);
                them.handedOver = given;
                moveTo(candidate, resumeAt);
                return true;
            }
        }
        return false;
    }

    /** What {@link #borrow} found. */
    private enum Borrowed { ANSWERED, WAIT, NONE }

    /**
     * Answers the client's pending turn with the same turn recorded on another connection to this server (or later
     * in this one's), not answered yet, and the server's messages after it up to that conversation's next client
     * turn, which no other connection is then answered with: {@link Borrowed#WAIT} while the bytes pending might
     * still become one, {@link Borrowed#NONE} when none fits. Of several that fit, the one the server answered
     * first ({@link Message#order}); in a cassette that does not say, the first found, this connection's own
     * conversation first. With a handshake, never a connection's first turn, nor a conversation's: its opening chose
     * its conversation.
     */
    private Borrowed borrow() throws IOException {
        if (pool == null || clientTurns == 0 && following != null && handshake()) {
            return Borrowed.NONE;
        }
        List<Interaction> conversations = new ArrayList<>();
        if (following != null) {
            conversations.add(following);
        }
        for (Interaction conversation : pool.all()) {
            if (conversation != following) {
                conversations.add(conversation);
            }
        }
        Map<Interaction, BitSet> claimedMeanwhile = new IdentityHashMap<>();
        while (true) {
            boolean waiting = false;
            Interaction best = null;
            int bestAt = -1;
            int bestLength = 0;
            for (Interaction conversation : conversations) {
                List<Message> recorded = conversation.response().messages();
                Object follower = pool.follower(conversation);
                int turn = 0;
                for (int i = 0; i < recorded.size(); i++) {
                    if (recorded.get(i).from() != Message.Side.CLIENT || !speaker.awaits(recorded, i)) {
                        continue;
                    }
                    if (numbered(recorded.get(i))) {
                        turn++; // as ordinal() counts, for the rules; the asked password, like turn 1, is not lent
                    }
                    if (turn == 1 && handshake() || !answerable(conversation, follower, i)
                            || failed(claimedMeanwhile, conversation, i)
                            || best != null && !answeredBefore(recorded.get(i), best.response().messages().get(bestAt))) {
                        continue;
                    }
                    TurnMatch match = judge.turn(Payloads.of(recorded.get(i), answers.bodies()), turn);
                    TurnMatch.State state = match.compare(pending, count);
                    if (state == TurnMatch.State.NEED_MORE) {
                        waiting = true;
                    } else if (state == TurnMatch.State.MATCHED) {
                        best = conversation;
                        bestAt = i;
                        bestLength = match.length();
                    }
                }
            }
            if (best == null) {
                return waiting ? Borrowed.WAIT : Borrowed.NONE;
            }
            List<Message> recorded = best.response().messages();
            if (recorded.get(bestAt).order() == 0) {
                sayWhenAnsweredOtherwiseElsewhere(conversations, recorded, bestAt, endOfTurn(recorded, bestAt),
                        bestLength);
            }
            if (answerWith(best, bestAt, bestLength)) {
                return Borrowed.ANSWERED;
            }
            // another connection was answered with it (or with a turn after it) meanwhile: looked for again
            claimedMeanwhile.computeIfAbsent(best, c -> new BitSet()).set(bestAt);
        }
    }

    /**
     * The client's turn matched this connection's own next one; when the same turn was recorded on another
     * connection to this server with another answer, and the server answered that one first ({@link Message#order}),
     * that one answers it now, as the server did, and this connection's own turn waits for the client to send it
     * again (each of a pool's connections incremented a counter, or took the next value of a sequence). True when
     * it did. An answer that depends on the connection's own session (its id) is the server's first such answer
     * then, not this connection's: the cassette cannot tell the two apart.
     */
    private boolean answeredFromEarlier(int length) throws IOException {
        Message own = messages.get(expectedIndex);
        if (pool == null || clientTurns == 0 && handshake() || own.order() == 0) {
            return false;
        }
        byte[] ownAnswer = null;
        Map<Interaction, BitSet> claimedMeanwhile = new IdentityHashMap<>();
        while (true) {
            Interaction earliest = null;
            int earliestAt = -1;
            Message first = own;
            for (Interaction conversation : pool.all()) {
                List<Message> recorded = conversation.response().messages();
                Object follower = pool.follower(conversation);
                boolean opening = true;
                for (int i = 0; i < recorded.size(); i++) {
                    Message turn = recorded.get(i);
                    if (turn.from() != Message.Side.CLIENT || !speaker.awaits(recorded, i)) {
                        continue;
                    }
                    boolean itsFirst = opening;
                    opening = false;
                    if (itsFirst && handshake() || !answeredBefore(turn, first) || !sameTurn(turn, own)
                            || !answerable(conversation, follower, i) || failed(claimedMeanwhile, conversation, i)) {
                        continue;
                    }
                    if (ownAnswer == null) {
                        ownAnswer = serverBytes(messages, expectedIndex + 1, endOfTurn(messages, expectedIndex));
                    }
                    if (!Arrays.equals(serverBytes(recorded, i + 1, endOfTurn(recorded, i)), ownAnswer)) {
                        earliest = conversation;
                        earliestAt = i;
                        first = turn;
                    }
                }
            }
            if (earliest == null) {
                return false;
            }
            if (answerWith(earliest, earliestAt, length)) {
                return true;
            }
            claimedMeanwhile.computeIfAbsent(earliest, c -> new BitSet()).set(earliestAt);
        }
    }

    /** True when claiming the turn at {@code index} of {@code conversation} failed in this look already. */
    private static boolean failed(Map<Interaction, BitSet> claimedMeanwhile, Interaction conversation, int index) {
        BitSet failed = claimedMeanwhile.get(conversation);
        return failed != null && failed.get(index);
    }

    /**
     * True when the server's conversations that the client began all begin alike (a handshake, which chose each
     * connection's conversation); false when they begin with whatever command came first (no handshake).
     */
    private boolean handshake() throws IOException {
        if (handshake == null) {
            handshake = opensAlike(pool.all());
        }
        return handshake;
    }

    /** True when every one of {@code conversations} that the client began begins with the same bytes. */
    private boolean opensAlike(List<Interaction> conversations) throws IOException {
        byte[] opening = null;
        for (Interaction conversation : conversations) {
            Message first = conversation.response().messages().get(0);
            if (first.from() != Message.Side.CLIENT) {
                continue;
            }
            byte[] bytes = Payloads.of(first, answers.bodies());
            if (opening != null && !Arrays.equals(opening, bytes)) {
                return false;
            }
            opening = bytes;
        }
        return true;
    }

    /** True when the server got {@code turn} before {@code other}, as far as the cassette says (0: not known). */
    private static boolean answeredBefore(Message turn, Message other) {
        return turn.order() > 0 && (other.order() == 0 || turn.order() < other.order());
    }

    /** True when the two recorded turns are the same bytes. */
    private boolean sameTurn(Message a, Message b) throws IOException {
        return a.size() == b.size() && Arrays.equals(Payloads.of(a, answers.bodies()), Payloads.of(b, answers.bodies()));
    }

    /** True when no connection was answered with the message at {@code index} of {@code conversation} yet. */
    private boolean answerable(Interaction conversation, Object follower, int index) {
        return !pool.turnTaken(conversation, index)
                && !(follower instanceof Turns && ((Turns) follower).answered(conversation.response().messages(), index));
    }

    /** The index of the next client turn after the one at {@code index} of {@code recorded}, or its size. */
    private int endOfTurn(List<Message> recorded, int index) {
        int end = index + 1;
        while (end < recorded.size() && !(recorded.get(end).from() == Message.Side.CLIENT
                && speaker.awaits(recorded, end))) {
            end++;
        }
        return end;
    }

    /**
     * Takes the client turn at {@code index} of {@code conversation} (another connection's, or later in this one's)
     * with what the server sent after it, and answers the client's pending {@code length} bytes with that: false when
     * another connection took it first.
     */
    private boolean answerWith(Interaction conversation, int index, int length) throws IOException {
        List<Message> recorded = conversation.response().messages();
        int end = endOfTurn(recorded, index);
        if (!pool.takeTurns(conversation, index, end)) {
            return false;
        }
        borrowed = true;
        consume(length);
        clientTurns++;
        for (int k = index + 1; k < end && !closing; k++) {
            // the server's answer; not its end of that connection, which is not this one's
            if (recorded.get(k).from() == Message.Side.SERVER && recorded.get(k).kind() != Message.Kind.END) {
                speaker.send(recorded, k, Payloads.of(recorded.get(k), answers.bodies()), 0);
            }
        }
        return true;
    }

    /**
     * Says once per server, on stderr, when the turn just borrowed (the recorded messages {@code from} to {@code to} of
     * {@code recorded}), from a cassette that does not say which turn the server answered first (format 5 or older),
     * was recorded on another connection too, not answered yet, with another answer: replay gives such answers in
     * the order their connections opened, which need not be the order the server gave them.
     */
    private void sayWhenAnsweredOtherwiseElsewhere(List<Interaction> conversations, List<Message> recorded, int from,
            int to, int length) throws IOException {
        String server = connection.host() + ":" + connection.port();
        byte[] sent = Arrays.copyOf(pending, length);
        byte[] answer = serverBytes(recorded, from + 1, to);
        for (Interaction conversation : conversations) {
            List<Message> other = conversation.response().messages();
            Object follower = pool.follower(conversation);
            for (int i = 0; i < other.size(); i++) {
                if ((other == recorded && i == from) || other.get(i).from() != Message.Side.CLIENT
                        || !speaker.awaits(other, i) || !answerable(conversation, follower, i)
                        || !Arrays.equals(Payloads.of(other.get(i), answers.bodies()), sent)) {
                    continue;
                }
                if (!Arrays.equals(serverBytes(other, i + 1, endOfTurn(other, i)), answer)) {
                    Log.warnOnce("turn-order:" + server, "turns to " + server + " were recorded on several "
                            + "connections with different answers (" + Preview.of(sent, 0, sent.length) + ", for "
                            + "one), and this cassette does not say which the server answered first (netrec before "
                            + "format 6 did not write it): replay gives them in the order their connections opened; "
                            + "record the cassette again to have them in the server's order");
                    return;
                }
            }
        }
    }

    /** The server's bytes among the messages {@code from} to {@code to} of {@code recorded}. */
    private byte[] serverBytes(List<Message> recorded, int from, int to) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int k = from; k < to; k++) {
            if (recorded.get(k).from() == Message.Side.SERVER) {
                bytes.write(Payloads.of(recorded.get(k), answers.bodies()));
            }
        }
        return bytes.toByteArray();
    }

    /**
     * True when this connection follows {@code recorded} and has answered its message at {@code index}. Asked by
     * other connections without this one's lock (two connections may look at each other's at once); a stale answer
     * only means a turn recorded twice is answered twice.
     */
    private boolean answered(List<Message> recorded, int index) {
        List<Message> followed = messages;
        boolean[] answeredSoFar = done;
        return followed == recorded && answeredSoFar != null && index < answeredSoFar.length && answeredSoFar[index];
    }

    /** Which client turn of {@code recorded} the message at {@code index} is, from 1 (rules name turns so). */
    private int ordinal(List<Message> recorded, int index) {
        int turn = 0;
        for (int i = 0; i <= index; i++) {
            if (recorded.get(i).from() == Message.Side.CLIENT && speaker.awaits(recorded, i)
                    && numbered(recorded.get(i))) {
                turn++;
            }
        }
        return turn;
    }

    /**
     * True when the client turn {@code turn} has a number of its own for the rules: all but the password update mode
     * asks for, which is not counted, as replay's login turns are not, so that a rule holds in both modes.
     */
    private static boolean numbered(Message turn) {
        return !PostgresLogin.isAskedPassword(turn);
    }

    /** True when another connection was answered with the message at {@code index} of the conversation followed. */
    private boolean takenByAnother(int index) {
        return pool != null && pool.turnTaken(following, index);
    }

    /** Gives back the client turns this connection answered from the conversation it leaves for another. */
    private void giveBackAnswered() {
        for (int i = 0; i < done.length; i++) {
            if (done[i] && messages.get(i).from() == Message.Side.CLIENT) {
                pool.giveBackTurn(following, i);
            }
        }
    }

    /** Follows {@code conversation} from {@code resumeAt}, the turns before taken as sent. */
    private void moveTo(Interaction conversation, int resumeAt) {
        pool.follow(conversation, this);
        following = conversation;
        messages = conversation.response().messages();
        done = new boolean[messages.size()];
        Arrays.fill(done, 0, resumeAt, true);
        next = resumeAt;
        expected = null;
    }

    /** Moves to the conversation another connection handed this one, if it still fits its turns so far. */
    private void takeHandedOver() throws IOException {
        Interaction given = handedOver;
        if (given == null) {
            return;
        }
        handedOver = null;
        int resumeAt = resumesAt(given.response().messages(), taken, false);
        if (resumeAt >= 0) {
            moveTo(given, resumeAt);
        }
    }

    /**
     * Where {@code recorded} would go on from after the client turns {@code sentSoFar}: the index of its next client
     * turn, when its client turns before it are those (and, with {@code pendingToo}, the bytes pending do not part
     * from that next one); -1 otherwise.
     */
    private int resumesAt(List<Message> recorded, List<byte[]> sentSoFar, boolean pendingToo) throws IOException {
        List<byte[]> sent = List.copyOf(sentSoFar);
        int turn = 0;
        int ruleTurn = 0; // as ordinal() counts, for the rules
        for (int i = 0; i < recorded.size(); i++) {
            Message message = recorded.get(i);
            if (message.from() != Message.Side.CLIENT || !speaker.awaits(recorded, i)) {
                continue;
            }
            if (numbered(message)) {
                ruleTurn++;
            }
            byte[] payload = Payloads.of(message, answers.bodies());
            if (turn == sent.size()) {
                return pendingToo && judge.turn(payload, ruleTurn).compare(pending, count) == TurnMatch.State.DIVERGED
                        ? -1 : i;
            }
            byte[] was = sent.get(turn);
            TurnMatch match = judge.turn(payload, ruleTurn);
            if (match.compare(was, was.length) != TurnMatch.State.MATCHED || match.length() != was.length) {
                return -1;
            }
            turn++;
        }
        return pendingToo || turn < sent.size() ? -1 : recorded.size();
    }

    // ---- whole messages ----

    /**
     * A whole message the client sent ({@code what} names it in a miss): it must be the same as the next awaited
     * recorded one, of the same kind; its answer is then released. When it is not, the connection moves to another
     * recorded answer to the same request, not used yet, whose client messages so far were the same and whose next
     * one this is (the same exchange recorded twice, parting there: an update added the second), if the protocol
     * has one.
     */
    public void clientMessage(Message.Kind kind, byte[] payload, String what) throws IOException {
        if (closing) {
            return;
        }
        String difference = differenceFromAwaited(kind, payload);
        if (difference != null) {
            List<Message> another = speaker.anotherConversation(candidate -> goesOnWith(candidate, kind, payload));
            if (another != null) {
                followFrom(another);
                difference = differenceFromAwaited(kind, payload);
            }
        }
        if (difference != null) {
            missed(what, difference);
            return;
        }
        matched(awaited(next));
        release();
    }

    /** How the client's message differs from the next awaited recorded one; null when it is that one. */
    private String differenceFromAwaited(Message.Kind kind, byte[] payload) throws IOException {
        int recorded = awaited(next);
        if (recorded < 0) {
            return "the recording has no more messages from the client after " + clientTurns;
        }
        Message expectedMessage = messages.get(recorded);
        return expectedMessage.kind() != kind ? "it is " + kind.label() + ", and the recorded message "
                + (clientTurns + 1) + " is " + expectedMessage.kind().label()
                : judge.difference(payload(recorded), payload);
    }

    /**
     * True when {@code candidate}'s client messages so far are the ones matched here, and its next is this one
     * ({@code kind}, {@code payload}): each as the cassette's rules compare them.
     */
    private boolean goesOnWith(List<Message> candidate, Message.Kind kind, byte[] payload) {
        if (candidate == messages) {
            return false;
        }
        List<Message> mine = clientMessages(messages, true);
        List<Message> theirs = clientMessages(candidate, false);
        if (theirs.size() <= mine.size() || theirs.get(mine.size()).kind() != kind) {
            return false;
        }
        try {
            for (int i = 0; i < mine.size(); i++) {
                if (mine.get(i).kind() != theirs.get(i).kind() || judge.difference(Payloads.of(mine.get(i),
                        answers.bodies()), Payloads.of(theirs.get(i), answers.bodies())) != null) {
                    return false;
                }
            }
            return judge.difference(Payloads.of(theirs.get(mine.size()), answers.bodies()), payload) == null;
        } catch (IOException e) {
            return false; // a message whose body file cannot be read: not one to move to
        }
    }

    /** The client messages of {@code conversation} the client must send, in order; the matched ones only if asked. */
    private List<Message> clientMessages(List<Message> conversation, boolean matchedOnly) {
        List<Message> found = new ArrayList<>();
        for (int i = 0; i < conversation.size() && (!matchedOnly || found.size() < clientTurns); i++) {
            if (conversation.get(i).from() == Message.Side.CLIENT && speaker.awaits(conversation, i)
                    && (!matchedOnly || done[i])) {
                found.add(conversation.get(i));
            }
        }
        return found;
    }

    /**
     * Follows {@code conversation} from the client's next message on: what comes before it there was matched or
     * sent already, from the conversation followed until now.
     */
    private void followFrom(List<Message> conversation) {
        int at = 0;
        for (int seen = 0; at < conversation.size(); at++) {
            if (conversation.get(at).from() == Message.Side.CLIENT && speaker.awaits(conversation, at)
                    && seen++ == clientTurns) {
                break;
            }
        }
        boolean[] before = new boolean[conversation.size()];
        Arrays.fill(before, 0, at, true);
        messages = conversation;
        done = before;
        next = at;
    }

    /** The client's turn at {@code index} came, and matched: what follows it is paced from now. */
    private void matched(int index) {
        done[index] = true;
        clientTurns++;
        anchorNanos = System.nanoTime();
        anchorAt = messages.get(index).at();
    }

    // ---- shared ----

    /** Sends the server's messages from {@link #next} up to the client's next awaited one. */
    public void release() throws IOException {
        for (; next < messages.size() && !closing; next++) {
            if (done[next] || takenByAnother(next)) {
                continue;
            }
            if (messages.get(next).from() == Message.Side.CLIENT) {
                if (speaker.awaits(messages, next)) {
                    return;
                }
                continue;
            }
            long notBefore = answers.keepsPace()
                    ? anchorNanos + Math.max(0, messages.get(next).at() - anchorAt) * 1_000_000L : 0;
            Sent sent = speaker.send(messages, next, payload(next), notBefore);
            if (sent == Sent.WAIT) {
                return;
            }
            done[next] = true;
            if (sent == Sent.END) {
                closing = true;
            }
        }
    }

    /** The first recorded client message at or after {@code from} that the client must send, not yet done; or -1. */
    public int awaited(int from) {
        for (int i = from; i < messages.size(); i++) {
            if (!done[i] && !takenByAnother(i) && messages.get(i).from() == Message.Side.CLIENT
                    && speaker.awaits(messages, i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The client sent {@code what}, which the recording lacks ({@code why}): a miss, and nothing more is answered;
     * in update mode, the conversation goes on with the real server instead, when its protocol can.
     */
    public void missed(String what, String why) {
        closing = true;
        MissRecorder fetches = sentTurns == null ? null : answers.conversationFetches();
        if (fetches != null) {
            try {
                boolean serverFirst = messages != null && !messages.isEmpty()
                        && messages.get(0).from() == Message.Side.SERVER;
                if (speaker.goOnWithServer(fetches, serverFirst, sentTurns, Arrays.copyOf(pending, count))) {
                    answers.conversationFetched(what);
                    count = 0;
                    sentTurns.clear(); // a password among them is needed no more
                    return;
                }
            } catch (IOException | RuntimeException e) {
                why = why + "; update mode could not go on with the server: " + e.getMessage();
            }
        } else if (answers.conversationFetches() != null) {
            why = why + "; update mode cannot go on with the server: the client's turns so far, over "
                    + KEPT_FOR_UPDATE / (1024 * 1024) + " MiB, were not kept to be sent again";
        }
        fail(what, why);
    }

    /** A miss: nothing more is answered, and the client's read fails with netrec's reason. */
    private void fail(String what, String why) {
        closing = true;
        Miss miss = answers.missed(what, why);
        connection.fail(miss.explanation());
    }

    /** Nothing more is answered (the client closed, or the protocol gave up). */
    public void close() {
        closing = true;
    }

    private byte[] payload(int index) throws IOException {
        return Payloads.of(messages.get(index), answers.bodies());
    }

    private void consume(int n) {
        if (sentTurns != null) {
            sentBytes += n;
            if (sentBytes > KEPT_FOR_UPDATE) {
                sentTurns = null; // a long-lived connection: past this, update mode cannot send it all again
            } else {
                sentTurns.add(Arrays.copyOf(pending, n));
            }
        }
        System.arraycopy(pending, n, pending, 0, count - n);
        count -= n;
    }

    /** Both values from the byte where they part. */
    private String differenceAt(TurnMatch turn) {
        int at = turn.divergedAt();
        byte[] recorded = turn.recorded();
        return "sent " + Preview.of(pending, at, Math.max(0, count - at)) + ", recorded "
                + Preview.of(recorded, Math.min(at, recorded.length), Math.max(0, recorded.length - at));
    }
}
