package netrec.runtime.protocol.tcp;

import java.io.IOException;
import java.util.List;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.cassette.match.MysqlLogin;
import netrec.runtime.base.Log;
import netrec.runtime.exchange.Turns;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.Conversations;
import netrec.runtime.protocol.JoinedServer;
import netrec.runtime.protocol.MissRecorder;

/**
 * Raw TCP's codec in replay: a conversation's turns are its bytes as they are, so this only picks the conversation
 * and hands the bytes to {@link Turns}. The conversation is the first recorded with this server, not yet used, whose
 * first client turn the client's first bytes match (once all are used, the last that matches answers again); for a
 * server that speaks first, the first one not yet used. The server's end of the stream closes the connection. In
 * update mode, a conversation that parts from every recorded one goes on with the real server ({@link TcpFetch}).
 */
final class TcpAnswering implements ConnectionAnswering, Turns.Speaker {
    private final ClientConnection connection;
    private final Conversations conversations;
    private final Turns turns;
    /** In update mode, the real server this conversation went on with once it parted from the cassette; or null. */
    private volatile JoinedServer fetch;
    /**
     * In update mode, the real MySQL or MariaDB server's greeting, sent to the client in place of the recorded one,
     * and the connection it came on, kept for the conversation to go on there; null otherwise, and once used.
     */
    private volatile TcpFetch.Greeting greeted;

    private TcpAnswering(ClientConnection connection, CassetteAnswers answers) {
        this.connection = connection;
        this.conversations = answers.conversations(connection);
        this.turns = new Turns(connection, answers,
                answers.turns("TCP", Interaction.tcpRequest(connection.host(), connection.port()).uri()), this);
    }

    /** Answers a connection whose client speaks first. */
    static TcpAnswering clientFirst(ClientConnection connection, CassetteAnswers answers) {
        return new TcpAnswering(connection, answers);
    }

    /**
     * Answers a connection to a server that spoke first when recorded: its first conversation not yet used begins
     * now, with the server's turn (once all are used, the last one again: a pool may open more connections than it
     * did when recorded); null when the cassette has none such.
     */
    static TcpAnswering serverFirst(ClientConnection connection, CassetteAnswers answers) throws IOException {
        TcpAnswering answering = new TcpAnswering(connection, answers);
        Interaction chosen = null;
        boolean taken = false;
        for (Interaction conversation : answering.conversations.unused()) {
            if (serverSpokeFirst(conversation)) {
                answering.greetLiveIfNeeded(conversation, answers, connection); // before the greeting goes out
                if (answering.turns.takeUnused(answering.conversations, conversation)) {
                    chosen = conversation; // not one another connection opening at the same moment took
                    taken = true;
                    break;
                }
            }
        }
        if (chosen == null) {
            for (Interaction conversation : answering.conversations.all()) {
                if (serverSpokeFirst(conversation)) {
                    chosen = conversation;
                }
            }
        }
        if (chosen == null) {
            return null;
        }
        if (!taken) {
            answering.greetLiveIfNeeded(chosen, answers, connection);
            answering.turns.take(answering.conversations, chosen);
        }
        return answering;
    }

    /**
     * In update mode, a MySQL server's greeting comes from the live server (the client's login answers its
     * scramble): netrec connects there once, before the conversation's greeting would go out.
     */
    private void greetLiveIfNeeded(Interaction conversation, CassetteAnswers answers, ClientConnection connection) {
        Message greeting = conversation.response().messages().get(0);
        if (greeted == null && answers.conversationFetches() != null && !greeting.isStored()
                && MysqlLogin.isGreeting(greeting.bytes())) {
            greeted = TcpFetch.Greeting.of(connection);
        }
    }

    private static boolean serverSpokeFirst(Interaction conversation) {
        return conversation.response().messages().get(0).from() == Message.Side.SERVER;
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) throws IOException {
        JoinedServer live = fetch;
        if (live != null) {
            live.send(bytes, offset, length);
            return;
        }
        turns.clientBytes(bytes, offset, length, "the conversation with " + connection);
        if (turns.messages() == null && !turns.closing()) {
            turns.chooseByFirstTurn(conversations, connection.toString());
        }
    }

    @Override
    public boolean awaits(List<Message> messages, int index) {
        return true;
    }

    @Override
    public Turns.Sent send(List<Message> messages, int index, byte[] payload, long notBeforeNanos)
            throws IOException {
        if (messages.get(index).kind() == Message.Kind.END) {
            return Turns.Sent.END;
        }
        TcpFetch.Greeting live = greeted;
        connection.send(Answer.at(index == 0 && live != null ? live.bytes : payload, notBeforeNanos));
        return Turns.Sent.SENT;
    }

    @Override
    public boolean goOnWithServer(MissRecorder fetches, boolean serverFirst, List<byte[]> sent, byte[] turn)
            throws IOException {
        TcpFetch.Greeting live = greeted;
        greeted = null; // the conversation goes on on its connection, or it is closed
        fetch = TcpFetch.begin(connection, fetches, live, serverFirst, sent, turn);
        return true;
    }

    @Override
    public boolean stalled() {
        return fetch == null && turns.stalled(connection.toString());
    }

    @Override
    public boolean idle() {
        return fetch != null || turns.idle();
    }

    @Override
    public boolean closing() {
        JoinedServer live = fetch;
        return live != null ? live.ended() : turns.closing();
    }

    @Override
    public void clientClosed() {
        JoinedServer live = fetch;
        if (live != null) {
            live.clientClosed();
        }
        TcpFetch.Greeting unused = greeted;
        if (unused != null) {
            try {
                unused.close(); // the conversation replayed whole: the server's connection is not needed
            } catch (IOException e) {
                Log.debug("update: closing netrec's connection to " + connection + ": " + e);
            }
        }
    }
}
