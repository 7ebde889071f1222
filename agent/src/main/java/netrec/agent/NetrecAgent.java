package netrec.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netrec.agent.bridge.BridgeInstaller;
import netrec.agent.instrument.Instrumentations;
import netrec.agent.maven.NetrecArtifacts;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.Engine;
import netrec.runtime.NettyVisibility;
import netrec.runtime.UnseenNetworking;
import netrec.runtime.base.JvmEnd;
import netrec.runtime.base.JvmStart;
import netrec.runtime.base.Log;
import netrec.runtime.tests.FirstTest;

/**
 * {@code -javaagent:netrec.jar=MODE[,key=value...]}. A wrong argument stops the JVM with one line saying what is
 * wrong; a JVM that replays never starts without netrec in place, so nothing can reach the network by accident. The
 * cassette is opened by the first network call (see {@link Engine#start}): a replay cassette that cannot be loaded
 * is said once, and every call that would leave the machine fails with that reason.
 */
public final class NetrecAgent {
    /**
     * Maven's own JVM is started by this class ({@code MavenCommand.LAUNCHER}); named here too, so that the JVMs that
     * are not Maven's (most) do not load the classes that look into a Maven build.
     */
    private static final String MAVEN = "org.codehaus.plexus.classworlds.launcher.Launcher";

    private NetrecAgent() {
    }

    public static void premain(String argument, Instrumentation instrumentation) {
        JvmStart.isNow();
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
            Log.setLevel(options.logLevel());
            if (options.store() != null) {
                Engine.useStoredCassettes(StoredCassette.forThisJvm());
            }
            if (options.mode().isActive() && System.getProperty("sun.java.command", "").startsWith(MAVEN)) {
                NetrecArtifacts.offerToThisBuild();
            }
            Libraries.prepare(instrumentation, options.classCache());
            WovenClassCache cache = WovenClassCache.in(options.classCache());
            WovenClassCache.Classes cached = cache == null ? null : cache.load();
            if (cached != null) {
                start(instrumentation, options, cached, "the class cache");
            } else {
                Libraries.ensureOnClassPath();
                startWeaving(instrumentation, options, cache);
            }
            Libraries.armed();
            if (options.store() != null && options.mode().isActive()) {
                Engine.openJvmCassette();
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
     * Starts netrec with the bridge's classes and the woven JDK classes ({@code from} the class cache, in every JVM
     * after the first on a machine). The transformer is in place before the engine starts, so that what loads from
     * then on (the engine's start loads {@code InetAddress}) is woven as it loads, by a map lookup; only a class
     * loaded before (none, in a plain program) is retransformed.
     */
    private static void start(Instrumentation instrumentation, AgentOptions options, WovenClassCache.Classes cached,
            String from) throws Exception {
        BridgeInstaller.define(instrumentation, cached.bridge);
        NetrecTransformer transformer = new NetrecTransformer(cached.woven);
        transformer.loadWhatItUses();
        instrumentation.addTransformer(transformer, true);
        Engine.start(options);
        BridgeInstaller.connect();
        FirstTest.onStart(new LibraryHandoffs.AtFirstTest(instrumentation));
        Set<String> targets = new HashSet<>();
        for (String internalName : cached.woven.keySet()) {
            if (!transformer.served(internalName)) {
                targets.add(internalName.replace('/', '.'));
            }
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
            Log.debug("the bridge and " + cached.woven.size() + " woven JDK classes come from " + from + " ("
                    + loaded.size() + " loaded before netrec, retransformed)");
        }
    }

    /**
     * The first JVM: Byte Buddy weaves every class from the JDK's own class files, what it wove goes into the cache
     * for the next JVMs, and this one starts from it as they do.
     */
    private static void startWeaving(Instrumentation instrumentation, AgentOptions options, WovenClassCache cache)
            throws Exception {
        Map<String, byte[]> bridge = BridgeInstaller.classesFromJar();
        Weaver.Woven woven = Weaver.ahead(Instrumentations.all());
        WovenClassCache.Classes classes = new WovenClassCache.Classes(bridge, woven.classes);
        if (cache != null && woven.complete) {
            cache.store(classes);
        }
        start(instrumentation, options, classes, "Byte Buddy, just now");
    }

    private static void stop(String message) {
        System.err.println(message.startsWith("netrec") ? message : "netrec: " + message);
        Runtime.getRuntime().halt(2);
    }
}
