package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.nio.channels.SocketChannel;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code jdk.internal.net.http.PlainHttpConnection#getConnectionFlow()}: the JDK HttpClient asks for a connection's
 * flow when it takes the connection from its pool and when an exchange connects to it, on the thread that starts the
 * exchange; its writes may come later from its selector thread. netrec settles there which test the connection serves
 * ({@code NetrecBridge.channelClaimed}), so that a pooled connection shared by tests running at the same time is
 * recorded into, or answered from, the cassette of the test whose exchange uses it.
 */
public final class PooledConnectionInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "jdk.internal.net.http.PlainHttpConnection";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return Advice.to(FlowAsked.class).on(named("getConnectionFlow").and(takesArguments(0)));
    }

    /** Advice for getConnectionFlow. */
    public static final class FlowAsked {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("chan") SocketChannel channel) {
            NetrecBridge.channelClaimed(channel);
        }
    }
}
