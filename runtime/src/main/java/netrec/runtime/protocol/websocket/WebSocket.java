package netrec.runtime.protocol.websocket;

import java.io.IOException;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedResponse;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.ConversationRecording;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.protocol.RecordingContext;
import netrec.runtime.protocol.UpgradedRequest;

/**
 * WebSocket (RFC 6455): an HTTP/1.1 connection that switched with {@code Upgrade: websocket}. The handshake and the
 * messages after it are one interaction. A WebSocket only ever begins as such an upgrade, so no connection's first
 * bytes are this protocol's.
 */
public final class WebSocket implements Protocol {
    /** As an interaction names it. */
    static final String NAME = Interaction.WEBSOCKET;
    /** The {@code Upgrade} token, lowercase. */
    public static final String TOKEN = "websocket";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Interaction.Shape shape() {
        return Interaction.Shape.EXCHANGE_WITH_MESSAGES;
    }

    @Override
    public boolean recognizes(byte[] bytes, int offset, int length) {
        return false;
    }

    @Override
    public ConversationRecording record(RecordingContext context) {
        throw new IllegalStateException("a WebSocket begins as an HTTP/1.1 upgrade, never on its own");
    }

    @Override
    public ConnectionAnswering answer(ClientConnection connection, CassetteAnswers answers) {
        throw new IllegalStateException("a WebSocket begins as an HTTP/1.1 upgrade, never on its own");
    }

    @Override
    public ConversationRecording recordUpgrade(String token, RecordingContext context, UpgradedRequest request) {
        return TOKEN.equals(token) ? new WebSocketRecording(context, request) : null;
    }

    @Override
    public ConnectionAnswering answerUpgrade(String token, ClientConnection connection, CassetteAnswers answers,
            UpgradedRequest request, String uri, RecordedResponse response) throws IOException {
        return TOKEN.equals(token) ? new WebSocketAnswering(connection, answers, request, uri, response) : null;
    }
}
