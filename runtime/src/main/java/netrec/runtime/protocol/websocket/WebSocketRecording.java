package netrec.runtime.protocol.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Interleaving;
import netrec.cassette.Message;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.ConversationRecording;
import netrec.runtime.protocol.RecordingContext;
import netrec.runtime.protocol.RequestUri;
import netrec.runtime.protocol.UpgradedRequest;

/**
 * Records one WebSocket: the handshake, then every message both ways in the order the application moved them, with
 * the milliseconds since the handshake. Messages compressed with permessage-deflate are recorded inflated, as the
 * application sent and read them. The whole conversation is one interaction, written when the connection closes
 * or its server ends the stream, not at the close frames: a message the client sent just before its close may be
 * queued after the server's close, by a thread that was overtaken by the one that read it.
 */
final class WebSocketRecording implements ConversationRecording {
    private final RecordingContext context;
    private final UpgradedRequest handshake;
    private final Instant openedAt = Instant.now();
    private final long openedNanos;
    private final List<Message> messages = new ArrayList<>();
    private final FrameReader client;
    private final FrameReader server;
    private final MessageInflater clientInflater;
    private final MessageInflater serverInflater;
    private boolean written;

    WebSocketRecording(RecordingContext context, UpgradedRequest handshake) {
        this.context = context;
        this.openedNanos = context.movedAt();
        this.handshake = handshake;
        String deflate = Handshake.deflate(handshake.switchHeaders());
        this.clientInflater = deflate == null ? null
                : new MessageInflater(Handshake.hasParameter(deflate, "client_no_context_takeover"));
        this.serverInflater = deflate == null ? null
                : new MessageInflater(Handshake.hasParameter(deflate, "server_no_context_takeover"));
        this.client = new FrameReader(new Side(Message.Side.CLIENT, clientInflater));
        this.server = new FrameReader(new Side(Message.Side.SERVER, serverInflater));
    }

    @Override
    public void sent(byte[] bytes) throws IOException {
        client.feed(bytes, 0, bytes.length);
    }

    @Override
    public void received(byte[] bytes) throws IOException {
        server.feed(bytes, 0, bytes.length);
    }

    @Override
    public void receivedEnd() throws IOException {
        write();
    }

    @Override
    public void closed() throws IOException {
        write();
    }

    /** The conversation so far, as one interaction; once. */
    private void write() throws IOException {
        if (written) {
            return;
        }
        written = true;
        if (clientInflater != null) {
            clientInflater.end();
            serverInflater.end();
        }
        String uri = context.uriToRecord(RequestUri.of(context.tls(), context.host(), context.port(),
                handshake.target()), openedAt);
        RecordedRequest request = new RecordedRequest(handshake.method(), uri, context.redact(handshake.headers()),
                handshake.body());
        RecordedResponse response = new RecordedResponse(101, handshake.switchReason(),
                context.redact(handshake.switchHeaders()), Body.empty(), false, Headers.none(),
                Interleaving.none(), messages);
        context.completed(new Interaction(Instant.now(), context.server(), WebSocket.NAME, request, response, ""));
    }

    /** One direction's frames, becoming messages. */
    private final class Side implements FrameReader.Listener {
        private final Message.Side from;
        private final MessageInflater inflater;

        Side(Message.Side from, MessageInflater inflater) {
            this.from = from;
            this.inflater = inflater;
        }

        @Override
        public void message(int opcode, boolean compressed, byte[] payload) throws IOException {
            if (written) {
                return;
            }
            long at = Math.max(0, (context.movedAt() - openedNanos) / 1_000_000L);
            byte[] bytes = compressed && inflater != null ? inflater.inflate(payload) : payload;
            switch (opcode) {
                case FrameReader.CLOSE:
                    int code = bytes.length >= 2 ? ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF) : -1;
                    String reason = bytes.length > 2
                            ? new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_8) : "";
                    messages.add(Message.close(from, at, code, reason));
                    return;
                case FrameReader.PING:
                    messages.add(Message.of(from, at, Message.Kind.PING, bytes));
                    return;
                case FrameReader.PONG:
                    messages.add(Message.of(from, at, Message.Kind.PONG, bytes));
                    return;
                default:
                    Message data = message(at, opcode == FrameReader.TEXT ? Message.Kind.TEXT
                            : Message.Kind.BINARY, bytes);
                    int serverClose = from == Message.Side.CLIENT ? serverCloseAwaitingTheClients() : -1;
                    if (serverClose >= 0) {
                        // sent before the client read the server's close, which overtook it into the recording
                        messages.add(serverClose, data);
                    } else {
                        messages.add(data);
                    }
            }
        }

        /**
         * Where the server's close frame is while the client has not sent its own, or -1. A client sends no data once
         * it has read the server's close, so its data recorded after that close crossed it on the wire.
         */
        private int serverCloseAwaitingTheClients() {
            int serverClose = -1;
            for (int i = 0; i < messages.size(); i++) {
                Message message = messages.get(i);
                if (message.kind() == Message.Kind.CLOSE) {
                    if (message.from() == Message.Side.CLIENT) {
                        return -1;
                    }
                    serverClose = serverClose < 0 ? i : serverClose;
                }
            }
            return serverClose;
        }

        /** A data message: in the YAML when small, else in a body file. */
        private Message message(long at, Message.Kind kind, byte[] bytes) throws IOException {
            if (bytes.length <= Message.INLINE_LIMIT) {
                return Message.of(from, at, kind, bytes);
            }
            BodyStore.BodyWriter body = context.newBody();
            body.write(bytes, 0, bytes.length);
            return Message.stored(from, at, kind, body.finish());
        }

        @Override
        public void notWebSocket(String why) {
            Log.debug("websocket with " + context.host() + ":" + context.port() + " stopped being followed: " + why);
            context.notRecorded("its WebSocket " + from.label() + " frames could not be read after message "
                    + messages.size() + " (" + why + ")");
        }
    }
}
