package netrec.runtime.protocol.h2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Arrays;
import netrec.cassette.Headers;
import netrec.cassette.Interleaving;
import netrec.runtime.exchange.HttpResponse;
import netrec.runtime.exchange.UpstreamFetch;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.protocol.ReplayedRequest;
import netrec.runtime.protocol.Upstream;
import netrec.runtime.tap.Tap;
import org.eclipse.jetty.http2.hpack.HpackException;

/**
 * Update mode's HTTP/2 fetch of a request the cassette lacks: a connection of netrec's own to the real server (TLS
 * with ALPN {@code h2}, or h2c with prior knowledge when the client spoke it in plain text), one stream, its
 * response's body handed on as its DATA arrives. Both directions go to the recorder as the application's own
 * connections do, so the stream lands in the cassette as an HTTP/2 interaction like any other.
 */
final class Http2Fetch implements UpstreamFetch {
    /** The window netrec opens for the response, stream and connection alike: no server waits on it. */
    private static final int WINDOW = Frame.MAX_WINDOW;
    private static final int STREAM = 1;

    @Override
    public HttpResponse fetch(ReplayedRequest request, ClientConnection connection, MissRecorder recorder)
            throws IOException {
        Socket upstream = Upstream.open(connection, "h2");
        try {
            Tap recorded = recorder.record(upstream, connection.host(), connection.port());
            FrameWriter out = new FrameWriter();
            out.settings(new int[] {Frame.SETTINGS_ENABLE_PUSH, Frame.SETTINGS_INITIAL_WINDOW_SIZE},
                    new long[] {0, WINDOW});
            out.windowUpdate(0, WINDOW - Frame.DEFAULT_WINDOW);
            try {
                boolean bodiless = request.body().length == 0;
                out.headers(STREAM, new HeaderEncoder().request(request.method(), request.uri(), request.headers()),
                        bodiless, Frame.DEFAULT_MAX_SIZE);
                for (int at = 0; at < request.body().length; at += Frame.DEFAULT_MAX_SIZE) {
                    int n = Math.min(Frame.DEFAULT_MAX_SIZE, request.body().length - at);
                    out.data(STREAM, request.body(), at, n, at + n == request.body().length);
                }
            } catch (HpackException e) {
                throw new IOException("its header fields cannot be sent over HTTP/2 (" + e.getMessage() + ")", e);
            }
            byte[] opening = concat(FrameReader.PREFACE, out.take());
            OutputStream wire = upstream.getOutputStream();
            wire.write(opening);
            wire.flush();
            recorded.sent(opening, 0, opening.length);
            Fetched fetched = new Fetched(upstream, recorded);
            fetched.readHead();
            return fetched;
        } catch (IOException | RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The real server's answer on stream 1, read from its socket as the codec reads the body; recorded as read. */
    private static final class Fetched implements HttpResponse, FrameDecoder.Listener {
        private final Socket upstream;
        private final InputStream in;
        private final Tap recorded;
        private final FrameDecoder decoder = new FrameDecoder(false, this);
        private final FrameWriter out = new FrameWriter();
        private final byte[] buffer = new byte[64 * 1024];
        /** DATA received and not read yet, in order; the first partly read up to {@link #readyOffset}. */
        private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
        private int readyOffset;
        private Head head;
        private Headers trailers = Headers.none();
        private boolean ended;
        private boolean endedEarly;
        private String broken;
        private boolean closed;

        Fetched(Socket upstream, Tap recorded) throws IOException {
            this.upstream = upstream;
            this.in = upstream.getInputStream();
            this.recorded = recorded;
        }

        /** Reads until the final (not {@code 1xx}) response head is in. */
        void readHead() throws IOException {
            while (head == null) {
                if (!readMore()) {
                    throw new IOException(broken != null ? "the server's HTTP/2 cannot be followed (" + broken + ")"
                            : "the server closed the connection before its response");
                }
            }
        }

        /** Reads the next bytes from the server, answering what a client must; false at the end. */
        private boolean readMore() throws IOException {
            if (closed || broken != null || ended) {
                return false;
            }
            int n = in.read(buffer);
            if (n < 0) {
                recorded.endOfInput();
                endedEarly |= !ended;
                ended = true;
                close();
                return false;
            }
            recorded.received(buffer, 0, n);
            decoder.feed(buffer, 0, n);
            if (out.size() > 0 && !closed) {
                byte[] reply = out.take();
                upstream.getOutputStream().write(reply);
                upstream.getOutputStream().flush();
                recorded.sent(reply, 0, reply.length);
            }
            if (ended) {
                close();
            }
            return true;
        }

        @Override
        public void headers(int stream, Head block, boolean endStream) {
            if (stream != STREAM) {
                return;
            }
            if (head == null) {
                if (!block.isInterim()) {
                    head = block;
                }
            } else {
                trailers = block.fields();
            }
            ended |= endStream && head != null;
        }

        @Override
        public void data(int stream, byte[] bytes, int offset, int length, boolean endStream, int flowControlled) {
            if (stream == STREAM && length > 0) {
                ready.add(Arrays.copyOfRange(bytes, offset, offset + length));
            }
            ended |= stream == STREAM && endStream;
        }

        @Override
        public void reset(int stream, int errorCode) {
            if (stream == STREAM) {
                endedEarly = true;
                ended = true;
            }
        }

        @Override
        public void settings(boolean ack, int[] ids, long[] values) {
            if (!ack) {
                out.settingsAck();
            }
        }

        @Override
        public void ping(boolean ack, byte[] payload) {
            if (!ack) {
                out.pingAck(payload);
            }
        }

        @Override
        public void goAway(int lastStream, int errorCode) {
            if (lastStream < STREAM) {
                endedEarly |= !ended;
                ended = true;
            }
        }

        @Override
        public void windowUpdate(int stream, int increment) {
            // the request went whole with the first frames
        }

        @Override
        public void pushPromise(int stream, int promised, Head request) {
            // push was turned off in netrec's SETTINGS
        }

        @Override
        public void broken(String why) {
            broken = why;
        }

        @Override
        public int status() {
            return head.status();
        }

        @Override
        public String reason() {
            return "";
        }

        @Override
        public Headers headers() {
            return head.fields();
        }

        /** The DATA of stream 1 as it arrives; a stream the server reset or cut short fails its last read. */
        @Override
        public InputStream body() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] into, int offset, int length) throws IOException {
                    while (ready.isEmpty()) {
                        if (ended || !readMore() && ready.isEmpty()) {
                            if (broken != null) {
                                throw new IOException("netrec: update mode cannot follow the server's HTTP/2 ("
                                        + broken + ")");
                            }
                            return -1;
                        }
                    }
                    byte[] bytes = ready.peek();
                    int n = Math.min(length, bytes.length - readyOffset);
                    System.arraycopy(bytes, readyOffset, into, offset, n);
                    readyOffset += n;
                    if (readyOffset == bytes.length) {
                        ready.poll();
                        readyOffset = 0;
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    Fetched.this.close();
                }
            };
        }

        @Override
        public long bodySize() {
            return ended && ready.isEmpty() ? 0 : -1;
        }

        @Override
        public Headers trailers() {
            return trailers;
        }

        @Override
        public boolean endedEarly() {
            return endedEarly;
        }

        @Override
        public Interleaving pace() {
            return Interleaving.none();
        }

        private void close() throws IOException {
            if (!closed) {
                closed = true;
                recorded.closed();
                upstream.close();
            }
        }
    }
}
