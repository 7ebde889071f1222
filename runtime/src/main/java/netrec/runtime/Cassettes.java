package netrec.runtime;

import java.io.IOException;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import netrec.cassette.CassetteException;
import netrec.cassette.MatchRules;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.JvmEnd;
import netrec.runtime.base.Log;
import netrec.runtime.base.Mode;
import netrec.runtime.base.NetrecThread;
import netrec.runtime.base.SentRequest;
import netrec.runtime.record.Routes;
import netrec.runtime.replay.report.ReplayOutcome;
import netrec.runtime.replay.report.ReplayUsage;

/**
 * Which cassette is in use: the JVM's, which the agent's argument names and the first network call that needs it
 * opens; or a test's (the JUnit extension's), from its start to its end, after which the JVM's is in use again. When
 * the JVM's cannot be opened, why is said once, and replay then refuses whatever would leave the machine with that
 * reason ({@link #refusal}); a recording that cannot start lets traffic pass untouched.
 *
 * <p>Loading a cassette may take long (a large one, read for the first time): it is done outside this object's
 * monitor, so that the JVM's exit ({@link #stop}, in a shutdown hook) never waits for it.
 */
final class Cassettes {
    private final AgentOptions jvmOptions;
    private final Routes routes;
    private volatile CassetteInUse jvmWide;
    private volatile CassetteInUse inUse;
    /** Held while the JVM's cassette is opened: the calls that need it wait for it, the JVM's exit does not. */
    private final Object opener = new Object();
    private String test;
    /** True until the JVM's cassette is opened, by the first call that needs it. */
    private volatile boolean jvmWidePending;
    /** The thread opening the JVM's cassette: what it does itself is netrec's, not the application's. */
    private volatile Thread opening;
    /** Why replay refuses everything, when the JVM's cassette could not be loaded; null otherwise. */
    private volatile String refusal;

    /** {@code routes} is what recording learns of where connections go, shared by every cassette of the JVM. */
    Cassettes(AgentOptions options, Routes routes) {
        this.jvmOptions = options;
        this.routes = routes;
        this.jvmWidePending = options.mode().isActive();
    }

    /** The options of the agent's argument, which a test's cassette starts from. */
    AgentOptions jvmOptions() {
        return jvmOptions;
    }

    /**
     * Puts {@code options}' cassette in use for {@code testName} until {@link #endTest}, in the mode
     * {@link ModeChoice} decides (which is returned); {@code extraRules} add to the cassette's {@code rules.yaml}.
     *
     * @throws IllegalStateException when another test holds a cassette
     * @throws netrec.cassette.CassetteException when replay's cassette cannot be loaded, or has expired with
     *     {@code expired=fail}
     */
    ModeChoice beginTest(String testName, AgentOptions options, MatchRules extraRules) throws IOException {
        synchronized (this) {
            if (test != null) {
                throw new IllegalStateException("netrec: " + testName + " started while " + test + " is using the "
                        + "cassette " + (inUse == null ? options.cassette() : inUse.options().cassette()) + "; one "
                        + "JVM's traffic cannot be told apart by test, so tests that use netrec must not run at the "
                        + "same time in one JVM. Run them one at a time (JUnit: @Execution(ExecutionMode.SAME_THREAD), "
                        + "or junit.jupiter.execution.parallel.enabled=false) or in separate JVMs (Surefire's "
                        + "forkCount)");
            }
            test = testName;
        }
        ModeChoice choice;
        CassetteInUse cassette;
        try {
            choice = ModeChoice.of(options, LocalDate.now(ZoneOffset.UTC));
            if (choice.refusal() != null) {
                throw new CassetteException(choice.refusal());
            }
            if (choice.warning() != null) {
                Log.warn(testName + ": " + choice.warning());
            }
            cassette = CassetteInUse.open(options.withMode(choice.mode()), extraRules, routes);
            cassette.keepSentRequests();
        } catch (IOException | RuntimeException | Error e) {
            synchronized (this) {
                test = null;
            }
            throw e;
        }
        synchronized (this) {
            inUse = cassette;
        }
        return choice;
    }

    /**
     * Ends the test's use of its cassette (the JVM's is in use again): its recording is published when the test
     * passed ({@code failure} null) and kept as a failed attempt when not; says how it went.
     */
    synchronized CassetteOutcome endTest(String failure) {
        CassetteInUse cassette = inUse;
        if (test == null || cassette == null) {
            return null;
        }
        test = null;
        inUse = jvmWide;
        return cassette.close(failure);
    }

    /**
     * The HTTP requests the application sent while the test's cassette has been in use, in order.
     *
     * @throws IllegalStateException when no test's cassette is in use
     */
    List<SentRequest> sentRequests() {
        CassetteInUse cassette;
        synchronized (this) {
            cassette = test == null ? null : inUse;
        }
        if (cassette == null) {
            throw new IllegalStateException("netrec: what was sent is known while a test's cassette is in use: ask "
                    + "from a test that has @Netrec (on it or on its class), while it runs");
        }
        return cassette.sentRequests();
    }

    /**
     * Writes what is pending, at JVM exit: the JVM's recording is published when the JVM ends well (exit status 0,
     * {@link JvmEnd}), and anything else is said in one line; replay's summary is said, and written.
     */
    synchronized void stop() {
        CassetteInUse cassette = inUse;
        if (cassette != null && cassette != jvmWide) {
            cassette.close("the JVM ended while " + test + " was running");
        }
        if (jvmWide == null) {
            return;
        }
        String failure = JvmEnd.why();
        CassetteOutcome outcome = jvmWide.close(failure);
        if (!jvmWide.sharedAttempt() && (jvmWide.triedConnections() || !outcome.recordedNothing())) {
            List<String> rest = jvmOptions.leftAloneWithout(outcome.hostsLeftAlone());
            String line = outcome.recordingLine("this JVM", rest.isEmpty() ? "drop leave-alone="
                    + String.join(";", jvmOptions.leftAlone()) : "leave-alone=" + String.join(";", rest));
            if (line != null) {
                Log.warn(line.substring("netrec: ".length()));
            }
        }
        if (jvmWide.replayer() != null) {
            jvmWide.replayer().summarize();
            writeUsage(outcome.replay(), failure);
        }
    }

    /** The cassette in use, or null when none is; the JVM's is opened by the first call. */
    CassetteInUse inUse() {
        CassetteInUse cassette = inUse;
        if (cassette == null && jvmWidePending && !NetrecThread.isCurrent()) {
            cassette = openJvmWide();
        }
        return cassette;
    }

    /** Why replay refuses everything, when the JVM's cassette could not be opened; null otherwise. */
    String refusal() {
        return refusal;
    }

    /**
     * Opens the JVM's cassette, once. When replay's cannot be loaded, why is said once, and replay then refuses
     * whatever would leave the machine with that reason; a recording that cannot start lets traffic pass untouched.
     */
    private CassetteInUse openJvmWide() {
        synchronized (opener) {
            if (!jvmWidePending || opening == Thread.currentThread()) {
                return inUse;
            }
            opening = Thread.currentThread();
            Mode decided = jvmOptions.mode();
            try {
                ModeChoice choice = ModeChoice.of(jvmOptions, LocalDate.now(ZoneOffset.UTC));
                decided = choice.refusal() != null ? Mode.REPLAY : choice.mode();
                if (choice.refusal() != null) {
                    throw new CassetteException(choice.refusal());
                }
                if (choice.warning() != null) {
                    Log.warn(choice.warning());
                }
                if (choice.note() != null) {
                    Log.info(choice.note());
                }
                jvmWide = CassetteInUse.open(jvmOptions.withMode(choice.mode()), MatchRules.none(), routes);
                Log.info(choice.mode().label() + " mode, cassette " + jvmOptions.cassette());
            } catch (IOException | RuntimeException | LinkageError | OutOfMemoryError e) {
                String reason = e instanceof CassetteException ? e.getMessage()
                        : e instanceof OutOfMemoryError ? "the cassette " + jvmOptions.cassette() + " needs more heap "
                        + "than this JVM has (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB); give it a larger "
                        + "-Xmx (a replaying JVM keeps every recorded request in its heap, about 0.4 KB each)"
                        : "cannot open the cassette " + jvmOptions.cassette() + ": " + e;
                if (decided.replays()) {
                    refusal = reason.startsWith("netrec: ") ? reason : "netrec: " + reason;
                    Log.warn(refusal.substring("netrec: ".length()));
                } else if (e instanceof IOException) {
                    Log.warn("cannot write the cassette " + jvmOptions.cassette() + ": " + e + "; recording stopped, "
                            + "the application's traffic is not affected");
                } else {
                    Log.internalError("starting to record into " + jvmOptions.cassette()
                            + "; this JVM's traffic passes unrecorded", e);
                }
            } finally {
                opening = null;
                jvmWidePending = false;
            }
            synchronized (this) {
                if (test == null) {
                    inUse = jvmWide;
                }
                return inUse;
            }
        }
    }

    /**
     * The replay's summary: this JVM's part of the launcher's, when the launcher asked for one; else the cassette's
     * own report, this JVM's added to what other JVMs of the same run wrote.
     */
    private void writeUsage(ReplayOutcome outcome, String failure) {
        String directory = System.getenv(ReplayUsage.DIRECTORY_VARIABLE);
        try {
            if (directory != null && !directory.isEmpty()) {
                ReplayUsage.write(Paths.get(directory), outcome);
            } else if (outcome != null) {
                ReplayReports.write(jvmWide.options(), outcome, failure, ReplayReports.JVM_STARTED);
            }
        } catch (IOException | RuntimeException e) {
            Log.warn("cannot write this JVM's replay summary" + (directory == null ? "" : " into " + directory) + ": "
                    + e.getMessage());
        }
    }
}
