package netrec.runtime.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import netrec.cassette.BodyStore;
import netrec.cassette.Headers;
import netrec.cassette.RecordedResponse;
import netrec.runtime.http.HttpHead;

/**
 * Sends a recorded response framed the way its headers say: chunked when it was chunked, {@code Content-Length} as
 * recorded, close-delimited when it had neither; no body after a HEAD, a 1xx, 204 or 304. A response that ended
 * early is sent as far as it went, and then the connection closes.
 */
final class ResponseWriter {
    private static final int CHUNK = 64 * 1024;

    private ResponseWriter() {
    }

    /** Writes the response; returns true when the connection may carry another request. */
    static boolean write(RecordedResponse response, String requestMethod, BodyStore bodies, OutputStream out)
            throws IOException {
        Headers headers = response.headers();
        out.write(HttpHead.response(response.status(), response.reason(), headers).encode());
        int status = response.status();
        boolean noBody = "HEAD".equals(requestMethod) || status / 100 == 1 || status == 204 || status == 304;
        boolean keepAlive = !headers.hasToken("Connection", "close");
        if (!noBody) {
            boolean chunked = headers.hasToken("Transfer-Encoding", "chunked");
            try (InputStream body = bodies.open(response.body())) {
                if (chunked) {
                    writeChunks(body, out);
                    if (!response.endedEarly()) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } else {
                    body.transferTo(out);
                    keepAlive &= headers.contains("Content-Length");
                }
            }
        }
        out.flush();
        return keepAlive && !response.endedEarly();
    }

    private static void writeChunks(InputStream body, OutputStream out) throws IOException {
        byte[] buffer = new byte[CHUNK];
        int n;
        while ((n = body.readNBytes(buffer, 0, CHUNK)) > 0) {
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(buffer, 0, n);
            out.write('\r');
            out.write('\n');
        }
    }
}
