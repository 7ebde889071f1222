package netrec.runtime.replay;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import netrec.runtime.http.HttpHead;

/**
 * The JVM's replayed connections, and the cassette answering their requests now. There is one set per JVM, whichever
 * cassette is in use: a client may keep a connection open from one test to the next, and each request on it is
 * answered by the replayer in use when it arrives.
 */
final class ReplayConnections {
    /** Answers one request on a replayed connection. */
    interface Responder {
        /**
         * The answer to {@code request}, or null to close the connection without one: then the client's read at end
         * of stream fails with the connection's {@link ReplayConnection#fail failure}, if replay gave it one.
         */
        Answer respond(ReplayConnection connection, HttpHead request, byte[] body) throws IOException;
    }

    private static volatile Responder responder;
    /** Each replayed connection by the client's socket or channel. */
    private static final Map<Object, ReplayConnection> BY_CLIENT = Collections.synchronizedMap(new WeakHashMap<>());

    private ReplayConnections() {
    }

    /** From now on requests are answered by {@code newResponder}; null: by none, each connection closes unanswered. */
    static void answerWith(Responder newResponder) {
        responder = newResponder;
    }

    /** Who answers requests now, or null when no cassette does. */
    static Responder responder() {
        return responder;
    }

    /** {@code client}, a socket or channel, is replayed as {@code connection}. */
    static void add(Object client, ReplayConnection connection) {
        BY_CLIENT.put(client, connection);
    }

    /** The replayed connection of {@code client}, or null when replay does not answer it. */
    static ReplayConnection of(Object client) {
        return BY_CLIENT.get(client);
    }

    static void forget(Object client) {
        BY_CLIENT.remove(client);
    }
}
