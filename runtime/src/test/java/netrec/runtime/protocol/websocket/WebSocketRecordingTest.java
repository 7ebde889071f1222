package netrec.runtime.protocol.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.cassette.yaml.CassetteReader;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.protocol.http1.Http1;
import netrec.runtime.record.RecordedConnection;
import netrec.runtime.record.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSocketRecordingTest {
    @TempDir
    Path cassette;

    @Test
    void aClientMessageQueuedAfterTheServersCloseIsRecordedBeforeIt() {
        Recorder recorder = new Recorder(AgentOptions.parse("record,cassette=" + cassette, Map.of()),
                List.of(new Http1(), new WebSocket()));
        RecordedConnection connection = new RecordedConnection("h", 80, "127.0.0.1", false);
        recorder.sent(connection, bytes("GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"), 0);
        recorder.received(connection, bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"));
        recorder.sent(connection, fromClient(FrameReader.TEXT, bytes("hello")), 0);
        recorder.received(connection, FrameWriter.frame(FrameReader.TEXT, bytes("echo: hello")));
        // the reader thread queued the server's close before the writer thread queued the "bye" that caused it
        recorder.received(connection, FrameWriter.frame(FrameReader.CLOSE,
                FrameWriter.closePayload(1000, bytes("see you"))));
        recorder.sent(connection, fromClient(FrameReader.TEXT, bytes("bye")), 0);
        recorder.sent(connection, fromClient(FrameReader.CLOSE, FrameWriter.closePayload(1000, new byte[0])), 0);
        recorder.closed(connection);
        recorder.stop();

        List<String> messages = new ArrayList<>();
        for (Message message : onlyInteraction().response().messages()) {
            messages.add(message.from().label() + " " + message.kind().label() + " " + message.text());
        }
        assertEquals(List.of("client text hello", "server text echo: hello", "client text bye",
                "server close see you", "client close "), messages);
    }

    private Interaction onlyInteraction() {
        List<Interaction> interactions = new CassetteReader(w -> {
            throw new AssertionError(w);
        }).load(cassette).interactions();
        assertEquals(1, interactions.size(), interactions.toString());
        return interactions.get(0);
    }

    /** A client's frame: masked, with a key of zeros (the payload unchanged). */
    private static byte[] fromClient(int opcode, byte[] payload) {
        byte[] unmasked = FrameWriter.frame(opcode, payload);
        byte[] masked = new byte[unmasked.length + 4];
        masked[0] = unmasked[0];
        masked[1] = (byte) (unmasked[1] | 0x80);
        System.arraycopy(unmasked, 2, masked, 6, unmasked.length - 2);
        return masked;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
