package netrec.runtime;

import java.io.IOException;
import java.util.List;
import netrec.cassette.MatchRules;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.SentRequest;
import netrec.runtime.record.Routes;
import netrec.runtime.tests.RunningTest;

/**
 * netrec inside one JVM, in three rooms: which cassette is in use ({@link Cassettes}: the JVM's, or a test's), each
 * connection's fate ({@link Connections}), and name lookups ({@link NameLookups}: the JDK's resolver, DNS over UDP).
 * The JDK's hooks reach the last two through {@link EngineHooks}; the agent and the JUnit extension reach the first
 * through {@link Engine}.
 */
final class Session {
    private final AgentOptions options;
    /** The three rooms, made by the first call that needs one: a JVM that never touches the network loads none. */
    private volatile Rooms rooms;

    /** A session for the JVM's cassette, which {@code options} name; nothing is opened until traffic needs it. */
    Session(AgentOptions options) {
        this.options = options;
    }

    /** The options of the agent's argument, which a test's cassette starts from. */
    AgentOptions options() {
        return options;
    }

    Connections connections() {
        return rooms().connections;
    }

    NameLookups names() {
        return rooms().names;
    }

    private Rooms rooms() {
        Rooms made = rooms;
        if (made == null) {
            synchronized (this) {
                made = rooms;
                if (made == null) {
                    made = new Rooms(options);
                    rooms = made;
                }
            }
        }
        return made;
    }

    /** True when a cassette is in use: the JVM's is opened by the first call. */
    boolean active() {
        return rooms().cassettes.inUse() != null;
    }

    /** See {@link Cassettes#beginTest}. */
    ModeChoice beginTest(String key, String testName, AgentOptions options, MatchRules extraRules)
            throws IOException {
        return rooms().cassettes.beginTest(key, testName, options, extraRules);
    }

    /** See {@link Cassettes#runningTest}. */
    RunningTest<CassetteInUse> runningTest(String key) {
        return rooms().cassettes.runningTest(key);
    }

    /** See {@link Cassettes#endTest}. */
    CassetteOutcome endTest(String key, String failure) {
        return rooms().cassettes.endTest(key, failure);
    }

    /** See {@link Cassettes#sentRequests}. */
    List<SentRequest> sentRequests(String key) {
        return rooms().cassettes.sentRequests(key);
    }

    /** Writes what is pending and says how the JVM's replay went; at JVM exit. */
    void stop() {
        Rooms made = rooms;
        if (made != null) {
            made.cassettes.stop();
            made.connections.stop();
        }
    }

    /** Which cassette is in use, each connection's fate, and name lookups. */
    private static final class Rooms {
        final Cassettes cassettes;
        final Connections connections;
        final NameLookups names;

        Rooms(AgentOptions options) {
            Routes routes = new Routes();
            this.cassettes = new Cassettes(options, routes);
            this.connections = new Connections(cassettes, routes, Protocols.all());
            this.names = new NameLookups(cassettes);
        }
    }
}
