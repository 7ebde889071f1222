package netrec.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Paths;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteException;
import netrec.cassette.MatchRules;
import netrec.cassette.yaml.CassetteReader;
import netrec.runtime.record.Recorder;
import netrec.runtime.replay.ReplayOutcome;
import netrec.runtime.replay.ReplayUsage;
import netrec.runtime.replay.Replayer;

/**
 * netrec inside one JVM: the recorder and replayer of the cassette in use. The agent's argument names the JVM's
 * cassette; a test (the JUnit extension) may put its own in use while it runs, after which the JVM's is in use
 * again. One test at a time: a JVM's traffic cannot be told apart by test, so a second test that asks for a
 * cassette while another holds one is refused. A shutdown hook writes what is pending and says how replay went.
 *
 * <p>Starting costs every JVM the agent is attached to, so it does only what cannot wait: no lambdas (each spins a
 * class at run time), and no replay classes unless something replays; the recorder's thread and file wait for the
 * first traffic.
 */
public final class Engine {
    private static boolean started;
    private static AgentOptions jvmOptions;
    private static Engine jvmWide;
    private static volatile Engine current;
    private static String test;
    /** True once a replayer exists: only then is there a replay server to point at another cassette. */
    private static boolean replayed;
    /** True until the JVM's cassette is opened, by the first call that needs it. */
    private static volatile boolean jvmWidePending;
    /** The thread opening the JVM's cassette: what it does itself is netrec's, not the application's. */
    private static Thread opening;
    private static volatile String unusable;

    private final AgentOptions options;
    private final Recorder recorder;
    private final Replayer replayer;

    private Engine(AgentOptions options, Recorder recorder, Replayer replayer) {
        this.options = options;
        this.recorder = recorder;
        this.replayer = replayer;
    }

    /**
     * Starts netrec for this JVM. The cassette of the agent's argument is opened by the first network call, not here:
     * a JVM that never touches the network (most JVMs of a build) pays for neither the recorder nor the cassette.
     * Netty's switches are set now, though: Netty picks its transport before its first connection.
     */
    public static synchronized void start(AgentOptions options) {
        if (started) {
            return;
        }
        Log.setLevel(options.logLevel());
        jvmOptions = options;
        if (options.mode().isActive()) {
            NettyVisibility.apply(options.mode());
        }
        jvmWidePending = options.mode().isActive();
        started = true;
        Runtime.getRuntime().addShutdownHook(new NetrecThread("shutdown", new Runnable() {
            @Override
            public void run() {
                stopAll();
            }
        }));
    }

    /**
     * Opens the JVM's cassette, once. When replay's cannot be loaded, why is said once, and replay then refuses
     * whatever would leave the machine with that reason ({@link #refusal}); a recording that cannot start lets
     * traffic pass untouched.
     */
    private static synchronized Engine openJvmWide() {
        if (!jvmWidePending || opening == Thread.currentThread()) {
            return current;
        }
        opening = Thread.currentThread();
        try {
            jvmWide = open(jvmOptions, MatchRules.none());
            Log.info(jvmOptions.mode().label() + " mode, cassette " + jvmOptions.cassette());
        } catch (IOException | RuntimeException | LinkageError | OutOfMemoryError e) {
            String reason = e instanceof CassetteException ? e.getMessage()
                    : e instanceof OutOfMemoryError ? "the cassette " + jvmOptions.cassette() + " needs more heap "
                    + "than this JVM has (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB); give it a larger "
                    + "-Xmx (a replaying JVM keeps every recorded request in its heap, about 0.4 KB each)"
                    : "cannot open the cassette " + jvmOptions.cassette() + ": " + e;
            if (jvmOptions.mode().replays()) {
                unusable = reason.startsWith("netrec: ") ? reason : "netrec: " + reason;
                Log.warn(unusable.substring("netrec: ".length()));
            } else {
                Log.internalError("starting to record into " + jvmOptions.cassette()
                        + "; this JVM's traffic passes unrecorded", e);
            }
        } finally {
            opening = null;
            jvmWidePending = false;
        }
        if (test == null) {
            use(jvmWide);
        }
        return current;
    }

    /**
     * Why replay refuses every lookup and connection (but those to hosts left alone), when the JVM's cassette could
     * not be loaded; null otherwise.
     */
    static String refusal() {
        return unusable;
    }

    /** True when the agent's argument leaves {@code host} alone. */
    static boolean leftAloneByJvm(String host) {
        return jvmOptions.leavesAlone(host);
    }

    /** True once the agent has started netrec in this JVM (its hooks are in place). */
    public static synchronized boolean isStarted() {
        return started;
    }

    /** The options of the agent's argument, which a test's cassette starts from. */
    public static synchronized AgentOptions options() {
        if (!started) {
            throw new IllegalStateException("netrec has not started in this JVM");
        }
        return jvmOptions;
    }

    /**
     * Puts {@code options}' cassette in use for {@code testName} until {@link #endTest}; {@code extraRules} add to
     * the cassette's {@code rules.yaml}.
     *
     * @throws IllegalStateException when another test holds a cassette
     * @throws netrec.cassette.CassetteException when replay's cassette cannot be loaded
     */
    public static synchronized void beginTest(String testName, AgentOptions options, MatchRules extraRules)
            throws IOException {
        if (test != null) {
            throw new IllegalStateException("netrec: " + testName + " started while " + test + " is using the "
                    + "cassette " + current.options.cassette() + "; one JVM's traffic cannot be told apart by test, "
                    + "so tests that use netrec must not run at the same time in one JVM. Run them one at a time "
                    + "(JUnit: @Execution(ExecutionMode.SAME_THREAD), or junit.jupiter.execution.parallel.enabled="
                    + "false) or in separate JVMs (Surefire's forkCount)");
        }
        NettyVisibility.apply(options.mode());
        Engine engine = open(options, extraRules);
        test = testName;
        use(engine);
    }

    /** Ends the test's use of its cassette (the JVM's is in use again) and says how its replay went. */
    public static synchronized ReplayOutcome endTest() {
        Engine engine = current;
        if (test == null || engine == null) {
            return null;
        }
        test = null;
        use(jvmWide);
        return engine.close();
    }

    private static Engine open(AgentOptions options, MatchRules extraRules) throws IOException {
        Mode mode = options.mode();
        Cassette cassette = mode.replays()
                ? new CassetteReader(Log::warn, options.cassetteIndexes()).load(options.cassette()) : null;
        Recorder recorder = mode.records() ? new Recorder(options) : null;
        try {
            Replayer replayer = cassette == null ? null : new Replayer(options, cassette, extraRules, recorder);
            replayed |= replayer != null;
            return new Engine(options, recorder, replayer);
        } catch (IOException | RuntimeException e) {
            if (recorder != null) {
                recorder.stop();
            }
            throw e;
        }
    }

    private static void use(Engine engine) {
        current = engine;
        if (engine != null && engine.replayer != null) {
            engine.replayer.answerRequests();
        } else if (replayed) {
            Replayer.answerNothing();
        }
    }

    private ReplayOutcome close() {
        if (recorder != null) {
            recorder.stop();
        }
        return replayer == null ? null : replayer.outcome();
    }

    private static synchronized void stopAll() {
        Engine engine = current;
        if (engine != null && engine != jvmWide) {
            engine.close();
        }
        if (jvmWide != null) {
            ReplayOutcome outcome = jvmWide.close();
            if (jvmWide.replayer != null) {
                jvmWide.replayer.summarize();
                writeUsage(outcome);
            }
        }
        if (replayed) {
            Replayer.stopServing();
        }
    }

    /** For the launcher: this JVM's part of the job's replay summary, when it asked for one. */
    private static void writeUsage(ReplayOutcome outcome) {
        String directory = System.getenv(ReplayUsage.DIRECTORY_VARIABLE);
        if (directory == null || directory.isEmpty()) {
            return;
        }
        try {
            ReplayUsage.write(Paths.get(directory), outcome);
        } catch (IOException | RuntimeException e) {
            Log.warn("cannot write this JVM's replay summary into " + directory + ": " + e.getMessage());
        }
    }

    /** The cassette in use, or null when none is; the JVM's is opened by the first call. */
    static Engine current() {
        Engine engine = current;
        if (engine == null && jvmWidePending && !NetrecThread.isCurrent()) {
            engine = openJvmWide();
        }
        return engine;
    }

    Mode mode() {
        return options.mode();
    }

    /** The recorder, or null when this cassette's mode records nothing. */
    Recorder recorder() {
        return recorder;
    }

    /** The replayer, or null when this cassette's mode replays nothing. */
    Replayer replayer() {
        return replayer;
    }

    /** True when traffic to {@code host} passes untouched. */
    boolean leavesAlone(String host) {
        return options.leavesAlone(host);
    }

    boolean leavesAlone(SocketAddress endpoint) {
        return endpoint instanceof InetSocketAddress && leavesAlone(((InetSocketAddress) endpoint).getHostString());
    }
}
