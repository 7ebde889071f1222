package netrec.runtime.protocol.h2;

import java.io.ByteArrayOutputStream;

/** Frames replay sends a client, gathered in order until they are sent together. */
final class FrameWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    int size() {
        return out.size();
    }

    /** What was gathered since the last call, which starts a new batch. */
    byte[] take() {
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }

    void settings(int[] ids, long[] values) {
        header(ids.length * 6, Frame.SETTINGS, 0, 0);
        for (int i = 0; i < ids.length; i++) {
            out.write(ids[i] >>> 8);
            out.write(ids[i]);
            int32((int) values[i]);
        }
    }

    void settingsAck() {
        header(0, Frame.SETTINGS, Frame.ACK, 0);
    }

    void pingAck(byte[] payload) {
        header(payload.length, Frame.PING, Frame.ACK, 0);
        out.write(payload, 0, payload.length);
    }

    void windowUpdate(int stream, int increment) {
        header(4, Frame.WINDOW_UPDATE, 0, stream);
        int32(increment);
    }

    void reset(int stream, int errorCode) {
        header(4, Frame.RST_STREAM, 0, stream);
        int32(errorCode);
    }

    void goAway(int lastStream, int errorCode) {
        header(8, Frame.GOAWAY, 0, 0);
        int32(lastStream);
        int32(errorCode);
    }

    /** A header block, in one HEADERS frame and as many CONTINUATION frames as {@code maxFrame} asks for. */
    void headers(int stream, byte[] block, boolean endStream, int maxFrame) {
        int first = Math.min(block.length, maxFrame);
        int flags = (endStream ? Frame.END_STREAM : 0) | (first == block.length ? Frame.END_HEADERS : 0);
        header(first, Frame.HEADERS, flags, stream);
        out.write(block, 0, first);
        for (int at = first; at < block.length; at += maxFrame) {
            int n = Math.min(block.length - at, maxFrame);
            header(n, Frame.CONTINUATION, at + n == block.length ? Frame.END_HEADERS : 0, stream);
            out.write(block, at, n);
        }
    }

    void data(int stream, byte[] bytes, int offset, int length, boolean endStream) {
        header(length, Frame.DATA, endStream ? Frame.END_STREAM : 0, stream);
        out.write(bytes, offset, length);
    }

    private void header(int length, int type, int flags, int stream) {
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.write(type);
        out.write(flags);
        int32(stream);
    }

    private void int32(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
