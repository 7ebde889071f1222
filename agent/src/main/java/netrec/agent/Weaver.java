package netrec.agent;

import java.lang.instrument.ClassFileTransformer;
import java.util.Collection;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;
import netrec.agent.instrument.NetworkInstrumentation;
import netrec.runtime.base.Log;

/** Byte Buddy, woven into JDK classes: only a JVM that finds nothing in the class cache loads this. */
final class Weaver {
    private Weaver() {
    }

    /** A transformer that weaves each instrumentation's advice into its class, and leaves other classes alone. */
    static ClassFileTransformer of(Collection<NetworkInstrumentation> instrumentations) {
        Log.debug("building Byte Buddy's weaver");
        System.setProperty("net.bytebuddy.safe", "true");
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .ignore(ElementMatchers.none())
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new FailureListener());
        for (NetworkInstrumentation instrumentation : instrumentations) {
            builder = builder.type(ElementMatchers.named(instrumentation.typeName()))
                    .transform((b, type, loader, module, domain) -> b.visit(instrumentation.advice()));
        }
        return builder.makeRaw();
    }

    /** Byte Buddy swallows weaving errors; this says them, once each. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            Log.internalError("instrumenting " + typeName + " (its traffic is not seen by netrec)", error);
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                DynamicType dynamicType) {
            Log.debug("instrumented " + type.getName());
        }
    }
}
