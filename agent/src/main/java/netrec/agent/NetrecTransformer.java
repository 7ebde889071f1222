package netrec.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import netrec.runtime.NettyVisibility;
import netrec.runtime.UnseenNetworking;

/**
 * The one transformer netrec registers. It looks at class names only, and tells {@link NettyVisibility} and
 * {@link UnseenNetworking} of each (a copy of Netty, or a library whose traffic netrec cannot see, is recognised as
 * its classes load), and {@link Libraries} (netrec's own classes loading after start bring its libraries in). It
 * answers with the woven classes of the {@link WovenClassCache}, or those Byte Buddy just wove for the first JVM
 * ({@link Weaver#ahead}); answering is a map lookup, so it loads no class while a class loads.
 */
final class NetrecTransformer implements ClassFileTransformer {
    private final Map<String, byte[]> woven;
    /** The classes this transformer has answered with woven bytes (a JDK class loads once). */
    private final Set<String> served = ConcurrentHashMap.newKeySet();

    /** Answers with {@code woven} (internal name to class file) and nothing else. */
    NetrecTransformer(Map<String, byte[]> woven) {
        this.woven = woven;
    }

    /**
     * Loads the classes {@link #transform} calls, before it is registered: one of them loading through it would be
     * defined twice (the engine's start loads {@link NettyVisibility} after the transformer is in place).
     */
    void loadWhatItUses() {
        transform(null, null, "netrec/agent/NoSuchClass", null, null, new byte[0]);
    }

    /** True when {@code internalName} has been woven by this transformer as it loaded or was retransformed. */
    boolean served(String internalName) {
        return served.contains(internalName);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
            ProtectionDomain domain, byte[] classFile) {
        if (internalName == null) {
            return null;
        }
        try {
            Libraries.classLoading(internalName, domain);
            NettyVisibility.classLoading(internalName);
            UnseenNetworking.classLoading(internalName);
        } catch (Throwable e) {
            // nothing may leave a transformer; the switches stay as they were
        }
        byte[] known = woven.get(internalName);
        if (known != null) {
            served.add(internalName);
        }
        return known;
    }
}
