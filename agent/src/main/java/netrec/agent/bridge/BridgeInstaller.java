package netrec.agent.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;

/**
 * Puts the bridge inside java.base: opens {@code jdk.internal.misc} to the agent (the supported
 * {@link Instrumentation#redefineModule} route), defines the renamed {@link NetrecBridge} there, and fills each of
 * its hook fields with a handle to the engine method of the same name.
 */
public final class BridgeInstaller {
    /** Where the bridge lives once installed. */
    public static final String INSTALLED_NAME = "jdk/internal/misc/NetrecBridge";
    public static final String SOURCE_NAME = NetrecBridge.class.getName().replace('.', '/');
    private static final String PACKAGE = "jdk.internal.misc";

    private BridgeInstaller() {
    }

    /** Class file bytes whose calls to the bridge go to the installed one. */
    public static byte[] retarget(byte[] classFile) {
        return ClassRenamer.rename(classFile, SOURCE_NAME, INSTALLED_NAME);
    }

    public static void install(Instrumentation instrumentation, Class<?> hooks) throws ReflectiveOperationException,
            IOException {
        Module javaBase = Object.class.getModule();
        Module agent = BridgeInstaller.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of(PACKAGE, Set.of(agent)), Set.of(), Map.of());
        MethodHandles.Lookup inJavaBase = MethodHandles.privateLookupIn(Class.forName(PACKAGE + ".VM"),
                MethodHandles.lookup());
        Class<?> bridge = define(inJavaBase);
        MethodHandles.Lookup engine = MethodHandles.publicLookup();
        for (Field field : bridge.getDeclaredFields()) {
            String name = field.getName();
            if (!name.endsWith("Hook")) {
                continue;
            }
            Method target = hookMethod(hooks, name.substring(0, name.length() - "Hook".length()));
            MethodHandle handle = engine.unreflect(target);
            inJavaBase.findStaticVarHandle(bridge, name, MethodHandle.class).setVolatile(handle);
        }
    }

    private static Class<?> define(MethodHandles.Lookup inJavaBase) throws IOException, ClassNotFoundException,
            IllegalAccessException {
        try {
            return Class.forName(INSTALLED_NAME.replace('/', '.'));
        } catch (ClassNotFoundException notYet) {
            byte[] original;
            try (InputStream in = NetrecBridge.class.getResourceAsStream("NetrecBridge.class")) {
                original = in.readAllBytes();
            }
            return inJavaBase.defineClass(retarget(original));
        }
    }

    private static Method hookMethod(Class<?> hooks, String name) throws NoSuchMethodException {
        for (Method method : hooks.getMethods()) {
            if (method.getName().equals(name) && Modifier.isStatic(method.getModifiers())) {
                return method;
            }
        }
        throw new NoSuchMethodException(hooks.getName() + "." + name + " is missing; the bridge and the engine "
                + "are from different builds");
    }
}
