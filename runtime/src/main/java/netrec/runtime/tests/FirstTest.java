package netrec.runtime.tests;

/**
 * What is done once, as the first test with a cassette starts, before its code runs, on its thread: what only tests
 * running at once need, which a JVM that runs none should not pay for. Apart from {@link TestThreads}, and with no
 * atomic classes (the first {@code AtomicReference} of a JVM builds a VarHandle, 2 ms), so that such a JVM pays only
 * for loading this class as the agent starts.
 */
public final class FirstTest {
    /** The action, until the first test takes it; then null. Read and written under the class's lock. */
    private static Runnable action;
    /** True until the action has been done: the one check a test pays once it has. */
    private static volatile boolean pending;

    private FirstTest() {
    }

    /** Has {@code action} done as the first test with a cassette starts. */
    public static void onStart(Runnable action) {
        synchronized (FirstTest.class) {
            FirstTest.action = action;
            pending = true;
        }
    }

    /** A test is starting: the action runs now if no test ran before; tests starting meanwhile wait for it. */
    static void starting() {
        if (pending) {
            synchronized (FirstTest.class) { // only tests starting come here, and only until the action is done
                Runnable first = action;
                if (first == null) {
                    return; // done already (or being done by this very thread)
                }
                action = null;
                try {
                    first.run();
                } finally {
                    pending = false;
                }
            }
        }
    }
}
