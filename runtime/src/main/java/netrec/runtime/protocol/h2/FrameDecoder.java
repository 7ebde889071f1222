package netrec.runtime.protocol.h2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.http2.hpack.HpackDecoder;
import org.eclipse.jetty.http2.hpack.HpackException;

/**
 * One peer's side of an HTTP/2 connection, as events: frames are cut by a {@link FrameReader}, padding and priority
 * are taken off, a header block split over CONTINUATION frames is put together, and header blocks are decoded with
 * the connection's HPACK state for this direction (Jetty's decoder). Frames of unknown types are ignored, as
 * HTTP/2 asks.
 */
final class FrameDecoder implements FrameReader.Listener {
    /** Receives one peer's frames as events. */
    interface Listener {
        void headers(int stream, Head head, boolean endStream) throws IOException;

        /** DATA: {@code flowControlled} counts its padding too. */
        void data(int stream, byte[] bytes, int offset, int length, boolean endStream, int flowControlled)
                throws IOException;

        void reset(int stream, int errorCode) throws IOException;

        /** SETTINGS: {@code ids} and {@code values} pair up; empty for an acknowledgement. */
        void settings(boolean ack, int[] ids, long[] values) throws IOException;

        void ping(boolean ack, byte[] payload) throws IOException;

        void goAway(int lastStream, int errorCode) throws IOException;

        void windowUpdate(int stream, int increment) throws IOException;

        /** A server's promise of a pushed stream: its request. */
        void pushPromise(int stream, int promised, Head request) throws IOException;

        /** The bytes are not (or no longer) HTTP/2 this decoder can follow; nothing more is reported. */
        void broken(String why);
    }

    /** A header list this large is not decoded (no real peer sends one). */
    private static final int MAX_HEADER_LIST = 1 << 22;

    private final FrameReader reader;
    private final Listener listener;
    private final HpackDecoder hpack = new HpackDecoder(MAX_HEADER_LIST, System::nanoTime);
    private final ByteArrayOutputStream block = new ByteArrayOutputStream();
    private int blockStream;
    private int blockType;
    private int blockPromised;
    private boolean blockEndsStream;
    private boolean broken;

    FrameDecoder(boolean clientSide, Listener listener) {
        this.reader = new FrameReader(clientSide, this);
        this.listener = listener;
    }

    void feed(byte[] bytes, int offset, int length) throws IOException {
        reader.feed(bytes, offset, length);
    }

    /** True between frames, and no header block half-way. */
    boolean idle() {
        return reader.idle() && blockStream == 0;
    }

    /**
     * The dynamic table size the peer reading this side allowed in its SETTINGS: the largest table this side's
     * header blocks may then ask for.
     */
    void allowTableSize(long size) {
        hpack.setMaxTableCapacity((int) Math.min(size, Integer.MAX_VALUE));
    }

    @Override
    public void frame(int type, int flags, int stream, byte[] payload, int length) throws IOException {
        if (blockStream != 0 && (type != Frame.CONTINUATION || stream != blockStream)) {
            reader.stop("a header block on stream " + blockStream + " was interrupted by " + Frame.name(type));
            return;
        }
        switch (type) {
            case Frame.DATA:
                data(flags, stream, payload, length);
                break;
            case Frame.HEADERS:
                startBlock(Frame.HEADERS, flags, stream, payload, length);
                break;
            case Frame.CONTINUATION:
                continueBlock(flags, stream, payload, length);
                break;
            case Frame.PUSH_PROMISE:
                startBlock(Frame.PUSH_PROMISE, flags, stream, payload, length);
                break;
            case Frame.RST_STREAM:
                if (length >= 4) {
                    listener.reset(stream, Frame.int32(payload, 0));
                }
                break;
            case Frame.SETTINGS:
                settings(flags, payload, length);
                break;
            case Frame.PING:
                if (length == 8) {
                    listener.ping((flags & Frame.ACK) != 0, Arrays.copyOf(payload, 8));
                }
                break;
            case Frame.GOAWAY:
                if (length >= 8) {
                    listener.goAway(Frame.int32(payload, 0) & 0x7fff_ffff, Frame.int32(payload, 4));
                }
                break;
            case Frame.WINDOW_UPDATE:
                if (length == 4) {
                    listener.windowUpdate(stream, Frame.int32(payload, 0) & 0x7fff_ffff);
                }
                break;
            default:
                // PRIORITY, and types this netrec does not know: no meaning for recording or replay
                break;
        }
    }

    private void data(int flags, int stream, byte[] payload, int length) throws IOException {
        int padding = (flags & Frame.PADDED) != 0 && length > 0 ? (payload[0] & 0xff) + 1 : 0;
        int start = padding > 0 ? 1 : 0;
        if (padding > length) {
            reader.stop("DATA on stream " + stream + " has more padding than bytes");
            return;
        }
        listener.data(stream, payload, start, length - padding, (flags & Frame.END_STREAM) != 0, length);
    }

    private void startBlock(int type, int flags, int stream, byte[] payload, int length) throws IOException {
        int start = 0;
        int end = length;
        if ((flags & Frame.PADDED) != 0) {
            if (length == 0) {
                reader.stop(Frame.name(type) + " on stream " + stream + " is padded and empty");
                return;
            }
            end -= payload[0] & 0xff;
            start = 1;
        }
        if (type == Frame.HEADERS && (flags & Frame.PRIORITY_FLAG) != 0) {
            start += 5;
        }
        if (type == Frame.PUSH_PROMISE) {
            if (end - start < 4) {
                reader.stop("PUSH_PROMISE on stream " + stream + " is too short");
                return;
            }
            blockPromised = Frame.int32(payload, start) & 0x7fff_ffff;
            start += 4;
        }
        if (start > end) {
            reader.stop(Frame.name(type) + " on stream " + stream + " has more padding than bytes");
            return;
        }
        block.reset();
        block.write(payload, start, end - start);
        blockStream = stream;
        blockType = type;
        blockEndsStream = type == Frame.HEADERS && (flags & Frame.END_STREAM) != 0;
        if ((flags & Frame.END_HEADERS) != 0) {
            endBlock();
        }
    }

    private void continueBlock(int flags, int stream, byte[] payload, int length) throws IOException {
        if (blockStream == 0) {
            reader.stop("CONTINUATION on stream " + stream + " follows no header block");
            return;
        }
        block.write(payload, 0, length);
        if ((flags & Frame.END_HEADERS) != 0) {
            endBlock();
        }
    }

    private void endBlock() throws IOException {
        int stream = blockStream;
        blockStream = 0;
        Head head;
        try {
            head = Head.of(hpack.decode(ByteBuffer.wrap(block.toByteArray())));
        } catch (HpackException.StreamException e) {
            // the block was decoded, so the table stays in step; only this stream's head is malformed
            listener.reset(stream, Frame.PROTOCOL_ERROR);
            return;
        } catch (HpackException.SessionException | RuntimeException e) {
            reader.stop("a header block on stream " + stream + " cannot be decoded (" + e.getMessage() + ")");
            return;
        }
        if (blockType == Frame.PUSH_PROMISE) {
            listener.pushPromise(stream, blockPromised, head);
        } else {
            listener.headers(stream, head, blockEndsStream);
        }
    }

    private void settings(int flags, byte[] payload, int length) throws IOException {
        int count = length / 6;
        int[] ids = new int[count];
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = ((payload[i * 6] & 0xff) << 8) | (payload[i * 6 + 1] & 0xff);
            values[i] = Frame.int32(payload, i * 6 + 2) & 0xffff_ffffL;
        }
        listener.settings((flags & Frame.ACK) != 0, ids, values);
    }

    @Override
    public void notHttp2(String why) {
        if (!broken) {
            broken = true;
            listener.broken(why);
        }
    }
}
