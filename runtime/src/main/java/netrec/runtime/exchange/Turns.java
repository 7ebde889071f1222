package netrec.runtime.exchange;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.Conversations;
import netrec.runtime.protocol.Miss;
import netrec.runtime.protocol.Payloads;
import netrec.runtime.protocol.Preview;
import netrec.runtime.protocol.TurnComparison;
import netrec.runtime.protocol.TurnJudge;

/**
 * Replays a recorded conversation by turns, once for every protocol that has them (raw TCP, WebSocket): the server's
 * recorded messages go out up to the next one the client must send; each of the client's, once it arrives and the
 * cassette's rules find it the same as the recorded one ({@link TurnJudge}), lets the server's next messages go. The
 * first divergence is a miss that says where. A protocol gives the framing ({@link Speaker}); the client's side
 * arrives as a byte stream cut anywhere ({@link #clientBytes}, raw TCP) or as whole messages
 * ({@link #clientMessage}, WebSocket).
 */
public final class Turns {
    /** What sending one recorded server message did. */
    public enum Sent { SENT, WAIT, END }

    /** The protocol's part: which recorded client messages are awaited, and how a server message goes out. */
    public interface Speaker {
        /** True when the recorded client message at {@code index} is one the client must send before what follows. */
        boolean awaits(List<Message> messages, int index);

        /**
         * Sends the recorded server message at {@code index}: {@link Sent#WAIT} when it must wait for the client (and
         * nothing was sent), {@link Sent#END} when it ends the conversation.
         */
        Sent send(List<Message> messages, int index, byte[] payload) throws IOException;
    }

    private final ClientConnection connection;
    private final CassetteAnswers answers;
    private final TurnJudge judge;
    private final Speaker speaker;
    private List<Message> messages;
    /** The recorded messages matched or sent so far, by index: one recorded late may be matched ahead of others. */
    private boolean[] done;
    /** The next recorded message to send or to wait for. */
    private int next;
    private int clientTurns;
    private boolean closing;
    /** The client's bytes not yet taken by a turn (a stream's). */
    private byte[] pending = new byte[256];
    private int count;
    private TurnComparison expected;

    public Turns(ClientConnection connection, CassetteAnswers answers, TurnJudge judge, Speaker speaker) {
        this.connection = connection;
        this.answers = answers;
        this.judge = judge;
        this.speaker = speaker;
    }

    /** Follows {@code conversation} from its start: the server's messages before the client's first go out now. */
    public void follow(List<Message> conversation) throws IOException {
        messages = conversation;
        done = new boolean[conversation.size()];
        next = 0;
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
    public void clientBytes(byte[] bytes, int offset, int length, String on) throws IOException {
        if (closing) {
            return;
        }
        if (count + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, count + length));
        }
        System.arraycopy(bytes, offset, pending, count, length);
        count += length;
        while (messages != null && count > 0 && !closing) {
            if (expected == null) {
                int turn = awaited(next);
                if (turn < 0) {
                    missed("client turn " + (clientTurns + 1) + " " + Preview.of(pending, 0, count) + " on " + on,
                            "the recorded conversation has " + clientTurns + " client turns, and the client sent more");
                    return;
                }
                expected = judge.turn(payload(turn), clientTurns + 1);
            }
            switch (expected.compare(pending, count)) {
                case MATCHED:
                    take(expected.length());
                    expected = null;
                    done[awaited(next)] = true;
                    clientTurns++;
                    release();
                    break;
                case NEED_MORE:
                    return;
                default:
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
     * in it).
     */
    public boolean chooseByFirstTurn(Conversations conversations, String server) throws IOException {
        TurnComparison nearest = null;
        for (boolean reusing : new boolean[] {false, true}) {
            boolean waiting = false;
            Interaction chosen = null;
            for (Interaction conversation : reusing ? conversations.all() : conversations.unused()) {
                List<Message> recorded = conversation.response().messages();
                if (recorded.get(0).from() != Message.Side.CLIENT) {
                    continue;
                }
                TurnComparison first = judge.turn(Payloads.of(recorded.get(0), answers.bodies()), 1);
                TurnComparison.State state = first.compare(pending, count);
                if (state == TurnComparison.State.MATCHED && (chosen == null || reusing)) {
                    chosen = conversation;
                } else if (state == TurnComparison.State.NEED_MORE) {
                    waiting = true;
                } else if (state == TurnComparison.State.DIVERGED
                        && (nearest == null || first.divergedAt() > nearest.divergedAt())) {
                    nearest = first;
                }
            }
            if (chosen != null) {
                conversations.take(chosen);
                follow(chosen.response().messages());
                clientBytes(pending, 0, 0, "the conversation with " + server);
                return true;
            }
            if (waiting) {
                return false;
            }
        }
        String begun = "conversation with " + server + " that begins " + Preview.of(pending, 0, count);
        missed(begun, nearest == null ? "the cassette has no conversation with this server that the client begins"
                : "the nearest recorded one differs at byte " + nearest.divergedAt() + ": " + differenceAt(nearest));
        return false;
    }

    // ---- whole messages ----

    /**
     * A whole message the client sent ({@code what} names it in a miss): it must be the same as the next awaited
     * recorded one, of the same kind; its answer is then released.
     */
    public void clientMessage(Message.Kind kind, byte[] payload, String what) throws IOException {
        if (closing) {
            return;
        }
        int recorded = awaited(next);
        if (recorded < 0) {
            missed(what, "the recording has no more messages from the client after " + clientTurns);
            return;
        }
        Message expectedMessage = messages.get(recorded);
        String difference = expectedMessage.kind() != kind ? "it is " + kind.label() + ", and the recorded message "
                + (clientTurns + 1) + " is " + expectedMessage.kind().label()
                : judge.difference(payload(recorded), payload);
        if (difference != null) {
            missed(what, difference);
            return;
        }
        done[recorded] = true;
        clientTurns++;
        release();
    }

    // ---- shared ----

    /** Sends the server's messages from {@link #next} up to the client's next awaited one. */
    public void release() throws IOException {
        for (; next < messages.size() && !closing; next++) {
            if (done[next]) {
                continue;
            }
            if (messages.get(next).from() == Message.Side.CLIENT) {
                if (speaker.awaits(messages, next)) {
                    return;
                }
                continue;
            }
            Sent sent = speaker.send(messages, next, payload(next));
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
            if (!done[i] && messages.get(i).from() == Message.Side.CLIENT && speaker.awaits(messages, i)) {
                return i;
            }
        }
        return -1;
    }

    /** The client sent {@code what}, which the recording lacks ({@code why}): a miss; nothing more is answered. */
    public void missed(String what, String why) {
        Miss miss = answers.missed(what, why);
        connection.fail(miss.explanation());
        closing = true;
    }

    /** Nothing more is answered (the client closed, or the protocol gave up). */
    public void close() {
        closing = true;
    }

    private byte[] payload(int index) throws IOException {
        return Payloads.of(messages.get(index), answers.bodies());
    }

    private void take(int n) {
        System.arraycopy(pending, n, pending, 0, count - n);
        count -= n;
    }

    /** Both values from the byte where they part. */
    private String differenceAt(TurnComparison turn) {
        int at = turn.divergedAt();
        byte[] recorded = turn.recorded();
        return "sent " + Preview.of(pending, at, Math.max(0, count - at)) + ", recorded "
                + Preview.of(recorded, Math.min(at, recorded.length), Math.max(0, recorded.length - at));
    }
}
