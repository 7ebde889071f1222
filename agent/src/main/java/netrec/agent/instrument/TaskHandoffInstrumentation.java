package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import netrec.runtime.bridge.NetrecBridge;

/**
 * One executor class (the JDK's, or Netty's event loop), or a library's queued call, whose hand-offs carry the test the submitting thread works for
 * ({@code NetrecBridge.carry}), so that tests running at the same time each keep their own cassette across thread
 * pools, scheduled pools, fork/join pools and {@code CompletableFuture}'s async stages. While no test with a
 * cassette runs, a task is left as it is.
 */
public final class TaskHandoffInstrumentation implements NetworkInstrumentation {
    private final String typeName;
    private final AsmVisitorWrapper advice;

    private TaskHandoffInstrumentation(String typeName, AsmVisitorWrapper advice) {
        this.typeName = typeName;
        this.advice = advice;
    }

    /** {@code submit} of ThreadPoolExecutor and most executors: the task, before it becomes a FutureTask. */
    static TaskHandoffInstrumentation submit() {
        return new TaskHandoffInstrumentation("java.util.concurrent.AbstractExecutorService",
                new AsmVisitorWrapper.Compound(runnableFirst("submit"), callableFirst("submit")));
    }

    /** {@code execute}: a FutureTask made by submit is left as it is (its task is carried already). */
    static TaskHandoffInstrumentation threadPool() {
        return new TaskHandoffInstrumentation("java.util.concurrent.ThreadPoolExecutor", runnableFirst("execute"));
    }

    static TaskHandoffInstrumentation scheduledPool() {
        return new TaskHandoffInstrumentation("java.util.concurrent.ScheduledThreadPoolExecutor",
                new AsmVisitorWrapper.Compound(runnableFirst("schedule"), callableFirst("schedule"),
                        runnableFirst("scheduleAtFixedRate"), runnableFirst("scheduleWithFixedDelay")));
    }

    /** The common pool runs {@code CompletableFuture}'s async stages when it has two threads or more. */
    static TaskHandoffInstrumentation forkJoinPool() {
        return new TaskHandoffInstrumentation("java.util.concurrent.ForkJoinPool", new AsmVisitorWrapper.Compound(
                runnableFirst("execute"), runnableFirst("submit"), callableFirst("submit")));
    }

    /**
     * JDK 17's executor of {@code CompletableFuture}'s async stages when the common pool has a single thread (two
     * cores or fewer): a thread per task. JDK 25 has no such class (its async stages always go to a fork/join pool).
     */
    static TaskHandoffInstrumentation threadPerStage() {
        return new TaskHandoffInstrumentation("java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor",
                runnableFirst("execute"));
    }

    /**
     * Netty's event loops ({@code io.netty.util.concurrent.SingleThreadEventExecutor}, {@code typeName} being its
     * name in whichever package a library shades it into): tasks handed to them, such as a write a test asks of a
     * pooled channel. Woven where {@code execute} and {@code lazyExecute} meet (Netty 4.1.50 and later), once each
     * has decided from the task itself whether it wakes the loop. An application class, woven only once tests run
     * (see the agent's {@code LibraryHandoffs}).
     */
    public static TaskHandoffInstrumentation eventLoop(String typeName) {
        return new TaskHandoffInstrumentation(typeName, Advice.to(CarryToEventLoop.class).on(named("execute")
                .and(takesArguments(2)).and(takesArgument(0, Runnable.class)).and(takesArgument(1, boolean.class))));
    }

    /**
     * A library's call, made on a test's thread and run later by the library's own threads, from whichever thread
     * starts it (OkHttp's {@code AsyncCall}, which its dispatcher starts from the thread of a call that just ended):
     * it runs bound to the test it was made for. An application class, woven only once tests run.
     */
    public static TaskHandoffInstrumentation queuedCall(String typeName) {
        return new TaskHandoffInstrumentation(typeName, new AsmVisitorWrapper.Compound(
                Advice.to(CallQueued.class).on(isConstructor()),
                Advice.to(CallRuns.class).on(named("run").and(takesArguments(0)))));
    }

    /**
     * Netty's promises ({@code io.netty.util.concurrent.DefaultPromise}, under any package): a listener runs for the
     * test of the thread that added it, whichever thread completes the promise. Netty's DNS resolver, for one, gives
     * a connection the result of a lookup another connection began, completed in that other test's work.
     */
    public static TaskHandoffInstrumentation promise(String typeName) {
        return new TaskHandoffInstrumentation(typeName, new AsmVisitorWrapper.Compound(
                Advice.to(ListenerAdded.class).on(named("addListener0").and(takesArguments(1))),
                Advice.to(ListenerRuns.class).on(named("notifyListener0").and(takesArguments(2)))));
    }

    /**
     * Reactor's pool ({@code reactor.pool.AbstractPool$Borrower}, under any package, as Reactor Netty shades it): a
     * borrower is made for the test that asks for a resource, and the pool's drain, which serves every waiting
     * borrower from whichever thread runs it, works for each borrower's test while it serves that borrower (see
     * {@link #poolDrain}).
     */
    public static TaskHandoffInstrumentation poolBorrower(String typeName) {
        return new TaskHandoffInstrumentation(typeName, new AsmVisitorWrapper.Compound(
                Advice.to(CallQueued.class).on(isConstructor()),
                Advice.to(BorrowerServed.class).on(named("stopPendingCountdown").and(takesArguments(1)))));
    }

    /** Reactor's pool's drain ({@code reactor.pool.SimpleDequePool}): works for no test but its borrowers'. */
    public static TaskHandoffInstrumentation poolDrain(String typeName) {
        return new TaskHandoffInstrumentation(typeName,
                Advice.to(Serving.class).on(named("drainLoop").and(takesArguments(0))));
    }

    /**
     * Vert.x's connection pool's waiter ({@code io.vertx.core.net.impl.pool.PoolWaiter}, under any package): a request
     * asks the pool for a connection on its test's thread, and the waiter is made for that test; so is its
     * {@code handler}, which a lease hands the connection to (see {@link #vertxLease}).
     */
    public static TaskHandoffInstrumentation vertxWaiter(String typeName) {
        return new TaskHandoffInstrumentation(typeName, Advice.to(WaiterQueued.class).on(isConstructor()));
    }

    /**
     * Vert.x's connection pool ({@code SimpleConnectionPool}): it connects for a waiter from whichever thread runs
     * the pool's actions at that moment (the pool runs every thread's actions on the one that holds it), so the
     * connection is opened for the waiter's test.
     */
    public static TaskHandoffInstrumentation vertxPool(String typeName) {
        return new TaskHandoffInstrumentation(typeName, Advice.to(ConnectsForWaiter.class).on(named("connect")
                .and(takesArguments(2))));
    }

    /**
     * Vert.x's lease of a pooled connection ({@code SimpleConnectionPool$LeaseImpl}): handed to its waiter's handler
     * for the waiter's test, from whichever thread frees the connection or runs the pool's actions.
     */
    public static TaskHandoffInstrumentation vertxLease(String typeName) {
        return new TaskHandoffInstrumentation(typeName, Advice.to(LeaseHandedOver.class).on(named("emit")
                .and(takesArguments(0))));
    }

    private static AsmVisitorWrapper runnableFirst(String method) {
        return Advice.to(CarryRunnable.class).on(handingOver(method, Runnable.class));
    }

    private static AsmVisitorWrapper callableFirst(String method) {
        return Advice.to(CarryCallable.class).on(handingOver(method, Callable.class));
    }

    private static ElementMatcher<MethodDescription> handingOver(String method, Class<?> task) {
        return named(method).and(takesArgument(0, task)).and(not(isBridge()));
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public AsmVisitorWrapper advice() {
        return advice;
    }

    /** Advice for a method whose first argument is a Runnable task. */
    public static final class CarryRunnable {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor,
                @Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = NetrecBridge.carry(executor, task);
        }
    }

    /** Advice for an event loop's method whose first argument is a Runnable task. */
    public static final class CarryToEventLoop {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor,
                @Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = NetrecBridge.carryToEventLoop(executor, task);
        }
    }

    /** Advice for a queued call's constructor. */
    public static final class CallQueued {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object call) {
            NetrecBridge.callQueued(call);
        }
    }

    /** Advice for a queued call's {@code run()}. */
    public static final class CallRuns {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object call) {
            return NetrecBridge.callRuns(call);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object before) {
            NetrecBridge.callRan(before);
        }
    }

    /** Advice for the constructor of a pool's waiter with a {@code handler}. */
    public static final class WaiterQueued {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object waiter, @Advice.FieldValue("handler") Object handler) {
            NetrecBridge.callQueued(waiter);
            NetrecBridge.callQueued(handler);
        }
    }

    /** Advice for a pool's {@code connect(slot, waiter)}. */
    public static final class ConnectsForWaiter {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.Argument(1) Object waiter) {
            return NetrecBridge.callRuns(waiter);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object before) {
            NetrecBridge.callRan(before);
        }
    }

    /** Advice for a lease's {@code emit()}, which hands it to its waiter's {@code handler}. */
    public static final class LeaseHandedOver {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.FieldValue("handler") Object handler) {
            return NetrecBridge.callRuns(handler);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object before) {
            NetrecBridge.callRan(before);
        }
    }

    /** Advice for a promise's {@code addListener0(listener)}. */
    public static final class ListenerAdded {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object listener) {
            NetrecBridge.callQueued(listener);
        }
    }

    /** Advice for a promise's {@code notifyListener0(future, listener)}. */
    public static final class ListenerRuns {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.Argument(1) Object listener) {
            return NetrecBridge.listenerRuns(listener);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object before) {
            NetrecBridge.callRan(before);
        }
    }

    /**
     * Advice for a pool's borrower about to be served: a thread draining the pool works for its test from here
     * until it serves another or the drain ends.
     */
    public static final class BorrowerServed {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object borrower) {
            NetrecBridge.servesFor(borrower);
        }
    }

    /** Advice for a pool's drain: it serves each waiting borrower in turn, for that borrower's test. */
    public static final class Serving {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter() {
            return NetrecBridge.servingBegins();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object before) {
            NetrecBridge.servingEnds(before);
        }
    }

    /** Advice for a method whose first argument is a Callable task. */
    public static final class CarryCallable {
        @SuppressWarnings({"rawtypes", "unused"})
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor,
                @Advice.Argument(value = 0, readOnly = false) Callable task) {
            task = NetrecBridge.carryCallable(executor, task);
        }
    }
}
