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

    @Override
    public Interaction.Shape shape() {
        return Interaction.Shape.EXCHANGE;
    }

    /**
     * A request line starts with a method, a token of capitals (or {@code -} and {@code _}), then a space; when the
     * first write holds the whole line, it must be a request line to the end ({@code HTTP/1.x}), so that a line
     * protocol's {@code SET key value} or {@code EHLO host} is not taken for HTTP. A first write that stops inside the
     * method is taken as one; one that stops inside the line is too, and recording and replay fall back to the next
     * protocol if the line's end shows otherwise.
     */
    @Override
    public boolean recognizes(byte[] bytes, int offset, int length) {
        int scanned = Math.min(length, LONGEST_METHOD + 1);
        for (int i = 0; i < scanned; i++) {
            byte b = bytes[offset + i];
            if (b == ' ') {
                return i > 0 && restIsRequestLine(bytes, offset, length);
            }
            if ((b < 'A' || b > 'Z') && b != '-' && b != '_') {
                return false;
            }
        }
        return length > 0 && length <= LONGEST_METHOD;
    }

    private static boolean restIsRequestLine(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                return HttpHead.isRequestLine(bytes, offset, i);
            }
        }
        return true;
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
