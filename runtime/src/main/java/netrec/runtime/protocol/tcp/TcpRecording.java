package netrec.runtime.protocol.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.BodyStore;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.cassette.RecordedResponse;
import netrec.runtime.protocol.ConversationRecording;
import netrec.runtime.protocol.RecordingContext;

/**
 * Records a raw TCP conversation as its turns: each turn is everything one side sent before the other spoke, however
 * it was cut into writes and reads. The server's end of its stream is a turn of its own. The conversation is one
 * interaction, written when the connection closes.
 */
final class TcpRecording implements ConversationRecording {
    private final RecordingContext context;
    private final Instant startedAt = Instant.now();
    private final long startedNanos;
    private final List<Message> turns = new ArrayList<>();
    private Message.Side speaking;
    private long turnAt;
    /** Where the client's turn being taken came among the recording's (0 while the server speaks). */
    private long turnOrder;
    /** The turn so far while it is small; null once it went to {@link #spilled}. */
    private ByteArrayOutputStream turn;
    private BodyStore.BodyWriter spilled;
    private boolean written;

    TcpRecording(RecordingContext context) {
        this.context = context;
        this.startedNanos = context.movedAt();
    }

    @Override
    public void sent(byte[] bytes) throws IOException {
        add(Message.Side.CLIENT, bytes);
    }

    @Override
    public void received(byte[] bytes) throws IOException {
        add(Message.Side.SERVER, bytes);
    }

    @Override
    public void receivedEnd() throws IOException {
        endTurn();
        if (!written) {
            turns.add(Message.of(Message.Side.SERVER, millis(), Message.Kind.END, new byte[0]));
        }
    }

    @Override
    public void closed() throws IOException {
        endTurn();
        if (written || turns.isEmpty()) {
            return;
        }
        written = true;
        context.completed(new Interaction(startedAt, context.server(), Interaction.TCP,
                Interaction.tcpRequest(context.host(), context.port()), RecordedResponse.conversation(turns), ""));
    }

    private void add(Message.Side side, byte[] bytes) throws IOException {
        if (written || bytes.length == 0) {
            return;
        }
        if (side != speaking) {
            endTurn();
            speaking = side;
            turnAt = millis();
            turnOrder = side == Message.Side.CLIENT ? context.clientTurnBegan() : 0;
            turn = new ByteArrayOutputStream();
        }
        if (turn != null && turn.size() + bytes.length > Message.INLINE_LIMIT) {
            spilled = context.newBody();
            spilled.write(turn.toByteArray(), 0, turn.size());
            turn = null;
        }
        if (turn != null) {
            turn.write(bytes, 0, bytes.length);
        } else {
            spilled.write(bytes, 0, bytes.length);
        }
    }

    /**
     * The side speaking stopped: its turn is kept, in the YAML when small, else in a body file; a client turn with
     * where it came among the recording's.
     */
    private void endTurn() throws IOException {
        Message ended = null;
        if (turn != null) {
            ended = Message.of(speaking, turnAt, Message.Kind.DATA, turn.toByteArray());
        } else if (spilled != null) {
            ended = Message.stored(speaking, turnAt, Message.Kind.DATA, spilled.finish());
        }
        if (ended != null) {
            turns.add(ended.withOrder(turnOrder));
        }
        turn = null;
        spilled = null;
        speaking = null;
    }

    private long millis() {
        return Math.max(0, (context.movedAt() - startedNanos) / 1_000_000L);
    }
}
