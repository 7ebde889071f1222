package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code java.lang.Shutdown#exit(int)}: every {@code System.exit}, {@code Runtime.exit} and ending signal (the JDK
 * handles SIGTERM, SIGINT and SIGHUP by calling it with 128 plus the signal's number) passes here with the JVM's exit
 * status, before the shutdown hooks run. Without this, netrec's hook could not tell a JVM that exits with 0 from one
 * that fails, and would publish a failed recording over the cassette.
 */
public final class ExitStatusInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "java.lang.Shutdown";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return Advice.to(Exit.class).on(named("exit").and(takesArguments(int.class)));
    }

    /** Advice for exit: the status, to the bridge. */
    public static final class Exit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) int status) {
            NetrecBridge.exiting(status);
        }
    }
}
