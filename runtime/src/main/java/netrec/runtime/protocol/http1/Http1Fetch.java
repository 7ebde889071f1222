package netrec.runtime.protocol.http1;

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
import netrec.runtime.protocol.RequestUri;
import netrec.runtime.protocol.Upstream;
import netrec.runtime.tap.Tap;

/**
 * Update mode's HTTP/1.1 fetch of a request the cassette lacks: sent to the real server from netrec's own thread on
 * a connection of its own, both directions fed to the recorder exactly as if the application had made the
 * connection, so the new interaction lands in the cassette like any other. The response's body is handed on as it
 * arrives, de-chunked (the codec frames it again as its headers say); interim {@code 1xx} responses are skipped.
 */
final class Http1Fetch implements UpstreamFetch {
    @Override
    public HttpResponse fetch(ReplayedRequest request, ClientConnection connection, MissRecorder recorder)
            throws IOException {
        Socket upstream = Upstream.open(connection, null);
        try {
            Tap recorded = recorder.record(upstream, connection.host(), connection.port());
            byte[] head = HttpHead.request(request.method(), RequestUri.originForm(request.uri()), request.headers()).encode();
            OutputStream out = upstream.getOutputStream();
            out.write(head);
            out.write(request.body());
            out.flush();
            recorded.sent(head, 0, head.length);
            recorded.sent(request.body(), 0, request.body().length);
            Fetched fetched = new Fetched(upstream, recorded, request.method());
            fetched.readHead();
            return fetched;
        } catch (IOException | RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    /** The real server's response, read from its socket as the codec reads the body; recorded as it is read. */
    private static final class Fetched implements HttpResponse, HttpStreamParser.Listener {
        private final Socket upstream;
        private final InputStream in;
        private final Tap recorded;
        private final String requestMethod;
        private final HttpStreamParser parser = new HttpStreamParser(false, this);
        private final byte[] buffer = new byte[64 * 1024];
        /** Body bytes parsed and not read yet, in order; the first partly read up to {@link #readyOffset}. */
        private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
        private int readyOffset;
        private HttpHead head;
        private boolean ended;
        private boolean complete;
        private String notHttp;
        private boolean closed;

        Fetched(Socket upstream, Tap recorded, String requestMethod) throws IOException {
            this.upstream = upstream;
            this.in = upstream.getInputStream();
            this.recorded = recorded;
            this.requestMethod = requestMethod;
        }

        /** Reads until the final (not {@code 1xx}) response head is complete. */
        void readHead() throws IOException {
            while (head == null || head.status() / 100 == 1 && head.status() != 101) {
                if (!readMore()) {
                    throw new IOException(notHttp != null ? "the server's answer is not HTTP/1.1 (" + notHttp + ")"
                            : "the server closed the connection before its response");
                }
            }
        }

        /** Feeds the next bytes from the server to the parser; false at the end of the stream. */
        private boolean readMore() throws IOException {
            if (closed || notHttp != null) {
                return false;
            }
            int n = in.read(buffer);
            if (n < 0) {
                recorded.endOfInput();
                parser.endOfStream();
                close();
                return false;
            }
            recorded.received(buffer, 0, n);
            parser.feed(buffer, 0, n);
            return true;
        }

        @Override
        public BodyFraming head(HttpHead responseHead) {
            head = responseHead;
            ended = false;
            ready.clear();
            return BodyFraming.ofResponse(responseHead, requestMethod);
        }

        @Override
        public void body(byte[] bytes, int offset, int length) {
            if (length > 0) {
                ready.add(Arrays.copyOfRange(bytes, offset, offset + length));
            }
        }

        @Override
        public void end(boolean whole) throws IOException {
            ended = true;
            complete = whole;
            if (head != null && head.status() / 100 != 1) {
                close();
            }
        }

        @Override
        public void notHttp(String why) {
            notHttp = why;
        }

        @Override
        public int status() {
            return head.status();
        }

        @Override
        public String reason() {
            return head.reason();
        }

        @Override
        public Headers headers() {
            return head.headers();
        }

        /** The body as it arrives; one the server cut short fails its last read. */
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
                        if (ended) {
                            if (!complete) {
                                throw new IOException("netrec: update mode fetched a response whose server closed "
                                        + "the connection before its end");
                            }
                            return -1;
                        }
                        if (!readMore() && !ended) {
                            ended = true;
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
            return -1;
        }

        @Override
        public Headers trailers() {
            return Headers.none();
        }

        @Override
        public boolean endedEarly() {
            return false;
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
