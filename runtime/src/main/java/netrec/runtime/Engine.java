package netrec.runtime;

import java.io.IOException;
import java.util.List;
import netrec.cassette.MatchRules;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.Log;
import netrec.runtime.base.Mode;
import netrec.runtime.base.NetrecThread;
import netrec.runtime.base.SentRequest;
import netrec.runtime.tests.RunningTest;
import netrec.runtime.tests.TestThreads;

/**
 * The JVM's netrec {@link Session}, which the agent starts and the JUnit extension asks for a test's cassette. The
 * one static state of the engine: the JDK's hooks are static, so they find the session here.
 *
 * <p>Starting costs every JVM the agent is attached to, and most JVMs a build starts make no network call, so the
 * agent puts the start off ({@link #startOnFirstUse}) until the first hook or test that needs the session; starting
 * then does only what cannot wait: no lambdas (each spins a class at run time), and no cassette, recorder or replay
 * classes until the first network call needs them.
 */
public final class Engine {
    private static volatile Session session;
    private static volatile StoredCassettes storedCassettes;
    /** The agent's start, put off until something needs the session; null once it has run. */
    private static Runnable putOffStart;
    private static boolean starting;
    private static boolean nettyKeptOnJdk;

    private Engine() {
    }

    /** Starts netrec for this JVM. A shutdown hook writes what is pending and says how replay went. */
    public static synchronized void start(AgentOptions options) {
        if (session != null) {
            return;
        }
        Log.setLevel(options.logLevel());
        keepNettyOnJdk(options);
        Session started = new Session(options);
        session = started;
        Runtime.getRuntime().addShutdownHook(new NetrecThread("shutdown", new Runnable() {
            @Override
            public void run() {
                started.stop();
            }
        }));
    }

    /**
     * Opens the JVM's cassette now rather than at the program's first network call. For a cassette in a store, the
     * agent does so as the JVM starts: the fetch then looks up the store's host before the program looks up any, and
     * never behind it (the JDK looks up each host name under a lock of its own, which a program's lookup would hold
     * while it waited for the cassette).
     */
    public static void openJvmCassette() {
        Session started = session;
        if (started != null) {
            started.active();
        }
    }

    /**
     * The agent is in place but starts netrec only when something needs the session: the first hook that asks for it
     * (the JVM's first network call) or a test's cassette. {@code start} calls {@link #start} and does the agent's
     * share; it runs once, on the thread that needs the session, and a failure it throws is said by it.
     */
    public static synchronized void startOnFirstUse(AgentOptions options, Runnable start) {
        if (session == null) {
            keepNettyOnJdk(options);
            putOffStart = start;
        }
    }

    /**
     * Netty's switches are set as netrec is put in place, though: Netty picks its transport before it connects. Once:
     * a setting of the user's that netrec cannot change is said once.
     */
    private static void keepNettyOnJdk(AgentOptions options) {
        if (nettyKeptOnJdk) {
            return;
        }
        nettyKeptOnJdk = true;
        if (options.mode().isActive()) {
            NettyVisibility.apply(options.mode());
        } else if (options.standby()) {
            NettyVisibility.apply(Mode.RECORD);
        }
    }

    /** True once the agent is in place in this JVM: netrec has started, or starts when it is first needed. */
    public static synchronized boolean isInPlace() {
        return session != null || putOffStart != null;
    }

    /** The JVM's session, or null before the agent starts it. */
    static Session session() {
        return session;
    }

    /**
     * How this JVM reaches cassettes kept in an object store ({@link AgentOptions#store()}); the agent gives it when
     * one is named.
     */
    public static void useStoredCassettes(StoredCassettes stored) {
        storedCassettes = stored;
    }

    /** What {@link #useStoredCassettes} gave; an internal error when it gave nothing. */
    static StoredCassettes storedCassettes() {
        StoredCassettes stored = storedCassettes;
        if (stored == null) {
            throw new IllegalStateException("no way to reach object stores was given to this JVM's netrec");
        }
        return stored;
    }

    /** The options of the agent's argument, which a test's cassette starts from. */
    public static AgentOptions options() {
        return started().options();
    }

    /**
     * Puts {@code options}' cassette in use for the test {@code key} (named {@code testName} in messages) until
     * {@link #endTest}, in the mode it runs in this time ({@code once} decided, expiry applied: the choice is
     * returned); {@code extraRules} add to the cassette's {@code rules.yaml}. Tests may run at the same time, each
     * with its own cassette: the threads that work for a test are bound to it with {@link #bindThread}.
     *
     * @throws IllegalStateException when a test running now uses the same cassette
     * @throws netrec.cassette.CassetteException when replay's cassette cannot be loaded, or has expired with
     *     {@code expired=fail}
     */
    public static ModeChoice beginTest(String key, String testName, AgentOptions options, MatchRules extraRules)
            throws IOException {
        NettyVisibility.apply(options.mode());
        return started().beginTest(key, testName, options, extraRules);
    }

    /**
     * Binds the current thread to the running test {@code key} (to none when no such test runs): its traffic, and
     * the work it hands to executors, use that test's cassette. Returns what the thread was bound to, for
     * {@link #restoreThread}.
     */
    public static RunningTest<?> bindThread(String key) {
        return TestThreads.bind(started().runningTest(key));
    }

    /** Binds the current thread back to what {@link #bindThread} returned. */
    public static void restoreThread(RunningTest<?> before) {
        TestThreads.bind(before);
    }

    /**
     * Ends the test {@code key}'s use of its cassette: its recording is published when the test passed
     * ({@code failure} null), kept as a failed attempt otherwise; says how replay and recording went, or null when
     * no such test runs.
     */
    public static CassetteOutcome endTest(String key, String failure) {
        return started().endTest(key, failure);
    }

    /**
     * The HTTP requests the application sent while the test {@code key}'s cassette has been in use, in the order
     * they were whole: recorded once their exchange was (the recorder's queue is waited for, a few seconds at most),
     * replayed as replay received them, answered or missed.
     *
     * @throws IllegalStateException when no such test runs
     */
    public static List<SentRequest> sentRequests(String key) {
        return started().sentRequests(key);
    }

    /** The JVM's session, started now when the agent put its start off; see {@link #startOnFirstUse}. */
    static Session started() {
        Session started = session;
        if (started == null) {
            started = startPutOff();
        }
        return started;
    }

    private static synchronized Session startPutOff() {
        Runnable start = putOffStart;
        if (start != null && !starting) { // the start may need the session itself
            starting = true;
            try {
                start.run();
            } finally {
                starting = false;
                putOffStart = null;
            }
        }
        if (session == null) {
            throw new IllegalStateException("netrec has not started in this JVM");
        }
        return session;
    }
}
