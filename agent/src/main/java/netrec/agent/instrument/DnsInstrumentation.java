package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import java.net.InetAddress;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code java.net.InetAddress#getAddressesFromNameService(String, ...)}: every lookup the JVM's cache cannot answer.
 * Its parameters differ between JDKs ({@code (String, InetAddress)} on 17, {@code (String)} on 25), so it is matched
 * by name, first parameter and return type. Record notes each answer; replay answers from the cassette or fails like
 * an unknown host. Without this, replay would ask a DNS server.
 */
public final class DnsInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "java.net.InetAddress";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return Advice.to(Lookup.class).on(named("getAddressesFromNameService").and(isStatic())
                .and(takesArgument(0, String.class)).and(returns(InetAddress[].class)));
    }

    /** Advice for getAddressesFromNameService. */
    public static final class Lookup {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static NetrecBridge.Lookup enter(@Advice.Argument(0) String host) {
            return NetrecBridge.lookupStart(host);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) String host, @Advice.Enter NetrecBridge.Lookup answer,
                @Advice.Return(readOnly = false) InetAddress[] addresses,
                @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (answer != null && answer.addresses != null) {
                addresses = answer.addresses;
                thrown = null;
            } else if (answer != null) {
                thrown = answer.failure;
            } else {
                NetrecBridge.lookupEnd(host, addresses, thrown);
            }
        }
    }
}
