package netrec.runtime.protocol.h2;

import netrec.cassette.Interaction;
import netrec.runtime.exchange.HttpExchanges;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.ConversationRecording;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.protocol.RecordingContext;
import netrec.runtime.protocol.UpgradedRequest;

/**
 * HTTP/2: a connection whose client starts with HTTP/2's preface, whether TLS's ALPN chose {@code h2} or the client
 * knew beforehand that the server speaks it in plain text (h2c with prior knowledge, as gRPC does), or after an
 * HTTP/1.1 {@code Upgrade: h2c} (recorded; replay declines the upgrade, and answers in HTTP/1.1). Each stream is one
 * interaction. Update mode fetches what the cassette lacks over HTTP/2 too.
 */
public final class Http2 implements Protocol {
    /** As an interaction names it. */
    static final String NAME = Interaction.HTTP_2;

    @Override
    public String name() {
        return NAME;
    }

    /** The bytes start the preface (a first write may hold only part of it). */
    @Override
    public Interaction.Shape shape() {
        return Interaction.Shape.EXCHANGE;
    }

    @Override
    public boolean recognizes(byte[] bytes, int offset, int length) {
        int compared = Math.min(length, FrameReader.PREFACE.length);
        for (int i = 0; i < compared; i++) {
            if (bytes[offset + i] != FrameReader.PREFACE[i]) {
                return false;
            }
        }
        return compared > 0;
    }

    @Override
    public ConversationRecording record(RecordingContext context) {
        return new Http2Recording(context);
    }

    /** {@code Upgrade: h2c}: the server's HTTP/2 answers the upgrade's request on stream 1. */
    @Override
    public ConversationRecording recordUpgrade(String token, RecordingContext context, UpgradedRequest request) {
        return "h2c".equals(token) ? new Http2Recording(context, request) : null;
    }

    @Override
    public ConnectionAnswering answer(ClientConnection connection, CassetteAnswers answers) {
        return new Http2Answering(connection, new HttpExchanges(connection, answers, new Http2Fetch()));
    }
}
