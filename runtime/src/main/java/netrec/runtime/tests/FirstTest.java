package netrec.runtime.tests;

/**
 * What is done once, as the first test with a cassette starts, before its code runs, on its thread: what only tests
 * running at once need, which a JVM that runs none should not pay for. Apart from {@link TestThreads}, and with no
 * atomic classes (the first {@code AtomicReference} of a JVM builds a VarHandle, 2 ms), so that such a JVM pays only
 * for loading this class as the agent starts.
 */
public final class FirstTest {
    /** The action, until the first test starts; then null. */
    private static volatile Runnable action;

    private FirstTest() {
    }

    /** Has {@code action} done as the first test with a cassette starts. */
    public static void onStart(Runnable action) {
        FirstTest.action = action;
    }

    /** A test is starting: the action runs now if no test ran before; tests starting meanwhile wait for it. */
    static void starting() {
        if (action != null) {
            synchronized (FirstTest.class) { // other threads than tests' never wait here
                Runnable first = action;
                action = null;
                if (first != null) {
                    first.run();
                }
            }
        }
    }
}
