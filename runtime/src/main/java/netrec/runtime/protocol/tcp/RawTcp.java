package netrec.runtime.protocol.tcp;

import java.io.IOException;
import netrec.cassette.Interaction;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.ConversationRecording;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.protocol.RecordingContext;

/**
 * A TCP conversation in no protocol netrec knows (a database, a cache, a message broker), kept as its turns. It is
 * tried last, and takes every connection but one whose bytes are TLS records: TLS that netrec does not see inside
 * (an engine outside the JDK's) is ciphertext, which no replay could answer, and stays unrecorded.
 */
public final class RawTcp implements Protocol {
    @Override
    public String name() {
        return Interaction.TCP;
    }

    @Override
    public Interaction.Shape shape() {
        return Interaction.Shape.CONVERSATION;
    }

    @Override
    public boolean recognizes(byte[] bytes, int offset, int length) {
        return length > 0 && !isTlsRecord(bytes, offset, length);
    }

    /** True when the bytes start a TLS record (RFC 8446, 5.1): a content type of 20 to 23, then version 3.x. */
    public static boolean isTlsRecord(byte[] bytes, int offset, int length) {
        return length >= 2 && bytes[offset] >= 0x14 && bytes[offset] <= 0x17 && bytes[offset + 1] == 0x03;
    }

    @Override
    public boolean serverMaySpeakFirst() {
        return true;
    }

    @Override
    public ConversationRecording record(RecordingContext context) {
        return new TcpRecording(context);
    }

    @Override
    public ConnectionAnswering answer(ClientConnection connection, CassetteAnswers answers) {
        return TcpAnswering.clientFirst(connection, answers);
    }

    @Override
    public ConnectionAnswering answerOpening(ClientConnection connection, CassetteAnswers answers)
            throws IOException {
        return TcpAnswering.serverFirst(connection, answers);
    }
}
