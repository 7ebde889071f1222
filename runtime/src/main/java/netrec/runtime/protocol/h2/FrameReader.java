package netrec.runtime.protocol.h2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts one direction of an HTTP/2 connection into frames as the bytes arrive, in pieces of any size: the client's
 * connection preface first when reading the client's side, then nine-byte frame headers and their payloads. TCP
 * segment and read boundaries carry no meaning here. Once the bytes turn out not to be HTTP/2, it says so once and
 * ignores the rest.
 */
final class FrameReader {
    /** What every HTTP/2 client sends first (RFC 9113, 3.4). */
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The largest frame a peer may allow (2^24 - 1). */
    private static final int LARGEST_FRAME = 0xff_ffff;

    /** Receives the frames of one direction. */
    interface Listener {
        /** A whole frame: its payload is {@code payload[0, length)}, valid until this call returns. */
        void frame(int type, int flags, int stream, byte[] payload, int length) throws IOException;

        /** The bytes are not HTTP/2; nothing more is reported. */
        void notHttp2(String why);
    }

    private final Listener listener;
    private int prefaceLeft;
    private final byte[] header = new byte[Frame.HEADER_LENGTH];
    private int headerFilled;
    private byte[] payload = new byte[Frame.DEFAULT_MAX_SIZE];
    private int payloadLength = -1;
    private int payloadFilled;
    private boolean stopped;

    /** {@code withPreface}: the client's side, which starts with the connection preface. */
    FrameReader(boolean withPreface, Listener listener) {
        this.listener = listener;
        this.prefaceLeft = withPreface ? PREFACE.length : 0;
    }

    /** True between frames. */
    boolean idle() {
        return prefaceLeft == 0 && headerFilled == 0 && payloadLength < 0;
    }

    void feed(byte[] bytes, int offset, int length) throws IOException {
        int i = offset;
        int end = offset + length;
        while (i < end && !stopped) {
            if (prefaceLeft > 0) {
                i = readPreface(bytes, i, end);
            } else if (payloadLength < 0) {
                int n = Math.min(end - i, Frame.HEADER_LENGTH - headerFilled);
                System.arraycopy(bytes, i, header, headerFilled, n);
                headerFilled += n;
                i += n;
                if (headerFilled == Frame.HEADER_LENGTH) {
                    startPayload();
                }
            } else {
                int n = Math.min(end - i, payloadLength - payloadFilled);
                System.arraycopy(bytes, i, payload, payloadFilled, n);
                payloadFilled += n;
                i += n;
            }
            if (!stopped && payloadLength >= 0 && payloadFilled == payloadLength) {
                deliver();
            }
        }
    }

    private int readPreface(byte[] bytes, int i, int end) {
        int at = PREFACE.length - prefaceLeft;
        while (i < end && prefaceLeft > 0) {
            if (bytes[i] != PREFACE[at]) {
                stop("the connection does not start with HTTP/2's preface");
                return end;
            }
            i++;
            at++;
            prefaceLeft--;
        }
        return i;
    }

    private void startPayload() {
        int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        if (length > LARGEST_FRAME) {
            stop("a frame of " + length + " bytes is larger than HTTP/2 allows");
            return;
        }
        if (payload.length < length) {
            payload = Arrays.copyOf(payload, Math.max(length, payload.length * 2));
        }
        payloadLength = length;
        payloadFilled = 0;
    }

    private void deliver() throws IOException {
        int type = header[3] & 0xff;
        int flags = header[4] & 0xff;
        int stream = Frame.int32(header, 5) & 0x7fff_ffff;
        int length = payloadLength;
        headerFilled = 0;
        payloadLength = -1;
        listener.frame(type, flags, stream, payload, length);
    }

    /** Stops reading: the rest of the bytes are ignored. */
    void stop(String why) {
        if (!stopped) {
            stopped = true;
            listener.notHttp2(why);
        }
    }
}
