package netrec.runtime.tests;

/**
 * One test's use of its cassette, from its start to its end: the threads that work for the test are bound to it
 * ({@link TestThreads}), and the connections they open or move bytes on are answered from, or recorded into, its
 * cassette. {@code C} is the cassette in use.
 */
public final class RunningTest<C> {
    private final String name;
    private volatile C cassette;
    private volatile boolean ended;

    public RunningTest(String name, C cassette) {
        this.name = name;
        this.cassette = cassette;
    }

    public String name() {
        return name;
    }

    /** The test's cassette; null once the test has ended and its cassette was closed. */
    public C cassette() {
        return cassette;
    }

    /** True once the test has ended: threads and connections still bound to it belong to no test. */
    public boolean ended() {
        return ended;
    }

    public void end() {
        ended = true;
    }

    /**
     * Lets go of the closed cassette: a thread that last worked for this test, or a connection it last used, keeps
     * nothing of it alive.
     */
    public void release() {
        cassette = null;
    }

    @Override
    public String toString() {
        return name;
    }
}
