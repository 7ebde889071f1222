package netrec.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import netrec.agent.bridge.BridgeInstaller;
import netrec.agent.instrument.NetworkInstrumentation;
import netrec.runtime.NettyVisibility;
import netrec.runtime.UnseenNetworking;
import netrec.runtime.base.Log;

/**
 * The one transformer netrec registers. It looks at class names only, and tells {@link NettyVisibility} and
 * {@link UnseenNetworking} of each (a copy of Netty, or a library whose traffic netrec cannot see, is recognised as
 * its classes load). Started from the {@link WovenClassCache}, it hands out the woven classes an earlier JVM stored
 * and never loads Byte Buddy; answering is a map lookup, so it loads no class while a class loads. Otherwise it
 * weaves with Byte Buddy ({@link Weaver}, built the first time it is needed) and keeps what it wove, for the cache.
 */
final class NetrecTransformer implements ClassFileTransformer {
    private final Map<String, byte[]> woven;
    private final Map<String, NetworkInstrumentation> toWeave;
    private volatile ClassFileTransformer weaver;

    private NetrecTransformer(Map<String, byte[]> woven, Map<String, NetworkInstrumentation> toWeave) {
        this.woven = woven;
        this.toWeave = toWeave;
    }

    /** Answers with {@code woven} (internal name to class file) and nothing else. */
    static NetrecTransformer fromCache(Map<String, byte[]> woven) {
        return new NetrecTransformer(woven, Map.of());
    }

    /** Weaves the classes of {@code instrumentations}. */
    static NetrecTransformer weaving(List<NetworkInstrumentation> instrumentations) {
        Map<String, NetworkInstrumentation> byInternalName = new HashMap<>();
        for (NetworkInstrumentation instrumentation : instrumentations) {
            byInternalName.put(instrumentation.typeName().replace('.', '/'), instrumentation);
        }
        return new NetrecTransformer(new ConcurrentHashMap<>(), byInternalName);
    }

    /** What this transformer has answered with, by internal name. */
    Map<String, byte[]> woven() {
        return woven;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
            ProtectionDomain domain, byte[] classFile) {
        if (internalName == null) {
            return null;
        }
        try {
            NettyVisibility.classLoading(internalName);
            UnseenNetworking.classLoading(internalName);
        } catch (Throwable e) {
            // nothing may leave a transformer; the switches stay as they were
        }
        byte[] known = woven.get(internalName);
        if (known != null || !toWeave.containsKey(internalName)) {
            return known;
        }
        try {
            byte[] fresh = weaver().transform(module, loader, internalName, redefined, domain, classFile);
            if (fresh == null) {
                return null;
            }
            byte[] retargeted = BridgeInstaller.retarget(fresh);
            woven.put(internalName, retargeted);
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
                    current = Weaver.of(toWeave.values());
                    weaver = current;
                }
            }
        }
        return current;
    }
}
