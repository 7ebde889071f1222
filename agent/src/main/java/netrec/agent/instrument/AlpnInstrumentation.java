package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code javax.net.ssl.SSLParameters#setApplicationProtocols(String[])}: takes {@code h2} out of what a client offers
 * in ALPN, so every HTTPS conversation is HTTP/1.1, which netrec records and replays. Clients fall back to HTTP/1.1
 * on their own. Without this, OkHttp and the JDK HttpClient speak HTTP/2 to servers that offer it, and those
 * conversations are not recorded.
 */
public final class AlpnInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "javax.net.ssl.SSLParameters";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return Advice.to(WithoutH2.class).on(named("setApplicationProtocols").and(takesArguments(String[].class)));
    }

    /** Advice for setApplicationProtocols. */
    public static final class WithoutH2 {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 0, readOnly = false) String[] protocols) {
            protocols = NetrecBridge.applicationProtocols(protocols);
        }
    }
}
