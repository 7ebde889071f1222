package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.List;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import netrec.runtime.bridge.NetrecBridge;

/**
 * Where work is handed to another thread: the JDK's executors. The task a test's thread submits is made to run bound
 * to that test ({@code NetrecBridge.carry}), so that tests running at the same time each keep their own cassette
 * across thread pools, scheduled pools, fork/join pools and {@code CompletableFuture}'s async stages. While no test
 * with a cassette runs, the task is left as it is.
 */
public final class TaskHandoffInstrumentation implements NetworkInstrumentation {
    private final String typeName;
    private final AsmVisitorWrapper advice;

    private TaskHandoffInstrumentation(String typeName, AsmVisitorWrapper advice) {
        this.typeName = typeName;
        this.advice = advice;
    }

    /** Each executor class whose hand-offs carry the submitting test. */
    public static List<NetworkInstrumentation> all() {
        return List.of(
                // submit(...) of ThreadPoolExecutor and most executors: the task, before it becomes a FutureTask
                new TaskHandoffInstrumentation("java.util.concurrent.AbstractExecutorService", new AsmVisitorWrapper
                        .Compound(runnableFirst("submit"), callableFirst("submit"))),
                // execute(Runnable): a FutureTask made by submit is left as it is (its task is carried already)
                new TaskHandoffInstrumentation("java.util.concurrent.ThreadPoolExecutor", runnableFirst("execute")),
                new TaskHandoffInstrumentation("java.util.concurrent.ScheduledThreadPoolExecutor",
                        new AsmVisitorWrapper.Compound(runnableFirst("schedule"), callableFirst("schedule"),
                                runnableFirst("scheduleAtFixedRate"), runnableFirst("scheduleWithFixedDelay"))),
                new TaskHandoffInstrumentation("java.util.concurrent.ForkJoinPool", new AsmVisitorWrapper.Compound(
                        runnableFirst("execute"), runnableFirst("submit"), callableFirst("submit"))),
                // CompletableFuture's own executor when the common pool has a single thread (two cores or fewer)
                new TaskHandoffInstrumentation("java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor",
                        runnableFirst("execute")));
    }

    private static AsmVisitorWrapper runnableFirst(String method) {
        return Advice.to(CarryRunnable.class).on(handingOver(method, Runnable.class));
    }

    private static AsmVisitorWrapper callableFirst(String method) {
        return Advice.to(CarryCallable.class).on(handingOver(method, Callable.class));
    }

    private static ElementMatcher<MethodDescription> handingOver(String method, Class<?> task) {
        return named(method).and(takesArgument(0, task)).and(takesArguments(1).or(takesArguments(2))
                .or(takesArguments(3)).or(takesArguments(4)));
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
        static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = NetrecBridge.carry(task);
        }
    }

    /** Advice for a method whose first argument is a Callable task. */
    public static final class CarryCallable {
        @SuppressWarnings({"rawtypes", "unused"})
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 0, readOnly = false) Callable task) {
            task = NetrecBridge.carryCallable(task);
        }
    }
}
