package netrec.runtime.protocol.h2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.Headers;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.hpack.HpackEncoder;

/**
 * One end of an HTTP/2 connection for tests: writes frames as a client or a server would (HPACK by Jetty's encoder,
 * its own table per peer), and reads what the other end sends back as streams.
 */
final class Peer {
    private final HpackEncoder hpack = new HpackEncoder();
    private final FrameWriter out = new FrameWriter();
    /** What the other side sent, stream by stream. */
    final Map<Integer, Received> streams = new LinkedHashMap<>();
    final List<String> control = new ArrayList<>();
    private final FrameDecoder in;

    Peer(boolean readsClient) {
        in = new FrameDecoder(readsClient, new Reader());
    }

    static byte[] preface() {
        return FrameReader.PREFACE.clone();
    }

    Peer settings(int id, long value) {
        out.settings(new int[] {id}, new long[] {value});
        return this;
    }

    Peer request(int stream, String method, String path, boolean endStream, String... fields) throws Exception {
        MetaData.Request head = new MetaData.Request(method, HttpURI.build("https://example.org" + path),
                HttpVersion.HTTP_2, fields(fields));
        out.headers(stream, encode(head), endStream, Frame.DEFAULT_MAX_SIZE);
        return this;
    }

    Peer response(int stream, int status, boolean endStream, String... fields) throws Exception {
        out.headers(stream, encode(new MetaData.Response(status, null, HttpVersion.HTTP_2, fields(fields))), endStream,
                Frame.DEFAULT_MAX_SIZE);
        return this;
    }

    Peer trailers(int stream, String... fields) throws Exception {
        out.headers(stream, encode(new MetaData(HttpVersion.HTTP_2, fields(fields))), true, Frame.DEFAULT_MAX_SIZE);
        return this;
    }

    Peer data(int stream, String text, boolean endStream) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.data(stream, bytes, 0, bytes.length, endStream);
        return this;
    }

    Peer windowUpdate(int stream, int increment) {
        out.windowUpdate(stream, increment);
        return this;
    }

    Peer reset(int stream, int errorCode) {
        out.reset(stream, errorCode);
        return this;
    }

    /** Every frame written so far, as one piece of bytes. */
    byte[] bytes() {
        return out.take();
    }

    void read(byte[] bytes) throws IOException {
        in.feed(bytes, 0, bytes.length);
    }

    private byte[] encode(MetaData head) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        hpack.encode(buffer, head);
        buffer.flip();
        return Arrays.copyOf(buffer.array(), buffer.limit());
    }

    private static HttpFields fields(String... namesAndValues) {
        HttpFields.Mutable fields = HttpFields.build();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** One stream as the other side sent it. */
    static final class Received {
        Head head;
        final StringBuilder body = new StringBuilder();
        Headers trailers;
        boolean ended;
        Integer resetWith;
    }

    private final class Reader implements FrameDecoder.Listener {
        private Received stream(int id) {
            return streams.computeIfAbsent(id, any -> new Received());
        }

        @Override
        public void headers(int id, Head head, boolean endStream) {
            Received stream = stream(id);
            if (stream.head == null) {
                stream.head = head;
            } else {
                stream.trailers = head.fields();
            }
            stream.ended |= endStream;
        }

        @Override
        public void data(int id, byte[] bytes, int offset, int length, boolean endStream, int flowControlled) {
            Received stream = stream(id);
            stream.body.append(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
            stream.ended |= endStream;
        }

        @Override
        public void reset(int id, int errorCode) {
            stream(id).resetWith = errorCode;
        }

        @Override
        public void settings(boolean ack, int[] ids, long[] values) {
            control.add(ack ? "SETTINGS ack" : "SETTINGS " + Arrays.toString(ids) + "=" + Arrays.toString(values));
        }

        @Override
        public void ping(boolean ack, byte[] payload) {
            control.add(ack ? "PING ack" : "PING");
        }

        @Override
        public void goAway(int lastStream, int errorCode) {
            control.add("GOAWAY " + lastStream + " " + errorCode);
        }

        @Override
        public void windowUpdate(int stream, int increment) {
            control.add("WINDOW_UPDATE " + stream + " " + increment);
        }

        @Override
        public void pushPromise(int stream, int promised, Head request) {
            control.add("PUSH_PROMISE " + promised);
        }

        @Override
        public void broken(String why) {
            control.add("broken: " + why);
        }
    }
}
