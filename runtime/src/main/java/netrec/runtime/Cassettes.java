package netrec.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import netrec.cassette.CassetteException;
import netrec.cassette.MatchRules;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.JvmEnd;
import netrec.runtime.base.JvmStart;
import netrec.runtime.base.Log;
import netrec.runtime.base.Mode;
import netrec.runtime.base.NetrecThread;
import netrec.runtime.base.SentRequest;
import netrec.runtime.tests.RunningTest;
import netrec.runtime.tests.TestThreads;
import netrec.runtime.record.Routes;
import netrec.runtime.replay.report.ReplayOutcome;
import netrec.runtime.replay.report.ReplayUsage;

/**
 * Which cassette is in use: the JVM's, which the agent's argument names and the first network call that needs it
 * opens; or, while tests with cassettes run (the JUnit extension's), each test's own. Several tests may run at once:
 * a thread working for a test ({@link TestThreads}: the test's own, or one running work the test handed to an
 * executor) uses that test's cassette, and a connection keeps the test that last moved its bytes
 * ({@link ConnectionUse}). A thread of no test uses the one test running, when only one is; the JVM's cassette when
 * none is; and when several are, it cannot be told whose it is: replay refuses its connections and lookups with that
 * reason ({@link #refusal}), recording leaves them alone. When the JVM's cassette cannot be opened, why is said once,
 * and replay then refuses whatever would leave the machine with that reason; a recording that cannot start lets
 * traffic pass untouched.
 *
 * <p>Loading a cassette may take long (a large one, read for the first time): it is done outside this object's
 * monitor, so that the JVM's exit ({@link #stop}, in a shutdown hook) never waits for it.
 */
final class Cassettes {
    private final AgentOptions jvmOptions;
    private final Routes routes;
    private volatile CassetteInUse jvmWide;
    /** Held while the JVM's cassette is opened: the calls that need it wait for it, the JVM's exit does not. */
    private final Object opener = new Object();
    /** The tests running now, by the key the extension gave each. */
    private final Map<String, RunningTest<CassetteInUse>> tests = new ConcurrentHashMap<>();
    /** The cassette folders of the tests starting or running, which no other test may use meanwhile. */
    private final Map<Path, String> takenCassettes = new HashMap<>();
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
     * Puts {@code options}' cassette in use for the test {@code key} (named {@code testName} in messages) until
     * {@link #endTest}, in the mode {@link ModeChoice} decides (which is returned); {@code extraRules} add to the
     * cassette's {@code rules.yaml}. Other tests may be running: each has its own cassette.
     *
     * @throws IllegalStateException when a test running now uses the same cassette folder
     * @throws netrec.cassette.CassetteException when replay's cassette cannot be loaded, or has expired with
     *     {@code expired=fail}
     */
    ModeChoice beginTest(String key, String testName, AgentOptions options, MatchRules extraRules)
            throws IOException {
        Path folder = options.cassette().toAbsolutePath().normalize();
        synchronized (this) {
            String other = takenCassettes.get(folder);
            if (other != null) {
                throw new IllegalStateException("netrec: " + testName + " started while " + other + " is using the "
                        + "same cassette " + folder + "; tests running at the same time need a cassette each. Give "
                        + "each its own (@Netrec(\"name\"), or none: the test's own name), or run these one at a "
                        + "time (JUnit: @Execution(ExecutionMode.SAME_THREAD) on their class, or @ResourceLock)");
            }
            takenCassettes.put(folder, testName);
        }
        ModeChoice choice;
        CassetteInUse cassette;
        StoredCassettes.Copy stored = null;
        try {
            stored = takeStored(options);
            choice = ModeChoice.of(options, LocalDate.now(ZoneOffset.UTC));
            if (choice.refusal() != null) {
                throw new CassetteException(choice.refusal());
            }
            if (choice.warning() != null) {
                Log.warn(testName + ": " + choice.warning());
            }
            checkStored(stored, options, choice.mode());
            cassette = CassetteInUse.open(options.withMode(choice.mode()), extraRules, routes, Instant.now(), stored);
            cassette.keepSentRequests();
        } catch (IOException | RuntimeException | Error e) {
            if (stored != null) {
                stored.release();
            }
            synchronized (this) {
                takenCassettes.remove(folder);
            }
            throw e;
        }
        tests.put(key, new RunningTest<>(testName, cassette));
        TestThreads.started();
        return choice;
    }

    /**
     * The running test {@code key}, to bind the threads that work for it ({@link TestThreads#bind}); null when no
     * such test runs.
     */
    RunningTest<CassetteInUse> runningTest(String key) {
        return tests.get(key);
    }

    /**
     * Ends the test {@code key}'s use of its cassette: its recording is published when the test passed
     * ({@code failure} null) and kept as a failed attempt when not; says how it went, or null when no such test runs.
     */
    CassetteOutcome endTest(String key, String failure) {
        RunningTest<CassetteInUse> test = tests.remove(key);
        if (test == null) {
            return null;
        }
        test.end();
        TestThreads.ended();
        CassetteInUse cassette = test.cassette();
        try {
            return cassette.close(failure);
        } finally {
            cassette.letGo();
            test.release();
            synchronized (this) {
                takenCassettes.remove(cassette.options().cassette().toAbsolutePath().normalize());
            }
        }
    }

    /**
     * The HTTP requests the application sent while the test {@code key}'s cassette has been in use, in order.
     *
     * @throws IllegalStateException when no such test runs
     */
    List<SentRequest> sentRequests(String key) {
        RunningTest<CassetteInUse> test = key == null ? null : tests.get(key);
        if (test == null) {
            throw new IllegalStateException("netrec: what was sent is known while a test's cassette is in use: ask "
                    + "from a test that has @Netrec (on it or on its class), while it runs");
        }
        return test.cassette().sentRequests();
    }

    /**
     * Writes what is pending, at JVM exit: the JVM's recording is published when the JVM ends well (exit status 0,
     * {@link JvmEnd}), and anything else is said in one line; replay's summary is said, and written.
     */
    synchronized void stop() {
        for (RunningTest<CassetteInUse> test : tests.values()) {
            test.end();
            try {
                test.cassette().close("the JVM ended while " + test.name() + " was running");
            } finally {
                test.cassette().letGo();
            }
        }
        tests.clear();
        if (jvmWide == null) {
            return;
        }
        String failure = JvmEnd.why();
        try {
            stopJvmWide(failure);
        } finally {
            jvmWide.letGo();
        }
    }

    /** Ends the JVM's cassette's use, which {@code failure} (null when none) ended: see {@link #stop}. */
    private void stopJvmWide(String failure) {
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

    /**
     * The cassette the current thread uses, or null when none is: its test's, the one test's running, or the JVM's
     * (opened by the first call); null too when several tests run and this thread works for none of them.
     */
    CassetteInUse inUse() {
        RunningTest<CassetteInUse> test = currentTest();
        if (test != null) {
            return test.cassette();
        }
        if (!tests.isEmpty()) {
            RunningTest<CassetteInUse> only = onlyTest();
            return only == null ? null : only.cassette();
        }
        CassetteInUse cassette = jvmWide;
        if (cassette == null && jvmWidePending && !NetrecThread.isCurrent()) {
            cassette = openJvmWide();
        }
        return cassette;
    }

    /**
     * The running test the current thread works for, or null. Every running test is this JVM's one Cassettes', so
     * the binding needs no lookup (this runs for every byte a test's connection moves).
     */
    @SuppressWarnings("unchecked")
    RunningTest<CassetteInUse> currentTest() {
        return (RunningTest<CassetteInUse>) TestThreads.current();
    }

    /** The one test running now, or null when none or several are. */
    private RunningTest<CassetteInUse> onlyTest() {
        RunningTest<CassetteInUse> only = null;
        for (RunningTest<CassetteInUse> test : tests.values()) {
            if (only != null) {
                return null;
            }
            only = test;
        }
        return only;
    }

    /**
     * Why replay refuses what the current thread would send out of the machine when {@link #inUse} is null: the
     * JVM's cassette could not be opened; or several tests run, some replaying, and this thread works for none of
     * them. Null otherwise.
     */
    String refusal() {
        String unattributed = unattributed();
        if (unattributed != null) {
            for (RunningTest<CassetteInUse> test : tests.values()) {
                if (test.cassette().mode().replays()) {
                    return unattributed;
                }
            }
        }
        return refusal;
    }

    /**
     * Why the current thread's traffic goes to no cassette while several tests run and it works for none of them;
     * null when it does not.
     */
    String unattributed() {
        if (tests.size() < 2 || currentTest() != null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (RunningTest<CassetteInUse> test : tests.values()) {
            names.add(test.name());
        }
        Collections.sort(names);
        return "netrec: the thread " + Thread.currentThread().getName() + " works for none of the " + names.size()
                + " tests running at once (" + String.join(", ", names) + "), so netrec cannot tell whose cassette "
                + "its traffic belongs to. Work a test hands to an executor, a thread pool, CompletableFuture or "
                + "Netty's event loops is told apart; a thread the test starts itself, or a library's own thread "
                + "doing work for whichever callers wait, is not: run these tests one at a time (JUnit: "
                + "@Execution(ExecutionMode.SAME_THREAD) on their class)";
    }

    /**
     * Opens the JVM's cassette, once. When replay's cannot be loaded, why is said once, and replay then refuses
     * whatever would leave the machine with that reason; a recording that cannot start lets traffic pass untouched.
     */
    private CassetteInUse openJvmWide() {
        synchronized (opener) {
            if (!jvmWidePending || opening == Thread.currentThread()) {
                return jvmWide;
            }
            opening = Thread.currentThread();
            Mode decided = jvmOptions.mode();
            StoredCassettes.Copy stored = null;
            try {
                stored = takeStored(jvmOptions);
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
                checkStored(stored, jvmOptions, choice.mode());
                jvmWide = CassetteInUse.open(jvmOptions.withMode(choice.mode()), MatchRules.none(), routes,
                        stored == null ? JvmStart.instant() : Instant.now(), stored); // fetched files: not beside it
                Log.info(choice.mode().label() + " mode, cassette " + jvmOptions.cassette());
            } catch (IOException | RuntimeException | LinkageError | OutOfMemoryError e) {
                if (stored != null) {
                    stored.release();
                }
                String reason = e instanceof CassetteException ? e.getMessage()
                        : e instanceof OutOfMemoryError ? "the cassette " + jvmOptions.cassette() + " needs more heap "
                        + "than this JVM has (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB); give it a larger "
                        + "-Xmx (a replaying JVM keeps every recorded request in its heap, about 0.4 KB each)"
                        : "cannot open the cassette " + jvmOptions.cassette() + ": " + e;
                if (decided.replays()) {
                    refusal = reason.startsWith("netrec: ") ? reason : "netrec: " + reason;
                    Log.warn(refusal.substring("netrec: ".length()));
                } else if (e instanceof CassetteException) {
                    Log.warn(reason + "; recording stopped, the application's traffic is not affected");
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
            return jvmWide;
        }
    }

    /**
     * This machine's copy of {@code options}' stored cassette, taken and brought up to the store's on a thread of
     * netrec's own (its requests are netrec's, never the application's); null for a cassette folder.
     */
    private static StoredCassettes.Copy takeStored(AgentOptions options) {
        String address = options.store();
        if (address == null) {
            return null;
        }
        boolean bodiesOnUse = options.bodiesOnUse() && options.mode() == Mode.REPLAY; // a recording publishes it whole
        try {
            return NetrecThread.call("store", () -> Engine.storedCassettes().take(address, bodiesOnUse));
        } catch (IOException e) {
            throw new CassetteException("netrec: cannot fetch " + address + " into " + options.cassette() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Refuses a stored cassette that {@code mode} cannot use: a replay of one the store lacks, which would answer
     * nothing; a recording while the store gives no answer, which, published later, could replace a newer cassette
     * than the one this machine fetched last. Says when a replay uses the copy fetched last.
     */
    private static void checkStored(StoredCassettes.Copy stored, AgentOptions options, Mode mode) {
        if (stored == null) {
            return;
        }
        if (!stored.inStore() && mode.replays() && !mode.recordsMisses()) {
            throw new CassetteException("netrec: " + options.store() + " is not in the store, so replay would answer "
                    + "nothing; check the cassette's address, or record it first (record or once)");
        }
        if (stored.staleBecause() != null && mode.records()) {
            throw new CassetteException("netrec: " + stored.staleBecause() + ", and a recording published later "
                    + "could replace a newer cassette than that one: record when the store answers again");
        }
        if (stored.staleBecause() != null) {
            Log.warn(stored.staleBecause());
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
                ReplayReports.write(jvmWide.options(), outcome, failure, JvmStart.instant());
            }
        } catch (IOException | RuntimeException e) {
            Log.warn("cannot write this JVM's replay summary" + (directory == null ? "" : " into " + directory) + ": "
                    + e.getMessage());
        }
    }
}
