package netrec.runtime.protocol.h2;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import netrec.cassette.Headers;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.hpack.HpackEncoder;
import org.eclipse.jetty.http2.hpack.HpackException;

/**
 * Encodes the header blocks netrec sends on one connection with HPACK (Jetty's encoder): replay's response heads
 * and trailers, within the dynamic table size the client allowed, and update mode's requests to a real server. A response recorded over HTTP/1.1 is sent as HTTP/2 allows: names in lowercase,
 * without the fields that belong to an HTTP/1.1 connection.
 */
final class HeaderEncoder {
    /** Fields with no meaning in HTTP/2 (RFC 9113, 8.2.2); a client treats a response carrying one as malformed. */
    private static final Set<String> CONNECTION_FIELDS =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

    static {
        // Jetty's pre-encoded fields (HPACK's :status values among them) find their HTTP/2 form once, through a
        // ServiceLoader of the thread's context class loader; the application's may not see netrec's copy
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(HeaderEncoder.class.getClassLoader());
        try {
            new HpackEncoder();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private final HpackEncoder hpack = new HpackEncoder();

    HeaderEncoder() {
        // Jetty's encoder refuses header lists over 4,096 bytes unless told otherwise (0 means 4,096 to it too);
        // HTTP/2's own initial limit is none (RFC 9113, 6.5.2), and a recorded head is as large as the server sent it
        hpack.setMaxHeaderListSize(Integer.MAX_VALUE);
    }

    /**
     * The peer's SETTINGS_MAX_HEADER_LIST_SIZE: a larger head fails to encode, as the peer would refuse it (a client
     * accepted the recorded heads, so they fit what it announces).
     */
    void allowHeaderListSize(long size) {
        hpack.setMaxHeaderListSize((int) Math.max(1, Math.min(size, Integer.MAX_VALUE)));
    }

    /** The client's SETTINGS_HEADER_TABLE_SIZE: the table may be no larger. */
    void allowTableSize(long size) {
        int allowed = (int) Math.min(size, Integer.MAX_VALUE);
        hpack.setMaxTableCapacity(allowed);
        hpack.setTableCapacity(Math.min(allowed, hpack.getTableCapacity()));
    }

    /** A request to the absolute {@code uri}: its pseudo-header fields from the URI, the others as given. */
    byte[] request(String method, String uri, Headers headers) throws HpackException {
        return encode(new MetaData.Request(method, HttpURI.from(uri), HttpVersion.HTTP_2, fields(headers)), headers);
    }

    byte[] response(int status, Headers headers) throws HpackException {
        return encode(new MetaData.Response(status, null, HttpVersion.HTTP_2, fields(headers)), headers);
    }

    byte[] trailers(Headers trailers) throws HpackException {
        return encode(new MetaData(HttpVersion.HTTP_2, fields(trailers)), trailers);
    }

    private byte[] encode(MetaData head, Headers headers) throws HpackException {
        int estimate = 64;
        for (Headers.Field field : headers.fields()) {
            estimate += field.name().length() + field.value().length() * 3 + 16;
        }
        ByteBuffer buffer = ByteBuffer.allocate(estimate);
        hpack.encode(buffer, head);
        buffer.flip();
        return Arrays.copyOf(buffer.array(), buffer.limit());
    }

    private static HttpFields fields(Headers headers) {
        HttpFields.Mutable fields = HttpFields.build();
        for (Headers.Field field : headers.fields()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (!CONNECTION_FIELDS.contains(name)) {
                fields.add(name, field.value());
            }
        }
        return fields;
    }
}
