package netrec.agent;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.Map;
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

/**
 * {@code -javaagent:netrec.jar=MODE[,key=value...]}. A wrong argument stops the JVM with one line saying what is
 * wrong; a JVM that replays never starts without netrec in place, so nothing can reach the network by accident.
 * netrec starts at the first network call or test ({@link AgentStart}), and opens the cassette then: a replay
 * cassette that cannot be loaded is said once, and every call that would leave the machine fails with that reason.
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
        start(argument, instrumentation, false);
    }

    /** Attached to a running JVM (the JUnit extension's self-attach): netrec starts at once. */
    public static void agentmain(String argument, Instrumentation instrumentation) {
        start(argument, instrumentation, true);
        if (Engine.isInPlace()) {
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

    private static void start(String argument, Instrumentation instrumentation, boolean now) {
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
            if (cached == null) {
                cached = weave(cache);
            } else if (Log.debugEnabled()) {
                Log.debug("the bridge and " + cached.woven.size() + " woven JDK classes come from the class cache");
            }
            boolean startsNow = now || options.store() != null;
            AgentStart start = putInPlace(instrumentation, options, cached, startsNow);
            if (startsNow) {
                start.run();
                Engine.openJvmCassette();
            }
            Libraries.armed(); // last: a netrec class that loads after this brings the libraries in
        } catch (Exception | LinkageError e) {
            if (options.mode().replays()) {
                stop("cannot start " + options.mode().label() + " (" + e + "); the JVM stops so that nothing "
                        + "reaches the network");
            }
            Log.internalError("starting netrec; this JVM runs without recording", e);
        }
    }

    /**
     * The first JVM on a machine (for this JDK and netrec.jar): Byte Buddy weaves every class from the JDK's own class
     * files, and what it wove goes into the cache for the next JVMs. It weaves now, not when the first class it
     * weaves loads: Byte Buddy then loads classes of the JDK's that may be the very one loading.
     */
    private static WovenClassCache.Classes weave(WovenClassCache cache) throws Exception {
        Libraries.ensureOnClassPath();
        Map<String, byte[]> bridge = BridgeInstaller.classesFromJar();
        Weaver.Woven woven = Weaver.ahead(Instrumentations.all());
        WovenClassCache.Classes classes = new WovenClassCache.Classes(bridge, woven.classes);
        if (cache != null && woven.complete) {
            cache.store(classes);
        }
        Log.debug("the bridge and " + woven.classes.size() + " JDK classes Byte Buddy wove just now");
        return classes;
    }

    /**
     * Puts netrec in place with the bridge's classes and the woven JDK classes, and returns its start, which the
     * engine runs at the first network call or test (unless it {@code startsNow}: the caller runs it). The
     * transformer is in place then, so that the network's classes that load from now on are woven as they load, by a
     * map lookup; one loaded before (none, in a plain program) is retransformed now.
     */
    private static AgentStart putInPlace(Instrumentation instrumentation, AgentOptions options,
            WovenClassCache.Classes classes, boolean startsNow) throws UnmodifiableClassException {
        JavaBaseBridge bridge = new JavaBaseBridge(instrumentation, classes.bridge, options.mode().replays());
        NetrecTransformer transformer = new NetrecTransformer(classes.woven, bridge);
        AgentStart start = new AgentStart(instrumentation, options, transformer, bridge);
        if (!startsNow) {
            Engine.startOnFirstUse(options, start); // before any class is woven: the engine's side looks for it
        }
        transformer.loadWhatItUses();
        instrumentation.addTransformer(transformer, true);
        start.retransformLoadedBefore();
        return start;
    }

    /** Says {@code message} on standard error and stops the JVM (a wrong argument, or a replay netrec cannot guard). */
    static void stop(String message) {
        System.err.println(message.startsWith("netrec") ? message : "netrec: " + message);
        Runtime.getRuntime().halt(2);
    }
}
