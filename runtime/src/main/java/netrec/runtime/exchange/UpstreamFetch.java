package netrec.runtime.exchange;

import java.io.IOException;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.protocol.ReplayedRequest;

/**
 * Update mode's way to the real server, for a request the cassette lacks: sends it from a connection of netrec's
 * own, in the HTTP version the client spoke, to the server {@code connection} meant to reach, recorded as the JVM's
 * own connections are. Each HTTP codec has one.
 */
public interface UpstreamFetch {
    /** The real server's response to {@code request}, its body as it arrives; recorded by {@code recorder}. */
    HttpResponse fetch(ReplayedRequest request, ClientConnection connection, MissRecorder recorder)
            throws IOException;
}
