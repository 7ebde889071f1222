package netrec.runtime.protocol.websocket;

/**
 * Writes WebSocket frames, one unfragmented frame per message (RFC 6455, 5.2): unmasked as replay sends them as the
 * server, masked as update mode sends the client's messages to the real server.
 */
final class FrameWriter {
    private FrameWriter() {
    }

    /** A client's frame: masked with a key of its own, as a server requires. */
    static byte[] masked(int opcode, byte[] payload) {
        byte[] unmasked = frame(opcode, payload);
        int header = unmasked.length - payload.length;
        byte[] frame = new byte[unmasked.length + 4];
        System.arraycopy(unmasked, 0, frame, 0, header);
        frame[1] |= (byte) 0x80;
        byte[] key = new byte[4];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(key);
        System.arraycopy(key, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ key[i & 3]);
        }
        return frame;
    }

    static byte[] frame(int opcode, byte[] payload) {
        int header = payload.length < 126 ? 2 : payload.length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        if (header == 2) {
            frame[1] = (byte) payload.length;
        } else if (header == 4) {
            frame[1] = 126;
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        } else {
            frame[1] = 127;
            long length = payload.length;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, payload.length);
        return frame;
    }

    /** A close frame's payload: the code, then the reason; empty when there is no code. */
    static byte[] closePayload(int code, byte[] reason) {
        if (code < 0) {
            return new byte[0];
        }
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return payload;
    }
}
