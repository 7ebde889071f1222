package netrec.runtime.protocol.http1;

import netrec.cassette.Interaction;
import netrec.runtime.exchange.HttpExchanges;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.ConversationRecording;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.protocol.RecordingContext;

/**
 * HTTP/1.1, with its CONNECT tunnels: a connection whose client starts with a request line. Requests and responses
 * pair in order, pipelined or not; bodies are framed by {@code Content-Length}, chunking, or the connection's end.
 */
public final class Http1 implements Protocol {
    /** Longer than any method in use ({@code VERSION-CONTROL}, {@code BASELINE-CONTROL}: 16). */
    private static final int LONGEST_METHOD = 24;

    /** As an interaction names it. */
    static final String NAME = Interaction.HTTP_1_1;

    @Override
    public String name() {
        return NAME;
    }

    /**
     * A request line starts with a method, a token of capitals (or {@code -} and {@code _}), then a space. A first
     * write that stops inside the method is taken as one.
     */
    @Override
    public Interaction.Shape shape() {
        return Interaction.Shape.EXCHANGE;
    }

    @Override
    public boolean recognizes(byte[] bytes, int offset, int length) {
        int scanned = Math.min(length, LONGEST_METHOD + 1);
        for (int i = 0; i < scanned; i++) {
            byte b = bytes[offset + i];
            if (b == ' ') {
                return i > 0;
            }
            if ((b < 'A' || b > 'Z') && b != '-' && b != '_') {
                return false;
            }
        }
        return length > 0 && length <= LONGEST_METHOD;
    }

    @Override
    public ConversationRecording record(RecordingContext context) {
        return new Http1Recording(context);
    }

    @Override
    public ConnectionAnswering answer(ClientConnection connection, CassetteAnswers answers) {
        return new Http1Answering(connection, new HttpExchanges(connection, answers, new Http1Fetch()));
    }
}
