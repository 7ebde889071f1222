package netrec.runtime.protocol.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Undoes permessage-deflate (RFC 7692) for one direction of a connection, so that its messages are recorded as the
 * application sent them: each compressed message is raw DEFLATE with its final empty block's tail cut off; the
 * window carries over from message to message unless the side agreed to no context takeover.
 */
final class MessageInflater {
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    /** An inflated message larger than this (the frames' own limit) is not followed. */
    private static final int LIMIT = FrameReader.MESSAGE_LIMIT;

    private final boolean eachMessageAlone;
    private final Inflater inflater = new Inflater(true);

    MessageInflater(boolean eachMessageAlone) {
        this.eachMessageAlone = eachMessageAlone;
    }

    byte[] inflate(byte[] compressed) throws IOException {
        if (eachMessageAlone || inflater.finished()) {
            inflater.reset();
        }
        byte[] input = new byte[compressed.length + TAIL.length];
        System.arraycopy(compressed, 0, input, 0, compressed.length);
        System.arraycopy(TAIL, 0, input, compressed.length, TAIL.length);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 3 + 16);
        byte[] buffer = new byte[8192];
        try {
            while (!inflater.needsInput() && !inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsDictionary() || inflater.needsInput())) {
                    break;
                }
                out.write(buffer, 0, n);
                if (out.size() > LIMIT) {
                    throw new IOException("a permessage-deflate message inflates past netrec's limit of " + LIMIT
                            + " bytes");
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("a permessage-deflate message does not inflate: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    void end() {
        inflater.end();
    }
}
