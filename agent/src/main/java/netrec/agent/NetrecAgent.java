package netrec.agent;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netrec.agent.bridge.BridgeInstaller;
import netrec.agent.instrument.Instrumentations;
import netrec.agent.instrument.NetworkInstrumentation;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.Engine;
import netrec.runtime.NettyVisibility;
import netrec.runtime.UnseenNetworking;
import netrec.runtime.base.JvmEnd;
import netrec.runtime.base.Log;

/**
 * {@code -javaagent:netrec.jar=MODE[,key=value...]}. A wrong argument stops the JVM with one line saying what is
 * wrong; a JVM that replays never starts without netrec in place, so nothing can reach the network by accident. The
 * cassette is opened by the first network call (see {@link Engine#start}): a replay cassette that cannot be loaded
 * is said once, and every call that would leave the machine fails with that reason.
 */
public final class NetrecAgent {
    private NetrecAgent() {
    }

    public static void premain(String argument, Instrumentation instrumentation) {
        JvmEnd.mainThreadIs(Thread.currentThread()); // premain runs on the thread that runs main next
        start(argument, instrumentation);
    }

    public static void agentmain(String argument, Instrumentation instrumentation) {
        start(argument, instrumentation);
        if (Engine.isStarted()) {
            nameWhatLoadedBefore(instrumentation);
        }
    }

    /**
     * Attached to a running JVM: the classes that loaded before netrec never passed its transformer, so a copy of
     * Netty, or a library whose traffic netrec cannot see, is named now.
     */
    private static void nameWhatLoadedBefore(Instrumentation instrumentation) {
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            String internalName = loaded.getName().replace('.', '/');
            NettyVisibility.loadedBeforeNetrec(internalName);
            UnseenNetworking.classLoading(internalName);
        }
    }

    private static void start(String argument, Instrumentation instrumentation) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(argument, System.getenv());
        } catch (IllegalArgumentException e) {
            stop(e.getMessage());
            return;
        }
        if (!options.mode().isActive() && !options.standby()) {
            return;
        }
        try {
            WovenClassCache cache = WovenClassCache.in(options.classCache());
            WovenClassCache.Classes cached = cache == null ? null : cache.load();
            if (cached != null) {
                startFromCache(instrumentation, options, cached);
            } else {
                startWeaving(instrumentation, options, cache);
            }
        } catch (Exception | LinkageError e) {
            if (options.mode().replays()) {
                stop("cannot start " + options.mode().label() + " (" + e + "); the JVM stops so that nothing "
                        + "reaches the network");
            }
            Log.internalError("starting netrec; this JVM runs without recording", e);
        }
    }

    /**
     * A JVM after the first: the bridge and the woven classes come from the cache. A class not loaded yet is woven
     * when it loads (the transformer only looks it up); the few already loaded are retransformed.
     */
    private static void startFromCache(Instrumentation instrumentation, AgentOptions options,
            WovenClassCache.Classes cached) throws Exception {
        Engine.start(options);
        BridgeInstaller.install(instrumentation, cached.bridge);
        instrumentation.addTransformer(NetrecTransformer.fromCache(cached.woven), true);
        Set<String> targets = new HashSet<>();
        for (String internalName : cached.woven.keySet()) {
            targets.add(internalName.replace('/', '.'));
        }
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (targets.contains(type.getName())) {
                loaded.add(type);
            }
        }
        if (!loaded.isEmpty()) {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
        if (Log.debugEnabled()) {
            Log.debug("the bridge and " + cached.woven.size() + " woven JDK classes come from the class cache ("
                    + loaded.size() + " already loaded, retransformed)");
        }
    }

    /** The first JVM: Byte Buddy weaves every class now, and what it wove goes into the cache for the next ones. */
    private static void startWeaving(Instrumentation instrumentation, AgentOptions options, WovenClassCache cache)
            throws Exception {
        Map<String, byte[]> bridge = BridgeInstaller.classesFromJar();
        Engine.start(options);
        BridgeInstaller.install(instrumentation, bridge);
        List<NetworkInstrumentation> instrumentations = Instrumentations.all();
        NetrecTransformer transformer = NetrecTransformer.weaving(instrumentations);
        int targets = weaveNow(instrumentation, transformer, instrumentations);
        if (cache != null && transformer.woven().size() == targets) {
            cache.store(new WovenClassCache.Classes(bridge, transformer.woven()));
        }
    }

    /**
     * Weaves every class netrec instruments now, in one retransform: first each is loaded (not initialized) with no
     * transformer in place, then the transformer is added and all are retransformed. Weaving a class when it loads can
     * miss: a class loaded while Byte Buddy runs on the same thread is never shown to transformers (JDK 25 loads
     * SocketChannelImpl when a file is written). A class this JDK lacks is skipped. Returns how many classes this JDK
     * has.
     */
    private static int weaveNow(Instrumentation instrumentation, NetrecTransformer transformer,
            List<NetworkInstrumentation> instrumentations) throws UnmodifiableClassException {
        List<Class<?>> targets = new ArrayList<>();
        for (NetworkInstrumentation target : instrumentations) {
            try {
                targets.add(Class.forName(target.typeName(), false, ClassLoader.getPlatformClassLoader()));
            } catch (ClassNotFoundException | LinkageError absent) {
                Log.debug(target.typeName() + " is not in this JDK; not instrumented");
            }
        }
        instrumentation.addTransformer(transformer, true);
        instrumentation.retransformClasses(targets.toArray(new Class<?>[0]));
        return targets.size();
    }

    private static void stop(String message) {
        System.err.println(message.startsWith("netrec") ? message : "netrec: " + message);
        Runtime.getRuntime().halt(2);
    }
}
