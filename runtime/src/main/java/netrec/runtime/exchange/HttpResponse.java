package netrec.runtime.exchange;

import java.io.IOException;
import java.io.InputStream;
import netrec.cassette.Headers;
import netrec.cassette.Interleaving;

/**
 * A response replay sends for one HTTP request, whatever the HTTP version carries it: recorded in the cassette, or
 * fetched from the real server in update mode. A codec frames it; it does not care where it came from.
 */
public interface HttpResponse {
    int status();

    /** The reason phrase; empty when the server sent none (HTTP/2 never does). */
    String reason();

    Headers headers();

    /**
     * The body, read once from front to back. A body that turns out damaged as it is read (its recorded file was
     * changed) fails the read that would complete it with netrec's reason, counted once as a miss.
     */
    InputStream body() throws IOException;

    /** The body's size, or -1 while it is not known (a fetched body before its end). */
    long bodySize();

    /** The fields after the body; complete once the body was read to its end. */
    Headers trailers();

    /** True when the server's connection closed before the end of this response: it is sent as far as it went. */
    boolean endedEarly();

    /** How the response went along with its request, when it began before the request ended; else empty. */
    Interleaving pace();

    /** What keeps it to its recorded pace as it is sent ({@code pace=recorded}), or null to send it at once. */
    default Pacer pacer() {
        return null;
    }
}
