package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code jdk.internal.net.http.Exchange#h2Upgrade()}: the JDK HttpClient, asked for HTTP/2 over plain {@code http://},
 * adds {@code Upgrade: h2c} to its first request, and a server that accepts switches the connection to HTTP/2
 * frames. With {@code http2=downgrade} netrec skips the attempt, so the exchange stays HTTP/1.1, exactly as with a
 * server that declines. Without this, that option would leave such a client speaking HTTP/2 to an h2c server.
 */
public final class H2cUpgradeInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "jdk.internal.net.http.Exchange";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return Advice.to(NoUpgrade.class).on(named("h2Upgrade").and(takesArguments(0)));
    }

    /** Advice for h2Upgrade: skipped when the bridge says so. */
    public static final class NoUpgrade {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static boolean enter() {
            return NetrecBridge.skipsH2cUpgrade();
        }
    }
}
