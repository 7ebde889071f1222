package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * {@code jdk.internal.net.http.Exchange#h2Upgrade()}: the JDK HttpClient, asked for HTTP/2 over plain {@code http://},
 * adds {@code Upgrade: h2c} to its first request, and a server that accepts switches the connection to HTTP/2
 * frames. netrec skips the attempt, so the exchange stays HTTP/1.1, exactly as with a server that declines.
 * Without this, such a client's plain-HTTP traffic to an h2c server is not recorded.
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

    /** Advice for h2Upgrade: never run it. */
    public static final class NoUpgrade {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter() {
            return true;
        }
    }
}
