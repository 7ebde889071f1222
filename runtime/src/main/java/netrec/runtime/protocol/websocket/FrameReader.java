package netrec.runtime.protocol.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Reads WebSocket frames (RFC 6455, section 5) from bytes as they arrive in pieces of any size, unmasking the client's,
 * and puts fragmented messages back together: each whole message, and each control frame (which may come between
 * the fragments of a message), goes to the listener once.
 */
final class FrameReader {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** What the reader found. */
    interface Listener {
        /**
         * A whole message or a control frame: {@code compressed} when its first frame had RSV1 set
         * (permessage-deflate).
         */
        void message(int opcode, boolean compressed, byte[] payload) throws IOException;

        /** The bytes are not WebSocket frames. */
        void notWebSocket(String why);
    }

    /** Larger messages than this are refused: 64 MiB, well above what any WebSocket peer sends in one message. */
    static final int MESSAGE_LIMIT = 64 * 1024 * 1024;

    private final Listener listener;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private int messageOpcode = -1;
    private boolean messageCompressed;
    private boolean stopped;
    /** How many bytes the frame at the front needs, once its header is known: no parsing until they are in. */
    private long needed;

    FrameReader(Listener listener) {
        this.listener = listener;
    }

    /** The first {@code length} of {@code bytes}. */
    void feedAll(byte[] bytes, int length) throws IOException {
        feed(bytes, 0, length);
    }

    void feed(byte[] bytes, int offset, int length) throws IOException {
        if (stopped) {
            return;
        }
        pending.write(bytes, offset, length);
        if (pending.size() < needed) {
            return;
        }
        needed = 0;
        byte[] buffer = pending.toByteArray();
        int used = 0;
        while (!stopped) {
            int n = frame(buffer, used, buffer.length - used);
            if (n == 0) {
                break;
            }
            used += n;
        }
        pending.reset();
        if (!stopped) {
            pending.write(buffer, used, buffer.length - used);
        }
    }

    /** Reads one frame at {@code offset}; returns its length, or 0 when it has not all arrived yet. */
    private int frame(byte[] b, int offset, int available) throws IOException {
        if (available < 2) {
            return 0;
        }
        boolean fin = (b[offset] & 0x80) != 0;
        boolean rsv1 = (b[offset] & 0x40) != 0;
        int opcode = b[offset] & 0x0F;
        boolean masked = (b[offset + 1] & 0x80) != 0;
        long length = b[offset + 1] & 0x7F;
        int header = 2;
        if (length == 126) {
            if (available < 4) {
                return 0;
            }
            length = ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
            header = 4;
        } else if (length == 127) {
            if (available < 10) {
                return 0;
            }
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (b[offset + 2 + i] & 0xFF);
            }
            header = 10;
        }
        if (length < 0 || length > MESSAGE_LIMIT || message.size() + length > MESSAGE_LIMIT) {
            stop("a frame of " + length + " bytes, past netrec's limit of " + MESSAGE_LIMIT + " per message");
            return 0;
        }
        int maskAt = offset + header;
        if (masked) {
            header += 4;
        }
        if (available < header + length) {
            needed = header + length;
            return 0;
        }
        byte[] payload = new byte[(int) length];
        System.arraycopy(b, offset + header, payload, 0, payload.length);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= b[maskAt + (i & 3)];
            }
        }
        dispatch(fin, rsv1, opcode, payload);
        return header + (int) length;
    }

    private void dispatch(boolean fin, boolean rsv1, int opcode, byte[] payload) throws IOException {
        if (opcode >= 0x8) {
            if (opcode != CLOSE && opcode != PING && opcode != PONG) {
                stop("a control frame of the reserved opcode " + opcode);
                return;
            }
            listener.message(opcode, false, payload);
            return;
        }
        if (opcode == CONTINUATION) {
            if (messageOpcode < 0) {
                stop("a continuation frame with no message begun");
                return;
            }
        } else if (opcode == TEXT || opcode == BINARY) {
            if (messageOpcode >= 0) {
                stop("a new message before the last one ended");
                return;
            }
            messageOpcode = opcode;
            messageCompressed = rsv1;
        } else {
            stop("a data frame of the reserved opcode " + opcode);
            return;
        }
        message.write(payload, 0, payload.length);
        if (fin) {
            int done = messageOpcode;
            messageOpcode = -1;
            byte[] whole = message.toByteArray();
            message.reset();
            listener.message(done, messageCompressed, whole);
        }
    }

    private void stop(String why) {
        stopped = true;
        pending.reset();
        message.reset();
        listener.notWebSocket(why);
    }
}
