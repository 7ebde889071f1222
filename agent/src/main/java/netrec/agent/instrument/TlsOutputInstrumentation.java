package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.Socket;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code sun.security.ssl.SSLSocketImpl$AppOutputStream#write(byte[], int, int)}: the plaintext the application
 * writes to an SSLSocket, before encryption. Taken as the write begins once the handshake is done (so that an answer
 * read on another thread is never recorded before it, as for a plain socket's write), and as the first write returns,
 * which is what makes the handshake (what is read meanwhile is recorded after it). Without this, HTTPS requests are
 * not recorded.
 */
public final class TlsOutputInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "sun.security.ssl.SSLSocketImpl$AppOutputStream";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return Advice.to(Write.class).on(named("write").and(takesArguments(byte[].class, int.class, int.class)));
    }

    /** Advice for write. */
    public static final class Write {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.FieldValue("this$0") Socket socket, @Advice.Argument(0) byte[] bytes,
                @Advice.Argument(1) int offset, @Advice.Argument(2) int length) {
            return NetrecBridge.tlsSending(socket, bytes, offset, length);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("this$0") Socket socket, @Advice.Argument(0) byte[] bytes,
                @Advice.Argument(1) int offset, @Advice.Argument(2) int length, @Advice.Enter boolean taken,
                @Advice.Thrown Throwable thrown) {
            if (thrown != null && taken) {
                NetrecBridge.sendFailed(socket, true);
            }
            if (!taken) {
                NetrecBridge.tlsSent(socket, bytes, offset, thrown == null ? length : 0); // a failed one: none sent
            }
        }
    }
}
