package netrec.runtime.tests;

import java.util.concurrent.Callable;
import java.util.concurrent.RunnableFuture;

/**
 * Which running test a thread works for. The test's own thread is bound when the test starts; work it hands to an
 * executor (a thread pool, a scheduled pool, a fork/join pool, {@code CompletableFuture}'s async stages) carries the
 * binding with it, as OpenTelemetry's agent carries its context: each task runs bound to the test of the thread that
 * submitted it, and a task submitted by a thread of no test runs bound to the test of the connection that thread
 * last moved bytes of (a client's own selector thread hands on each exchange it advances), or to none, whatever
 * test the pool's thread last worked for. Tasks are wrapped only while tests with cassettes run, so a JVM without
 * them pays nothing.
 */
public final class TestThreads {
    private static final ThreadLocal<RunningTest<?>> BOUND = new ThreadLocal<>();
    private static final ThreadLocal<RunningTest<?>> FOLLOWED = new ThreadLocal<>();
    private static volatile int running;

    private TestThreads() {
    }

    /** The test the current thread works for, or null: none, or one that has ended. */
    public static RunningTest<?> current() {
        if (running == 0) {
            return null;
        }
        RunningTest<?> test = BOUND.get();
        return test == null || test.ended() ? null : test;
    }

    /** Binds the current thread to {@code test} (null: to none); returns what it was bound to, to restore. */
    public static RunningTest<?> bind(RunningTest<?> test) {
        RunningTest<?> before = BOUND.get();
        if (test == null) {
            BOUND.remove();
        } else {
            BOUND.set(test);
        }
        return before;
    }

    /**
     * The current thread, bound to no test, moved bytes of a connection that belongs to {@code test} (null: to
     * none): the work it hands on from here (a client's selector thread finishing a connect or reading an answer,
     * then passing the exchange to the client's executor) is that test's.
     */
    public static void follow(RunningTest<?> test) {
        if (test == null) {
            FOLLOWED.remove();
        } else {
            FOLLOWED.set(test);
        }
    }

    /** The test a task submitted now works for: the submitting thread's, or the one it followed last. */
    private static RunningTest<?> submitters() {
        RunningTest<?> test = BOUND.get();
        return test != null ? test : FOLLOWED.get();
    }

    /** A test started: tasks submitted from now on carry their submitter's test. */
    public static synchronized void started() {
        running++;
    }

    /** A test ended. */
    public static synchronized void ended() {
        running--;
    }

    /**
     * {@code task}, made to run bound to the current thread's test; itself while no test runs. A
     * {@link RunnableFuture} is left as it is: an executor's {@code submit} made it from a task carried already, and
     * the application may get it back from the executor ({@code shutdownNow}).
     */
    public static Runnable carry(Runnable task) {
        if (running == 0 || task == null || task instanceof CarriedRunnable || task instanceof RunnableFuture) {
            return task;
        }
        return new CarriedRunnable(task, submitters());
    }

    /** {@code task}, made to run bound to the current thread's test; itself while no test runs. */
    public static <V> Callable<V> carry(Callable<V> task) {
        if (running == 0 || task == null || task instanceof CarriedCallable) {
            return task;
        }
        return new CarriedCallable<>(task, submitters());
    }

    private static final class CarriedRunnable implements Runnable {
        private final Runnable task;
        private final RunningTest<?> test;

        CarriedRunnable(Runnable task, RunningTest<?> test) {
            this.task = task;
            this.test = test;
        }

        @Override
        public void run() {
            RunningTest<?> followed = FOLLOWED.get();
            FOLLOWED.remove();
            RunningTest<?> before = bind(test);
            try {
                task.run();
            } finally {
                bind(before);
                follow(followed);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    private static final class CarriedCallable<V> implements Callable<V> {
        private final Callable<V> task;
        private final RunningTest<?> test;

        CarriedCallable(Callable<V> task, RunningTest<?> test) {
            this.task = task;
            this.test = test;
        }

        @Override
        public V call() throws Exception {
            RunningTest<?> followed = FOLLOWED.get();
            FOLLOWED.remove();
            RunningTest<?> before = bind(test);
            try {
                return task.call();
            } finally {
                bind(before);
                follow(followed);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }
}
