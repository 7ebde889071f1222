package netrec.runtime.tests;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Which running test a thread works for. The test's own thread is bound while the test's code runs; work it hands
 * to an executor (a thread pool, a scheduled pool, a fork/join pool, {@code CompletableFuture}'s async stages)
 * carries the binding with it, as OpenTelemetry's agent carries its context: each task runs bound to the test of the
 * thread that submitted it. A task submitted by a thread of no test runs bound to the test of the connection that
 * thread last moved bytes of ({@link #follow}: a client's own selector thread hands on each exchange it advances),
 * or to none, whatever test the pool's thread last worked for. A library's own event loop (Netty's) carries the
 * test of a thread that works for one, and nothing else ({@link #carryToEventLoop}); a library's call, listener or
 * waiter made for a test is run or served for that test, whichever thread does it ({@link #queued}, {@link #runs},
 * {@link #listenerRuns}, {@link #servesFor}). Nothing is wrapped while no test with a cassette runs.
 *
 * <p>A task is carried by wrapping it, so the executor holds the wrapper instead: tasks that an executor or the
 * application may look at again are left as they are, and are not carried (see {@link #carry(Object, Runnable)}).
 */
public final class TestThreads {
    private static final ThreadLocal<RunningTest<?>> BOUND = new ThreadLocal<>();
    private static final ThreadLocal<RunningTest<?>> FOLLOWED = new ThreadLocal<>();
    /** Per executor class: whether it may see a wrapper where it gave a task (it overrides a hook that gets it). */
    private static final ClassValue<Boolean> LOOKS_AT_TASKS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c.getClassLoader() != null; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    switch (method.getName()) {
                        case "beforeExecute":
                        case "afterExecute":
                        case "newTaskFor":
                        case "decorateTask":
                            return true;
                        default:
                            break;
                    }
                }
            }
            return false;
        }
    };
    private static volatile int running;
    /**
     * The test each queued call of a library was made for ({@link #queued}), until it runs: a library that starts
     * waiting calls from whichever thread comes by next (OkHttp's dispatcher) would give them that thread's test.
     */
    private static final Map<Object, RunningTest<?>> QUEUED = Collections.synchronizedMap(new WeakHashMap<>());
    /** True on a thread serving a library's waiters one after another ({@link #servingBegins}). */
    private static final ThreadLocal<Boolean> SERVING = new ThreadLocal<>();

    private TestThreads() {
    }

    /** True while tests with cassettes run in this JVM. */
    public static boolean anyRunning() {
        return running > 0;
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
     * The current thread, bound to no test, moved bytes of a connection that serves {@code test} (null: none): the
     * work it hands on from here (a client's selector thread finishing a connect or reading an answer, then passing
     * the exchange to the client's executor) is that test's.
     */
    public static void follow(RunningTest<?> test) {
        if (test == null || test.ended()) {
            FOLLOWED.remove();
        } else {
            FOLLOWED.set(test);
        }
    }

    /** A test started: tasks submitted from now on carry their submitter's test. */
    public static void started() {
        try {
            FirstTest.starting();
        } finally {
            synchronized (TestThreads.class) {
                running++;
            }
        }
    }

    /** A test ended. */
    public static synchronized void ended() {
        running--;
    }

    /**
     * {@code task}, handed to {@code executor}, made to run bound to the current thread's test; itself while no test
     * runs, and itself where a wrapper could be seen: a {@link RunnableFuture} (an executor's {@code submit} made it
     * from a task carried already; a future made by the application is its own), a fork/join task of the
     * application's (only {@code CompletableFuture}'s own are wrapped), a task of a pool whose queue orders its tasks,
     * or of an executor class that overrides a hook given its tasks ({@code beforeExecute}, {@code newTaskFor}...).
     */
    public static Runnable carry(Object executor, Runnable task) {
        if (running == 0 || task == null || task instanceof CarriedRunnable || task instanceof RunnableFuture
                || task instanceof ForkJoinTask && !(task instanceof CompletableFuture.AsynchronousCompletionTask)
                || looksAtTasks(executor)) {
            return task;
        }
        return new CarriedRunnable(task, submitters());
    }

    /**
     * As {@link #carry(Object, Runnable)}, for a task handed to a library's event loop (Netty's): carried only when
     * the submitting thread itself works for a test. An event loop hands tasks to itself all the time, for whichever
     * connection it serves, so the test it last moved bytes for says nothing of them.
     */
    public static Runnable carryToEventLoop(Object executor, Runnable task) {
        if (running == 0 || task == null || task instanceof CarriedRunnable || task instanceof RunnableFuture) {
            return task;
        }
        RunningTest<?> test = BOUND.get();
        return test == null || test.ended() ? task : new CarriedRunnable(task, test);
    }

    /** {@code call}, a library's call to be run later by its own threads, is made now for the current thread's test. */
    public static void queued(Object call) {
        if (running == 0) {
            return;
        }
        RunningTest<?> test = BOUND.get();
        if (test != null) {
            QUEUED.put(call, test);
        }
    }

    /**
     * {@code call}, queued earlier ({@link #queued}), runs on the current thread: bound to the test it was made for,
     * and to none when that test has ended or it was made for none (not to the test of whichever call started it);
     * returns what to {@link #bind} again once it has run.
     */
    public static RunningTest<?> runs(Object call) {
        if (running == 0) {
            return BOUND.get();
        }
        RunningTest<?> test = QUEUED.remove(call);
        return bind(test == null || test.ended() ? null : test);
    }

    /**
     * {@code listener}, added to a library's promise earlier ({@link #queued}), runs on the current thread: bound to
     * the test of the thread that added it, when that thread worked for one; else as the thread is. Returns what to
     * {@link #bind} again once it has run.
     */
    public static RunningTest<?> listenerRuns(Object listener) {
        RunningTest<?> test = running == 0 ? null : QUEUED.remove(listener);
        return test == null || test.ended() ? BOUND.get() : bind(test);
    }

    /**
     * The current thread begins to serve a library's waiters, whichever asked (Reactor's pool draining its borrowers):
     * it works for no test but while it serves a waiter ({@link #servesFor}). Returns what to give
     * {@link #servingEnds}.
     */
    public static RunningTest<?> servingBegins() {
        if (running == 0) {
            return BOUND.get();
        }
        SERVING.set(Boolean.TRUE);
        return bind(null);
    }

    /** While serving ({@link #servingBegins}), the current thread serves {@code waiter}, queued earlier. */
    public static void servesFor(Object waiter) {
        if (running == 0 || SERVING.get() == null) {
            return;
        }
        RunningTest<?> test = QUEUED.get(waiter);
        bind(test == null || test.ended() ? null : test);
    }

    /** The serving {@link #servingBegins} began ends: the thread is bound again as it was, {@code before}. */
    public static void servingEnds(RunningTest<?> before) {
        SERVING.remove();
        bind(before);
    }

    /** As {@link #carry(Object, Runnable)}, for a task that answers. */
    public static <V> Callable<V> carry(Object executor, Callable<V> task) {
        if (running == 0 || task == null || task instanceof CarriedCallable || looksAtTasks(executor)) {
            return task;
        }
        return new CarriedCallable<>(task, submitters());
    }

    private static boolean looksAtTasks(Object executor) {
        if (executor instanceof ThreadPoolExecutor
                && ((ThreadPoolExecutor) executor).getQueue() instanceof PriorityBlockingQueue) {
            return true;
        }
        return executor != null && LOOKS_AT_TASKS.get(executor.getClass());
    }

    /** The test a task submitted now works for: the submitting thread's, or the one it followed last. */
    private static RunningTest<?> submitters() {
        RunningTest<?> test = BOUND.get();
        if (test == null) {
            test = FOLLOWED.get();
        }
        return test == null || test.ended() ? null : test;
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
