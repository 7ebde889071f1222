package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.Socket;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code java.net.Socket$SocketOutputStream#write(byte[], int, int)} (JDK 17+): every byte the application writes
 * to a plain socket, and which test the write is for (tests running at once), taken as the write begins. A blocking
 * write sends all it is given or fails the connection, and taken before it, the bytes are recorded before any answer
 * to them: taken as it returned, a thread that reads the answer while the writing thread has not yet come back from
 * the kernel (a busy machine) recorded the answer first; a write that then fails says so, as what it sent may never
 * have reached the server. Without this, requests on plain HTTP are not recorded.
 */
public final class SocketOutputInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "java.net.Socket$SocketOutputStream";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return Advice.to(Write.class).on(named("write").and(takesArguments(byte[].class, int.class, int.class)));
    }

    /** Advice for write. */
    public static final class Write {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("parent") Socket socket, @Advice.Argument(0) byte[] bytes,
                @Advice.Argument(1) int offset, @Advice.Argument(2) int length) {
            NetrecBridge.writing(socket);
            NetrecBridge.plainSent(socket, bytes, offset, length);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("parent") Socket socket, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                NetrecBridge.sendFailed(socket, false);
            }
        }
    }
}
