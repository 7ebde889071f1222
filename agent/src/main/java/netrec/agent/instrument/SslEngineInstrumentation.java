package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code sun.security.ssl.SSLEngineImpl#wrap} and {@code #unwrap} in their six-argument forms, where every overload
 * ends: the plaintext an application hands the engine (the sources a wrap consumed) and gets back (the
 * destinations an unwrap filled). This is how netrec sees HTTPS of the JDK HttpClient, Netty and Jetty with no proxy.
 * Without this, TLS over NIO is not recorded.
 */
public final class SslEngineInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "sun.security.ssl.SSLEngineImpl";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return new AsmVisitorWrapper.Compound(
                Advice.to(Wrap.class).on(named("wrap").and(takesArguments(ByteBuffer[].class, int.class, int.class,
                        ByteBuffer[].class, int.class, int.class))),
                Advice.to(Unwrap.class).on(named("unwrap").and(takesArguments(ByteBuffer[].class, int.class,
                        int.class, ByteBuffer[].class, int.class, int.class))));
    }

    /** Advice for wrap: what was consumed from the sources. */
    public static final class Wrap {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int[] enter(@Advice.Argument(0) ByteBuffer[] sources, @Advice.Argument(1) int offset,
                @Advice.Argument(2) int length) {
            return NetrecBridge.positions(sources, offset, length);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This SSLEngine engine, @Advice.Argument(0) ByteBuffer[] sources,
                @Advice.Argument(1) int offset, @Advice.Enter int[] before, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                NetrecBridge.tlsEngineSent(engine, sources, offset, before);
            }
        }
    }

    /** Advice for unwrap: what was produced into the destinations. */
    public static final class Unwrap {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int[] enter(@Advice.Argument(3) ByteBuffer[] destinations, @Advice.Argument(4) int offset,
                @Advice.Argument(5) int length) {
            return NetrecBridge.positions(destinations, offset, length);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This SSLEngine engine, @Advice.Argument(3) ByteBuffer[] destinations,
                @Advice.Argument(4) int offset, @Advice.Enter int[] before, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                NetrecBridge.tlsEngineReceived(engine, destinations, offset, before);
            }
        }
    }
}
