package netrec.runtime.protocol.tcp;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
import netrec.cassette.Message;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.AnsweringContext;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.Payloads;
import netrec.runtime.protocol.Preview;

/**
 * Replays one raw TCP conversation by turns. The conversation is the first recorded with this server, not yet used,
 * whose first client turn the client's first bytes match (once all are used, the last that matches answers again);
 * for a server that speaks first, the first one not yet used. Then each client turn must match the recorded one, as
 * {@link TurnMatch} compares them, and the server's turns that followed it are sent. The first divergence is a miss
 * that names the turn, the byte and both values.
 */
final class TcpAnswering implements ConnectionAnswering {
    private final AnsweringContext context;
    private final String request;
    private final MatchRules.Applied rules;
    private byte[] sent = new byte[256];
    private int count;
    private List<Message> turns;
    /** The next recorded turn to send or to wait for. */
    private int next;
    private int clientTurns;
    private TurnMatch expected;
    private boolean closing;

    private TcpAnswering(AnsweringContext context) {
        this.context = context;
        this.request = Interaction.tcpRequest(context.host(), context.port()).uri();
        this.rules = context.rules("TCP", request);
    }

    /** Answers a connection whose client speaks first. */
    static TcpAnswering clientFirst(AnsweringContext context) {
        return new TcpAnswering(context);
    }

    /**
     * Answers a connection to a server that spoke first when recorded: its first conversation not yet used begins
     * now, with the server's turn (once all are used, the last one again: a pool may open more connections than it
     * did when recorded); null when the cassette has none such.
     */
    static TcpAnswering serverFirst(AnsweringContext context) throws IOException {
        Interaction chosen = null;
        for (Interaction conversation : context.conversations(true)) {
            if (conversation.response().messages().get(0).from() == Message.Side.SERVER) {
                chosen = conversation;
                break;
            }
        }
        if (chosen == null) {
            for (Interaction conversation : context.conversations(false)) {
                if (conversation.response().messages().get(0).from() == Message.Side.SERVER) {
                    chosen = conversation;
                }
            }
        }
        if (chosen == null) {
            return null;
        }
        context.claim(chosen);
        TcpAnswering answering = new TcpAnswering(context);
        answering.turns = chosen.response().messages();
        answering.release();
        return answering;
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) throws IOException {
        if (closing) {
            return;
        }
        if (count + length > sent.length) {
            sent = Arrays.copyOf(sent, Math.max(sent.length * 2, count + length));
        }
        System.arraycopy(bytes, offset, sent, count, length);
        count += length;
        if (turns == null && !choose()) {
            return;
        }
        while (count > 0 && !closing) {
            if (expected == null) {
                Message turn = nextClientTurn();
                if (turn == null) {
                    context.missed("client turn " + (clientTurns + 1) + " " + Preview.of(sent, 0, count)
                            + " on the conversation with " + context.client(), "the recorded conversation has "
                            + clientTurns + " client turns, and the client sent more");
                    closing = true;
                    return;
                }
                clientTurns++;
                expected = new TurnMatch(Payloads.of(turn, context.bodies()), clientTurns, rules);
            }
            switch (expected.compare(sent, count)) {
                case MATCHED:
                    take(expected.length());
                    expected = null;
                    next++;
                    release();
                    break;
                case NEED_MORE:
                    return;
                default:
                    diverged(expected);
                    return;
            }
        }
    }

    /**
     * Picks the conversation the client's first bytes begin: true once chosen, false while they might still begin
     * several (or none could, and the miss is reported).
     */
    private boolean choose() throws IOException {
        TurnMatch nearest = null;
        for (boolean unusedOnly : new boolean[] {true, false}) {
            List<Interaction> candidates = context.conversations(unusedOnly);
            boolean waiting = false;
            Interaction chosen = null;
            for (Interaction conversation : candidates) {
                List<Message> recorded = conversation.response().messages();
                if (recorded.get(0).from() != Message.Side.CLIENT) {
                    continue;
                }
                TurnMatch first = new TurnMatch(Payloads.of(recorded.get(0), context.bodies()), 1, rules);
                TurnMatch.State state = first.compare(sent, count);
                if (state == TurnMatch.State.MATCHED && (chosen == null || !unusedOnly)) {
                    chosen = conversation;
                } else if (state == TurnMatch.State.NEED_MORE) {
                    waiting = true;
                } else if (state == TurnMatch.State.DIVERGED
                        && (nearest == null || first.divergedAt() > nearest.divergedAt())) {
                    nearest = first;
                }
            }
            if (chosen != null) {
                context.claim(chosen);
                turns = chosen.response().messages();
                return true;
            }
            if (waiting) {
                return false;
            }
        }
        String what = "conversation with " + context.client() + " that begins " + Preview.of(sent, 0, count);
        if (nearest == null) {
            context.missed(what, "the cassette has no conversation with this server that the client begins");
        } else {
            context.missed(what, "the nearest recorded one differs at byte " + nearest.divergedAt() + ": "
                    + differenceAt(nearest));
        }
        closing = true;
        return false;
    }

    private void diverged(TurnMatch turn) {
        context.missed("client turn " + turn.turnNumber() + " on the conversation with " + context.client(),
                "it differs from the recorded turn at byte " + turn.divergedAt() + ": " + differenceAt(turn));
        closing = true;
    }

    /** Both values from the byte where they part. */
    private String differenceAt(TurnMatch turn) {
        int at = turn.divergedAt();
        byte[] recorded = turn.recorded();
        return "sent " + Preview.of(sent, at, Math.max(0, count - at)) + ", recorded "
                + Preview.of(recorded, Math.min(at, recorded.length), Math.max(0, recorded.length - at));
    }

    /** The next recorded client turn, or null when the recording has no more. */
    private Message nextClientTurn() {
        while (next < turns.size() && turns.get(next).from() != Message.Side.CLIENT) {
            next++;
        }
        return next < turns.size() ? turns.get(next) : null;
    }

    /** Sends the server's turns from {@link #next} up to the client's next one; the server's end closes. */
    private void release() throws IOException {
        while (next < turns.size() && turns.get(next).from() == Message.Side.SERVER) {
            Message turn = turns.get(next++);
            if (turn.kind() == Message.Kind.END) {
                closing = true;
                return;
            }
            context.send(Answer.of(Payloads.of(turn, context.bodies())));
        }
    }

    private void take(int n) {
        System.arraycopy(sent, n, sent, 0, count - n);
        count -= n;
    }

    @Override
    public boolean idle() {
        return count == 0;
    }

    @Override
    public boolean closing() {
        return closing;
    }

    @Override
    public String tunnel() {
        return null;
    }

    @Override
    public void fail(String explanation) {
        context.fail(explanation);
        closing = true;
    }
}
