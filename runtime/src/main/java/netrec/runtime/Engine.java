package netrec.runtime;

import java.io.IOException;
import java.util.List;
import netrec.cassette.MatchRules;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.Log;
import netrec.runtime.base.Mode;
import netrec.runtime.base.NetrecThread;
import netrec.runtime.base.SentRequest;

/**
 * The JVM's netrec {@link Session}, which the agent starts and the JUnit extension asks for a test's cassette. The
 * one static state of the engine: the JDK's hooks are static, so they find the session here.
 *
 * <p>Starting costs every JVM the agent is attached to, so it does only what cannot wait: no lambdas (each spins a
 * class at run time), and no cassette, recorder or replay classes until the first network call needs them.
 */
public final class Engine {
    private static volatile Session session;

    private Engine() {
    }

    /**
     * Starts netrec for this JVM. Netty's switches are set now, though: Netty picks its transport before its first
     * connection. A shutdown hook writes what is pending and says how replay went.
     */
    public static synchronized void start(AgentOptions options) {
        if (session != null) {
            return;
        }
        Log.setLevel(options.logLevel());
        if (options.mode().isActive()) {
            NettyVisibility.apply(options.mode());
        } else if (options.standby()) {
            NettyVisibility.apply(Mode.RECORD);
        }
        Session started = new Session(options);
        session = started;
        Runtime.getRuntime().addShutdownHook(new NetrecThread("shutdown", new Runnable() {
            @Override
            public void run() {
                started.stop();
            }
        }));
    }

    /** True once the agent has started netrec in this JVM (its hooks are in place). */
    public static boolean isStarted() {
        return session != null;
    }

    /** The JVM's session, or null before the agent starts it. */
    static Session session() {
        return session;
    }

    /** The options of the agent's argument, which a test's cassette starts from. */
    public static AgentOptions options() {
        return started().options();
    }

    /**
     * Puts {@code options}' cassette in use for {@code testName} until {@link #endTest}, in the mode it runs in this
     * time ({@code once} decided, expiry applied: the choice is returned); {@code extraRules} add to the cassette's
     * {@code rules.yaml}.
     *
     * @throws IllegalStateException when another test holds a cassette
     * @throws netrec.cassette.CassetteException when replay's cassette cannot be loaded, or has expired with
     *     {@code expired=fail}
     */
    public static ModeChoice beginTest(String testName, AgentOptions options, MatchRules extraRules)
            throws IOException {
        NettyVisibility.apply(options.mode());
        return started().beginTest(testName, options, extraRules);
    }

    /**
     * Ends the test's use of its cassette (the JVM's is in use again): its recording is published when the test
     * passed ({@code failure} null), kept as a failed attempt otherwise; says how replay and recording went.
     */
    public static CassetteOutcome endTest(String failure) {
        return started().endTest(failure);
    }

    /**
     * The HTTP requests the application sent while the test's cassette has been in use, in the order they were
     * whole: recorded once their exchange was (the recorder's queue is waited for, a few seconds at most), replayed
     * as replay received them, answered or missed.
     *
     * @throws IllegalStateException when no test's cassette is in use
     */
    public static List<SentRequest> sentRequests() {
        return started().sentRequests();
    }

    private static Session started() {
        Session started = session;
        if (started == null) {
            throw new IllegalStateException("netrec has not started in this JVM");
        }
        return started;
    }
}
