package netrec.runtime.protocol;

import java.net.Socket;
import netrec.runtime.tap.Tap;

/** Update mode's recorder of what the cassette lacked: connections netrec opens itself, recorded like the JVM's. */
public interface MissRecorder {
    /** The tap recording {@code upstream}, netrec's own connection to {@code host:port} (TLS if an SSLSocket). */
    Tap record(Socket upstream, String host, int port);
}
