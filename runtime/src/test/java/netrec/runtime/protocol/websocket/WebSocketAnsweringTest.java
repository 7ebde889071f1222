package netrec.runtime.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.Interleaving;
import netrec.cassette.MatchRules;
import netrec.cassette.Message;
import netrec.cassette.RecordedResponse;
import netrec.runtime.protocol.ScriptedReplay;
import netrec.runtime.protocol.UpgradedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames are read in any cut, masked or not, fragmented with control frames between; permessage-deflate is undone;
 * and replay answers the handshake from the client's key and the messages by turns.
 */
class WebSocketAnsweringTest {
    private static final Message.Side CLIENT = Message.Side.CLIENT;
    private static final Message.Side SERVER = Message.Side.SERVER;

    @TempDir
    Path bodies;

    @Test
    void theAcceptValueIsComputedFromTheClientsKeyAsRfc6455Says() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.accept("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void maskedFragmentedMessagesWithAPingBetweenAreReadWholeWhateverTheCuts() throws IOException {
        List<String> read = new ArrayList<>();
        FrameReader reader = new FrameReader(new FrameReader.Listener() {
            @Override
            public void message(int opcode, boolean compressed, byte[] payload) {
                read.add(opcode + ":" + new String(payload, StandardCharsets.UTF_8));
            }

            @Override
            public void notWebSocket(String why) {
                read.add("not: " + why);
            }
        });
        byte[] big = "x".repeat(70_000).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(frame(false, FrameReader.TEXT, "hel".getBytes(StandardCharsets.UTF_8), true));
        stream.writeBytes(frame(true, FrameReader.PING, "p".getBytes(StandardCharsets.UTF_8), true));
        stream.writeBytes(frame(true, FrameReader.CONTINUATION, "lo".getBytes(StandardCharsets.UTF_8), true));
        stream.writeBytes(frame(true, FrameReader.BINARY, big, false));
        stream.writeBytes(frame(true, FrameReader.TEXT, "z".repeat(300).getBytes(StandardCharsets.UTF_8), true));
        byte[] all = stream.toByteArray();
        for (int i = 0; i < all.length; i += 7) {
            reader.feed(all, i, Math.min(7, all.length - i));
        }
        assertEquals(List.of("9:p", "1:hello", "2:" + "x".repeat(70_000), "1:" + "z".repeat(300)), read);
    }

    @Test
    void deflatedMessagesAreInflatedWithTheWindowCarriedFromOneToTheNext() throws IOException {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        MessageInflater inflater = new MessageInflater(false);
        for (String text : List.of("hello hello hello", "hello again, hello")) {
            assertEquals(text, new String(inflater.inflate(deflated(deflater, text)), StandardCharsets.UTF_8));
        }
    }

    @Test
    void replayAnswersTheHandshakeWithoutExtensionsThenEachTurnAndPongsEveryPing() throws IOException {
        ScriptedReplay context = new ScriptedReplay(List.of(), MatchRules.none(), bodies);
        RecordedResponse recorded = new RecordedResponse(101, "Switching Protocols", Headers.of(List.of(
                new Headers.Field("Upgrade", "websocket"), new Headers.Field("Sec-WebSocket-Accept", "recorded="),
                new Headers.Field("Sec-WebSocket-Protocol", "chat.v1"),
                new Headers.Field("Sec-WebSocket-Extensions", "permessage-deflate"))), Body.empty(), false,
                Headers.none(), Interleaving.none(), List.of(
                        text(SERVER, "welcome"), text(CLIENT, "hello"), text(SERVER, "echo: hello"),
                        Message.of(CLIENT, 0, Message.Kind.PING, new byte[0]),
                        Message.of(SERVER, 0, Message.Kind.PONG, new byte[0]),
                        text(CLIENT, "bye"), Message.close(SERVER, 0, 1000, "see you")));
        UpgradedRequest handshake = new UpgradedRequest("GET", "/chat", Headers.of(List.of(
                new Headers.Field("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="))), Body.empty(), "",
                Headers.none());

        WebSocketAnswering answering = new WebSocketAnswering(context, context, handshake, "http://localhost/chat", recorded);

        String opening = new String(context.takeSent(), StandardCharsets.ISO_8859_1);
        assertTrue(opening.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), opening);
        assertTrue(opening.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), opening);
        assertTrue(opening.contains("Sec-WebSocket-Protocol: chat.v1\r\n"), opening);
        assertTrue(!opening.contains("Extensions"), opening);
        assertTrue(opening.endsWith("\r\n\r\n" + new String(FrameWriter.frame(FrameReader.TEXT,
                "welcome".getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1)), "the push: " + opening);

        send(answering, frame(true, FrameReader.PING, "?".getBytes(StandardCharsets.UTF_8), true));
        assertEquals(new String(FrameWriter.frame(FrameReader.PONG, "?".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.ISO_8859_1), new String(context.takeSent(), StandardCharsets.ISO_8859_1));
        send(answering, frame(true, FrameReader.TEXT, "hello".getBytes(StandardCharsets.UTF_8), true));
        assertEquals(new String(FrameWriter.frame(FrameReader.TEXT, "echo: hello".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.ISO_8859_1), new String(context.takeSent(), StandardCharsets.ISO_8859_1));
        send(answering, frame(true, FrameReader.TEXT, "bye".getBytes(StandardCharsets.UTF_8), true));
        assertEquals(new String(FrameWriter.frame(FrameReader.CLOSE, FrameWriter.closePayload(1000,
                "see you".getBytes(StandardCharsets.UTF_8))), StandardCharsets.ISO_8859_1),
                new String(context.takeSent(), StandardCharsets.ISO_8859_1), "the recorded client ping is not waited for");
        assertEquals(List.of(), context.misses);
    }

    @Test
    void aClientMessageRecordedAfterTheServersCloseIsAwaitedBeforeTheCloseGoesOut() throws IOException {
        ScriptedReplay context = new ScriptedReplay(List.of(), MatchRules.none(), bodies);
        RecordedResponse recorded = new RecordedResponse(101, "", Headers.none(), Body.empty(), false,
                Headers.none(), Interleaving.none(), List.of(text(CLIENT, "hello"), text(SERVER, "hi"),
                        Message.close(SERVER, 0, 1000, "see you"), Message.close(CLIENT, 0, 1000, ""),
                        text(CLIENT, "bye")));
        WebSocketAnswering answering = new WebSocketAnswering(context, context, new UpgradedRequest("GET", "/", Headers.none(),
                Body.empty(), "", Headers.none()), "http://localhost/", recorded);
        context.takeSent();

        send(answering, frame(true, FrameReader.TEXT, "hello".getBytes(StandardCharsets.UTF_8), true));
        assertEquals(new String(FrameWriter.frame(FrameReader.TEXT, "hi".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.ISO_8859_1), new String(context.takeSent(), StandardCharsets.ISO_8859_1),
                "the close waits for bye, which the client sent before it");
        send(answering, frame(true, FrameReader.TEXT, "bye".getBytes(StandardCharsets.UTF_8), true));
        byte[] close = FrameWriter.frame(FrameReader.CLOSE, FrameWriter.closePayload(1000,
                "see you".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new String(close, StandardCharsets.ISO_8859_1),
                new String(context.takeSent(), StandardCharsets.ISO_8859_1));
        send(answering, frame(true, FrameReader.CLOSE, new byte[] {0x03, (byte) 0xE8}, true));
        assertEquals(0, context.takeSent().length, "one close each way");
        assertTrue(answering.closing());
        assertEquals(List.of(), context.misses);
    }

    @Test
    void aMessageThatDiffersIsAMiss() throws IOException {
        ScriptedReplay context = new ScriptedReplay(List.of(), MatchRules.none(), bodies);
        RecordedResponse recorded = new RecordedResponse(101, "", Headers.none(), Body.empty(), false,
                Headers.none(), Interleaving.none(), List.of(text(CLIENT, "hello"), text(SERVER, "hi")));
        WebSocketAnswering answering = new WebSocketAnswering(context, context, new UpgradedRequest("GET", "/", Headers.none(),
                Body.empty(), "", Headers.none()), "http://localhost/", recorded);
        context.takeSent();

        send(answering, frame(true, FrameReader.BINARY, "hello".getBytes(StandardCharsets.UTF_8), true));

        assertEquals(List.of("WebSocket message 1 (binary, 5 bytes) on GET http://localhost/: it is binary, and the "
                + "recorded message 1 is text"), context.misses);
        assertEquals(0, context.takeSent().length);
        assertTrue(answering.closing());
    }

    private static Message text(Message.Side from, String text) {
        return Message.of(from, 0, Message.Kind.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(WebSocketAnswering answering, byte[] frame) throws IOException {
        answering.feed(frame, 0, frame.length);
    }

    /** One frame as a client (masked) or a server (not) sends it. */
    private static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
        byte[] unmasked = FrameWriter.frame(opcode, payload);
        int header = unmasked.length - payload.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        out.write((masked ? 0x80 : 0) | (unmasked[1] & 0x7F));
        out.write(unmasked, 2, header - 2);
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        if (masked) {
            out.writeBytes(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(masked ? payload[i] ^ mask[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }

    /** {@code text} as permessage-deflate sends it: a sync flush, its empty block's tail cut off. */
    private static byte[] deflated(Deflater deflater, String text) {
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[1024];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        byte[] compressed = new byte[n - 4];
        System.arraycopy(buffer, 0, compressed, 0, n - 4);
        return compressed;
    }
}
