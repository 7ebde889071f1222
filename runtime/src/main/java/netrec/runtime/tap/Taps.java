package netrec.runtime.tap;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The taps of a JVM's live connections, by the object the application holds: a {@code Socket}, a
 * {@code SocketChannel}, or an {@code SSLEngine} for TLS over NIO. Weak: a connection the application drops without
 * closing is forgotten with it.
 */
public final class Taps {
    private final Map<Object, Tap> taps = Collections.synchronizedMap(new WeakHashMap<>());

    /** The tap of {@code connection}, or null when netrec leaves it alone. */
    public Tap tapOf(Object connection) {
        return taps.get(connection);
    }

    public void add(Object connection, Tap tap) {
        taps.put(connection, tap);
    }

    /** Forgets {@code connection}, returning its tap, or null. */
    public Tap remove(Object connection) {
        return taps.remove(connection);
    }
}
