package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import javax.net.ssl.SSLEngine;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code sun.security.ssl.SSLContextImpl#engineCreateSSLEngine(String, int)}: where a TLS client over NIO gets its
 * engine for a named server. Replay returns an identity engine showing the recorded session when the cassette has
 * that server. Without this, replayed HTTPS over NIO would attempt a real handshake with the replay server.
 */
public final class SslContextInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "sun.security.ssl.SSLContextImpl";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return Advice.to(CreateEngine.class).on(named("engineCreateSSLEngine")
                .and(takesArguments(String.class, int.class)));
    }

    /** Advice for engineCreateSSLEngine. */
    public static final class CreateEngine {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static SSLEngine enter(@Advice.Argument(0) String host, @Advice.Argument(1) int port) {
            return NetrecBridge.tlsEngineCreate(host, port);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter SSLEngine replacement, @Advice.Return(readOnly = false) SSLEngine returned) {
            if (replacement != null) {
                returned = replacement;
            }
        }
    }
}
