package netrec.runtime.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import netrec.cassette.Headers;

/**
 * One HTTP request the application sent while a cassette was in use: as it was recorded, or as replay received it.
 * Its body is read when first asked for (a recorded one may be in a body file).
 */
public final class SentRequest {
    private final String method;
    private final String uri;
    private final Headers headers;
    private final BodySource body;
    private byte[] read;

    /** Where a request's body comes from, read once. */
    @FunctionalInterface
    public interface BodySource {
        byte[] read() throws IOException;
    }

    public SentRequest(String method, String uri, Headers headers, BodySource body) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
    }

    public String method() {
        return method;
    }

    /** The absolute URI, as {@code http://host:port/path?query}. */
    public String uri() {
        return uri;
    }

    public Headers headers() {
        return headers;
    }

    /** The body whole; empty when the request had none. */
    public synchronized byte[] body() {
        if (read == null) {
            try {
                read = body.read();
            } catch (IOException e) {
                throw new UncheckedIOException("netrec: the body of " + this + " cannot be read: " + e.getMessage(),
                        e);
            }
        }
        return read.clone();
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
