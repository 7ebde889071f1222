package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.Socket;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.agent.bridge.NetrecBridge;

/**
 * {@code sun.security.ssl.SSLSocketFactoryImpl#createSocket(Socket, String, int, boolean)}: TLS layered over a
 * connected socket, which is how HttpsURLConnection, Apache HttpClient and OkHttp start TLS, and how TLS goes
 * through a proxy's CONNECT tunnel. Record learns which plain socket now carries ciphertext (not to be recorded)
 * and which host the TLS is for; replay returns its identity TLS socket instead. Without this, HTTPS cannot be
 * replayed and proxied HTTPS is recorded under the proxy's name.
 */
public final class TlsLayeringInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "sun.security.ssl.SSLSocketFactoryImpl";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return Advice.to(Layer.class).on(named("createSocket")
                .and(takesArguments(Socket.class, String.class, int.class, boolean.class)));
    }

    /** Advice for createSocket. */
    public static final class Layer {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Socket enter(@Advice.Argument(0) Socket plain, @Advice.Argument(1) String host,
                @Advice.Argument(2) int port, @Advice.Argument(3) boolean autoClose) {
            return NetrecBridge.tlsLayerStart(plain, host, port, autoClose);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter Socket replacement, @Advice.Return(readOnly = false) Socket returned,
                @Advice.Argument(0) Socket plain, @Advice.Argument(1) String host, @Advice.Argument(2) int port) {
            if (replacement != null) {
                returned = replacement;
            } else {
                NetrecBridge.tlsLayerEnd(returned, plain, host, port);
            }
        }
    }
}
