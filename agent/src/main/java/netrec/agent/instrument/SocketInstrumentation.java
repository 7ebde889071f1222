package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code java.net.Socket#connect(SocketAddress, int)} and {@code #close()}: every blocking TCP connection starts and
 * ends here (constructors that connect call this connect too; SSLSocketImpl connects through it). Replay swaps in
 * the implementation that answers the socket in-process (its {@code impl} field), redirects the connect to its
 * in-JVM server, or refuses it; record notes the destination as the application named it.
 * Without this, no blocking connection is recorded or replayed.
 */
public final class SocketInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "java.net.Socket";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return new AsmVisitorWrapper.Compound(
                Advice.to(Connect.class).on(named("connect").and(takesArguments(SocketAddress.class, int.class))),
                Advice.to(Close.class).on(named("close").and(takesArguments(0))));
    }

    /** Advice for connect. */
    public static final class Connect {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.This Socket socket,
                @Advice.Argument(value = 0, readOnly = false) SocketAddress endpoint,
                @Advice.FieldValue(value = "impl", readOnly = false) SocketImpl impl) {
            NetrecBridge.Connect decision = NetrecBridge.connectStart(socket, impl, endpoint);
            if (decision == null) {
                return null;
            }
            if (decision.destination != null) {
                endpoint = decision.destination;
            }
            if (decision.implementation != null) {
                impl = decision.implementation;
            }
            return decision.refusal;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Socket socket, @Advice.Argument(0) SocketAddress endpoint,
                @Advice.Enter Object refusal, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (refusal instanceof Throwable) {
                thrown = (Throwable) refusal;
            } else {
                NetrecBridge.connectEnd(socket, endpoint, thrown);
            }
        }
    }

    /** Advice for close. */
    public static final class Close {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Socket socket) {
            NetrecBridge.closed(socket);
        }
    }
}
