package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code java.lang.Thread#dispatchUncaughtException(Throwable)}: a thread ends with an exception nothing caught. When
 * it is the main thread, the {@code java} launcher exits with status 1 without calling {@code System.exit}, so this
 * is the only sign of it. Without this, a program whose {@code main} threw would count as having ended well, and its
 * recording would be published.
 */
public final class UncaughtExceptionInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "java.lang.Thread";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return Advice.to(Uncaught.class).on(named("dispatchUncaughtException").and(takesArguments(Throwable.class)));
    }

    /** Advice for dispatchUncaughtException: which thread, to the bridge. */
    public static final class Uncaught {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Thread thread) {
            NetrecBridge.uncaught(thread);
        }
    }
}
