package netrec.runtime;

import netrec.runtime.record.Recorder;
import netrec.runtime.replay.Replayer;
import netrec.runtime.tests.RunningTest;
import netrec.runtime.tests.TestThreads;

/**
 * Whose cassette one connection's bytes go to or come from: the test of the thread moving them, when it works for a
 * running test; else the test whose thread last moved them (a response read by a client's own reader thread belongs
 * to the test that sent the request), and that thread then follows the test ({@link TestThreads#follow}) in the
 * work it hands on; else whatever {@link Cassettes#inUse} gives a thread of no test. A pooled connection that a
 * test leaves open is the next test's as soon as that test's thread writes on it; or, for a client that says when
 * it takes a connection from its pool for an exchange (the JDK HttpClient), as soon as that test's exchange takes it.
 */
final class ConnectionUse {
    private final Cassettes cassettes;
    private volatile RunningTest<CassetteInUse> owner;
    /**
     * True once the client said itself which exchange takes the connection ({@link #claim}): from then on only
     * that decides, as the client's own threads may write for the next exchange while they work for the last.
     */
    private volatile boolean claimedByClient;

    /** The use of a connection opened now, by the current thread: its test, if it works for one, owns it. */
    ConnectionUse(Cassettes cassettes) {
        this.cassettes = cassettes;
        this.owner = cassettes.currentTest();
    }

    /** The cassette this connection's bytes go to or come from now, or null for none. */
    CassetteInUse cassette() {
        RunningTest<CassetteInUse> current = cassettes.currentTest();
        RunningTest<CassetteInUse> last = owner;
        if (current != null && (!claimedByClient || last == null || last.ended())) {
            owner = current;
            return current.cassette();
        }
        if (current == null) {
            TestThreads.follow(last);
        }
        if (last != null && !last.ended()) {
            return last.cassette();
        }
        return cassettes.inUse();
    }

    /** The client takes the connection for an exchange on the current thread: it serves that thread's test. */
    void claim() {
        RunningTest<CassetteInUse> current = cassettes.currentTest();
        if (current != null) {
            owner = current;
            claimedByClient = true;
        }
    }

    Recorder recorder() {
        CassetteInUse cassette = cassette();
        return cassette == null ? null : cassette.recorder();
    }

    Replayer replayer() {
        CassetteInUse cassette = cassette();
        return cassette == null ? null : cassette.replayer();
    }
}
