package netrec.runtime.protocol.http1;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import netrec.cassette.Headers;
import netrec.runtime.exchange.HttpResponse;
import netrec.runtime.exchange.Pacer;
import netrec.runtime.protocol.Answer;

/**
 * A response (recorded, or fetched in update mode) framed for HTTP/1.1 the way its headers say: chunked when it was
 * chunked, {@code Content-Length} as recorded, close-delimited when it had neither; no body after a HEAD, a 1xx, 204
 * or 304. A response that ended early is sent as far as it went, and then the connection closes. The body streams as
 * it is read; one found damaged fails the read that would complete it.
 */
final class ResponseAnswer extends Answer {
    private static final int CHUNK = 64 * 1024;
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final boolean keepsConnection;
    private final boolean chunked;
    private final boolean endsWithLastChunk;
    /** Bytes ready to go before anything more is read from the body: the head, then each chunk with its framing. */
    private byte[] ready;
    private int readyOffset;
    private InputStream body;
    private byte[] chunk;
    /** Keeps the recorded pace, or null; waits before the head until it went out. */
    private final Pacer pacer;
    private boolean headPaced;
    /** Body bytes sent so far, for the pace. */
    private long bodySent;

    private ResponseAnswer(byte[] head, InputStream body, boolean chunked, boolean endsWithLastChunk,
            boolean keepsConnection, Pacer pacer) {
        this.pacer = pacer;
        this.ready = head;
        this.body = body;
        this.chunked = chunked;
        this.endsWithLastChunk = endsWithLastChunk;
        this.keepsConnection = keepsConnection;
    }

    /** The answer {@code response} gives to a {@code requestMethod} request. */
    static ResponseAnswer of(HttpResponse response, String requestMethod) throws IOException {
        Headers headers = response.headers();
        byte[] head = HttpHead.response(response.status(), response.reason(), headers).encode();
        int status = response.status();
        boolean keepAlive = !headers.hasToken("Connection", "close") && !response.endedEarly();
        if ("HEAD".equals(requestMethod) || status / 100 == 1 || status == 204 || status == 304) {
            return new ResponseAnswer(head, null, false, false, keepAlive, response.pacer());
        }
        boolean chunked = headers.hasToken("Transfer-Encoding", "chunked");
        keepAlive &= chunked || headers.contains("Content-Length");
        return new ResponseAnswer(head, response.body(), chunked, chunked && !response.endedEarly(), keepAlive,
                response.pacer());
    }

    @Override
    public boolean keepsConnection() {
        return keepsConnection;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return readBody(buffer, offset, length);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private int readBody(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (pacer != null && !headPaced) {
            pacer.awaitHead();
            headPaced = true;
        }
        while (ready == null || readyOffset == ready.length) {
            if (body == null) {
                return -1;
            }
            if (!chunked) {
                int n = body.read(buffer, offset, (int) Math.min(length, allowed()));
                if (n >= 0) {
                    bodySent += n;
                    return n;
                }
                close();
                return -1;
            }
            nextChunk();
        }
        int n = Math.min(length, ready.length - readyOffset);
        System.arraycopy(ready, readyOffset, buffer, offset, n);
        readyOffset += n;
        return n;
    }

    /** What can be read without waiting: at the recorded pace, only what is due (what is ready now). */
    @Override
    public int available() throws IOException {
        int waiting = ready == null ? 0 : ready.length - readyOffset;
        return body == null || pacer != null ? waiting : waiting + body.available();
    }

    /** Makes the next chunk of the body ready, with its size line and its CRLF, or the last chunk at the end. */
    private void nextChunk() throws IOException {
        if (chunk == null) {
            chunk = new byte[CHUNK];
        }
        int n = body.readNBytes(chunk, 0, (int) Math.min(CHUNK, allowed()));
        bodySent += n;
        readyOffset = 0;
        if (n == 0) {
            close();
            ready = endsWithLastChunk ? LAST_CHUNK : null;
            return;
        }
        byte[] size = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ready = new byte[size.length + n + 2];
        System.arraycopy(size, 0, ready, 0, size.length);
        System.arraycopy(chunk, 0, ready, size.length, n);
        ready[ready.length - 2] = '\r';
        ready[ready.length - 1] = '\n';
    }

    /** Body bytes that may go now: all at once, or up to the next part's end at the recorded pace. */
    private long allowed() throws IOException {
        return pacer == null ? Long.MAX_VALUE : pacer.allow(bodySent);
    }

    @Override
    public void close() throws IOException {
        InputStream open = body;
        body = null;
        if (open != null) {
            open.close();
        }
    }
}
