package netrec.agent.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import netrec.runtime.Engine;
import netrec.runtime.bridge.NetrecBridge;

/**
 * Puts the bridge inside java.base: opens {@code jdk.internal.misc} to the agent (the supported
 * {@link Instrumentation#redefineModule} route), defines the renamed {@link NetrecBridge} and its
 * {@link NetrecBridge.Hooks} there, then defines the engine's {@code EngineHooks} with its references renamed. The
 * bridge initializes that at its first call, which hands it the engine. Opening the package runs the JDK's own
 * lambdas (a dozen milliseconds in a JVM that has spun none), so the agent does it when the bridge is first needed.
 */
public final class BridgeInstaller {
    /** Where the bridge lives once installed. */
    public static final String INSTALLED_NAME = "jdk/internal/misc/NetrecBridge";
    public static final String SOURCE_NAME = "netrec/runtime/bridge/NetrecBridge";
    private static final String PACKAGE = "jdk.internal.misc";
    /** The engine's side of the bridge: it implements {@link NetrecBridge.Hooks}, and nothing else names it. */
    private static final String ENGINE_HOOKS = "netrec/runtime/EngineHooks";
    private static final String[] BRIDGE_CLASSES = {"$Hooks", "$Connect", "$Lookup", "$TlsSocket",
        "$JavaBaseSslEngine", "$Refusing",
        "$EndOfInputHandler", "$EndOfInputFuture", ""};

    private BridgeInstaller() {
    }

    /** Class file bytes whose calls to the bridge go to the installed one. */
    public static byte[] retarget(byte[] classFile) {
        return ClassRenamer.rename(classFile, SOURCE_NAME, INSTALLED_NAME);
    }

    /** The bridge's classes as netrec.jar has them, retargeted, by internal name in the order they are defined. */
    public static Map<String, byte[]> classesFromJar() throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (String suffix : BRIDGE_CLASSES) {
            classes.put(INSTALLED_NAME + suffix, retarget(resource(SOURCE_NAME + suffix)));
        }
        classes.put(ENGINE_HOOKS, retarget(resource(ENGINE_HOOKS)));
        return classes;
    }

    /**
     * Defines {@code classes} (from {@link #classesFromJar}, or the class cache): the bridge in java.base, and the
     * engine's side, which the bridge's first call initializes; woven JDK classes may load from now on. Neither is
     * initialized here, so this may run while a class loads.
     */
    public static void define(Instrumentation instrumentation, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        Module agent = BridgeInstaller.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of(PACKAGE, Set.of(agent)), Set.of(), Map.of());
        if (!installed()) {
            MethodHandles.Lookup inJavaBase = MethodHandles.privateLookupIn(Class.forName(PACKAGE + ".VM"),
                    MethodHandles.lookup());
            MethodHandles.Lookup inEngine = MethodHandles.privateLookupIn(Engine.class, MethodHandles.lookup());
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                (entry.getKey().startsWith(INSTALLED_NAME) ? inJavaBase : inEngine).defineClass(entry.getValue());
            }
        }
    }

    /**
     * Lets the classes of {@code module} (an application's, whose classes netrec weaves as they run) call the bridge:
     * its package is exported to them.
     */
    public static void exportTo(Instrumentation instrumentation, Module module) {
        Module javaBase = Object.class.getModule();
        if (!javaBase.isExported(PACKAGE, module)) {
            instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of(PACKAGE, Set.of(module)), Set.of(),
                    Map.of());
        }
    }

    /** True when an earlier start in this JVM defined the bridge (an agent given twice, or attached late). */
    private static boolean installed() {
        try {
            Class.forName(INSTALLED_NAME.replace('/', '.'), false, null);
            return true;
        } catch (ClassNotFoundException notYet) {
            return false;
        }
    }

    private static byte[] resource(String internalName) throws IOException {
        String name = internalName + ".class";
        try (InputStream in = BridgeInstaller.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from netrec.jar");
            }
            return in.readAllBytes();
        }
    }
}
