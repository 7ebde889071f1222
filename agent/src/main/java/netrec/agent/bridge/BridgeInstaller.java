package netrec.agent.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Puts the bridge inside java.base: opens {@code jdk.internal.misc} to the agent (the supported
 * {@link Instrumentation#redefineModule} route), defines the renamed {@link NetrecBridge} and its
 * {@link NetrecBridge.Hooks} there, then defines and initializes {@link EngineHooks}, which hands the bridge the
 * engine. No reflection and no method handles, so a JVM start spins no lambda forms for it.
 */
public final class BridgeInstaller {
    /** Where the bridge lives once installed. */
    public static final String INSTALLED_NAME = "jdk/internal/misc/NetrecBridge";
    public static final String SOURCE_NAME = "netrec/agent/bridge/NetrecBridge";
    private static final String PACKAGE = "jdk.internal.misc";
    private static final String ENGINE_HOOKS = "netrec/agent/bridge/EngineHooks";

    private BridgeInstaller() {
    }

    /** Class file bytes whose calls to the bridge go to the installed one. */
    public static byte[] retarget(byte[] classFile) {
        return ClassRenamer.rename(classFile, SOURCE_NAME, INSTALLED_NAME);
    }

    /** The bridge's classes as netrec.jar has them, retargeted, by internal name in the order they are defined. */
    public static Map<String, byte[]> classesFromJar() throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put(INSTALLED_NAME + "$Hooks", retarget(resource("NetrecBridge$Hooks.class")));
        classes.put(INSTALLED_NAME, retarget(resource("NetrecBridge.class")));
        classes.put(ENGINE_HOOKS, retarget(resource("EngineHooks.class")));
        return classes;
    }

    /** Defines {@code classes} (from {@link #classesFromJar}, or the class cache) and connects the bridge. */
    public static void install(Instrumentation instrumentation, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        Module agent = BridgeInstaller.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of(PACKAGE, Set.of(agent)), Set.of(), Map.of());
        if (!installed()) {
            MethodHandles.Lookup inJavaBase = MethodHandles.privateLookupIn(Class.forName(PACKAGE + ".VM"),
                    MethodHandles.lookup());
            MethodHandles.Lookup here = MethodHandles.lookup();
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                (entry.getKey().startsWith(INSTALLED_NAME) ? inJavaBase : here).defineClass(entry.getValue());
            }
        }
        Class.forName(ENGINE_HOOKS.replace('/', '.'), true, BridgeInstaller.class.getClassLoader());
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

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BridgeInstaller.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from netrec.jar");
            }
            return in.readAllBytes();
        }
    }
}
