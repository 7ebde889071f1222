package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.Socket;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code sun.security.ssl.SSLSocketImpl$AppInputStream#read(byte[], int, int)}: the decrypted bytes an SSLSocket
 * hands the application. This is how netrec records HTTPS with no proxy and no CA: it sees the plaintext inside
 * the JVM. Without this, HTTPS responses are not recorded.
 */
public final class TlsInputInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "sun.security.ssl.SSLSocketImpl$AppInputStream";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return Advice.to(Read.class).on(named("read").and(takesArguments(byte[].class, int.class, int.class)));
    }

    /** Advice for read. */
    public static final class Read {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("this$0") Socket socket, @Advice.Argument(0) byte[] bytes,
                @Advice.Argument(1) int offset, @Advice.Return int count, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                NetrecBridge.tlsReceived(socket, bytes, offset, count);
            }
        }
    }
}
