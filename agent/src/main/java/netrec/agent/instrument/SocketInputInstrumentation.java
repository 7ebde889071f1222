package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.io.IOException;
import java.net.Socket;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code java.net.Socket$SocketInputStream#read(byte[], int, int)} (JDK 17+): every byte a plain socket's input
 * stream hands the application, its single-byte read included. Record copies them; replay turns the end of a
 * connection it could not answer into netrec's explanation. Without this, responses on plain HTTP are not recorded
 * and replay misses surface as a bare "unexpected end of file".
 */
public final class SocketInputInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "java.net.Socket$SocketInputStream";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return Advice.to(Read.class).on(named("read").and(takesArguments(byte[].class, int.class, int.class)));
    }

    /** Advice for read. */
    public static final class Read {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("parent") Socket socket, @Advice.Argument(0) byte[] bytes,
                @Advice.Argument(1) int offset, @Advice.Return int count,
                @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (thrown == null) {
                IOException failure = NetrecBridge.plainReceived(socket, bytes, offset, count);
                if (failure != null) {
                    thrown = failure;
                }
            }
        }
    }
}
