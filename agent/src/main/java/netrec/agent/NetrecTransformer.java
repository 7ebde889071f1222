package netrec.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import netrec.agent.instrument.Instrumentations;
import netrec.runtime.NettyVisibility;
import netrec.runtime.UnseenNetworking;

/**
 * The one transformer netrec registers. It looks at class names only, and tells {@link NettyVisibility} and
 * {@link UnseenNetworking} of each (a copy of Netty, or a library whose traffic netrec cannot see, is recognised as
 * its classes load), and {@link Libraries} (netrec's own classes loading after start bring its libraries in). It
 * answers the classes {@link Instrumentations} names with the woven classes of the {@link WovenClassCache}, or those
 * Byte Buddy just wove for the first JVM ({@link Weaver#ahead}); answering is a map lookup, and the first answer
 * defines the {@link JavaBaseBridge} they call. A class off the network's path (threads, executors, the JVM's end) is
 * answered only once netrec has started.
 */
final class NetrecTransformer implements ClassFileTransformer {
    private final Map<String, byte[]> woven;
    private final JavaBaseBridge bridge;
    /** The classes this transformer has answered with woven bytes (a JDK class loads once). */
    private final Set<String> served = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    /** Answers with {@code woven} (internal name to class file) and nothing else. */
    NetrecTransformer(Map<String, byte[]> woven, JavaBaseBridge bridge) {
        this.woven = woven;
        this.bridge = bridge;
    }

    /**
     * Loads the classes {@link #transform} calls, before it is registered: one of them loading through it would be
     * defined twice (the engine's start loads {@link NettyVisibility} after the transformer is in place).
     */
    void loadWhatItUses() {
        transform(null, null, "netrec/agent/NoSuchClass", null, null, new byte[0]);
    }

    /** netrec starts: the classes off the network's path are woven too from now on. */
    void netrecStarts() {
        started = true;
    }

    /**
     * The classes on the network's path that loaded before this transformer was in place (none, in a plain program),
     * for the agent to retransform as it puts netrec in place.
     */
    List<Class<?>> networkPathLoadedBefore(Instrumentation instrumentation) {
        return loadedUnwoven(instrumentation, Instrumentations.ON_NETWORK_PATH);
    }

    /** As netrec starts, the classes off the network's path that loaded before, for the agent to retransform. */
    List<Class<?>> offNetworkPathLoadedBefore(Instrumentation instrumentation) {
        return loadedUnwoven(instrumentation, Instrumentations.OFF_NETWORK_PATH);
    }

    /**
     * The JDK's loaded classes among {@code internalNames} that this transformer has woven bytes for and has not
     * answered. Every loaded class is looked at, by its name as the JVM keeps it (thousands by the first network
     * call): no string is made for each.
     */
    private List<Class<?>> loadedUnwoven(Instrumentation instrumentation, Set<String> internalNames) {
        Set<String> binaryNames = new HashSet<>();
        for (String internalName : internalNames) {
            if (woven.containsKey(internalName) && !served.contains(internalName)) {
                binaryNames.add(internalName.replace('/', '.'));
            }
        }
        List<Class<?>> loaded = new ArrayList<>();
        if (binaryNames.isEmpty()) {
            return loaded;
        }
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = type.getClassLoader();
            if ((loader == null || loader == platform) && binaryNames.contains(type.getName())) {
                loaded.add(type);
            }
        }
        return loaded;
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
        byte[] bytes = woven.get(internalName); // the one lookup every class pays; the few woven ones pay more
        if (bytes == null || !started && Instrumentations.OFF_NETWORK_PATH.contains(internalName)
                || !bridge.ensureDefined()) {
            return null;
        }
        served.add(internalName);
        return bytes;
    }
}
