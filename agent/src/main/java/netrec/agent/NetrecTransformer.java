package netrec.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;
import netrec.agent.bridge.BridgeInstaller;
import netrec.agent.instrument.NetworkInstrumentation;
import netrec.runtime.Log;

/**
 * The one transformer netrec registers. It looks at class names only; woven classes come from the
 * {@link WovenClassCache} when an earlier JVM wove the same JDK class, and otherwise from Byte Buddy, built the
 * first time it is needed, so that a JVM never pays for Byte Buddy unless it must. Woven classes then have their
 * bridge calls pointed at the bridge inside java.base.
 */
final class NetrecTransformer implements ClassFileTransformer {
    private final Map<String, NetworkInstrumentation> byInternalName = new HashMap<>();
    private final WovenClassCache cache;
    private volatile ClassFileTransformer weaver;

    /** {@code cache} may be null: no cache. */
    NetrecTransformer(List<NetworkInstrumentation> instrumentations, WovenClassCache cache) {
        this.cache = cache;
        for (NetworkInstrumentation instrumentation : instrumentations) {
            byInternalName.put(instrumentation.typeName().replace('.', '/'), instrumentation);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
            ProtectionDomain domain, byte[] classFile) {
        if (internalName == null || !byInternalName.containsKey(internalName)) {
            return null;
        }
        try {
            byte[] cached = cache == null ? null : cache.find(internalName);
            if (cached != null) {
                Log.debug("instrumented " + internalName.replace('/', '.') + " from the class cache");
                return cached;
            }
            byte[] woven = weaver().transform(module, loader, internalName, redefined, domain, classFile);
            if (woven == null) {
                return null;
            }
            byte[] retargeted = BridgeInstaller.retarget(woven);
            if (cache != null) {
                cache.store(internalName, retargeted);
            }
            return retargeted;
        } catch (Throwable e) {
            try {
                Log.internalError("instrumenting " + internalName.replace('/', '.')
                        + " (its traffic is not seen by netrec)", e);
            } catch (Throwable ignored) {
                // nothing may leave a transformer: the JVM would print an assertion for it
            }
            return null;
        }
    }

    private ClassFileTransformer weaver() {
        ClassFileTransformer current = weaver;
        if (current == null) {
            synchronized (this) {
                current = weaver;
                if (current == null) {
                    current = buildWeaver();
                    weaver = current;
                }
            }
        }
        return current;
    }

    private ClassFileTransformer buildWeaver() {
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
        for (NetworkInstrumentation instrumentation : byInternalName.values()) {
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
                net.bytebuddy.dynamic.DynamicType dynamicType) {
            Log.debug("instrumented " + type.getName());
        }
    }
}
