package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code sun.security.ssl.SSLSocketFactoryImpl#createSocket}, where every JDK TLS socket is born.
 *
 * <p>{@code createSocket(Socket, String, int, boolean)} layers TLS over a connected socket, which is how Apache
 * HttpClient and OkHttp start TLS, and how TLS goes through a proxy's CONNECT tunnel. Record learns which plain
 * socket now carries ciphertext (not to be recorded) and which host the TLS is for; replay returns its identity TLS
 * socket instead.
 *
 * <p>{@code createSocket()} and the {@code (host, port[, localAddress, localPort])} forms make sockets that connect
 * by themselves, as HttpsURLConnection's do. Replay returns a socket that connects first and then layers TLS through
 * the same factory; record needs nothing, as such a socket connects through {@code Socket.connect}.
 *
 * <p>Without this, HTTPS cannot be replayed, and proxied HTTPS is recorded under the proxy's name.
 */
public final class TlsSocketFactoryInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "sun.security.ssl.SSLSocketFactoryImpl";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return new AsmVisitorWrapper.Compound(
                Advice.to(Layer.class).on(named("createSocket")
                        .and(takesArguments(Socket.class, String.class, int.class, boolean.class))),
                Advice.to(Create.class).on(named("createSocket").and(takesArguments(0)
                        .or(takesArguments(2).or(takesArguments(4)).and(not(takesArgument(0, Socket.class)))))));
    }

    /** Advice for createSocket over a connected socket. */
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

    /** Advice for the createSocket forms that connect by themselves. */
    public static final class Create {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static NetrecBridge.TlsSocket enter(@Advice.This SSLSocketFactory factory,
                @Advice.AllArguments Object[] arguments) {
            return NetrecBridge.tlsSocketCreate(factory, arguments);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter NetrecBridge.TlsSocket replacement,
                @Advice.Return(readOnly = false) Socket returned, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (replacement != null && replacement.socket != null) {
                returned = replacement.socket;
            } else if (replacement != null) {
                thrown = replacement.failure;
            }
        }
    }
}
