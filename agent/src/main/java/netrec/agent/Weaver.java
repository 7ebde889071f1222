package netrec.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;
import netrec.agent.bridge.BridgeInstaller;
import netrec.agent.instrument.NetworkInstrumentation;
import netrec.agent.instrument.TaskHandoffInstrumentation;
import netrec.runtime.base.Log;
import netrec.runtime.base.NetrecThread;

/** Byte Buddy, woven into JDK classes: only a JVM that finds nothing in the class cache loads this. */
final class Weaver {
    private Weaver() {
    }

    /**
     * Weaves each instrumentation's advice into its class as the JDK's own class file has it, without loading the
     * class: the first JVM then starts as every later one does, from the classes this returns (by internal name,
     * their calls to the bridge retargeted), and no JDK class is retransformed. A class this JDK lacks is left out;
     * so is one Byte Buddy fails on (and that is said): {@code complete} tells whether every class this JDK has was
     * woven. The first class is woven alone (Byte Buddy loads most of itself doing it), the others on two threads
     * when the machine has two cores.
     */
    static Woven ahead(List<NetworkInstrumentation> instrumentations) throws InterruptedException {
        ClassFileTransformer weaver = of(instrumentations);
        byte[][] results = new byte[instrumentations.size()][];
        boolean[] absent = new boolean[instrumentations.size()];
        weave(weaver, instrumentations, 0, 1, results, absent);
        if (Runtime.getRuntime().availableProcessors() > 1 && instrumentations.size() > 2) {
            Thread helper = new NetrecThread("weaver", new Runnable() {
                @Override
                public void run() {
                    weave(weaver, instrumentations, 2, 2, results, absent);
                }
            });
            helper.start();
            weave(weaver, instrumentations, 1, 2, results, absent);
            helper.join();
        } else {
            weave(weaver, instrumentations, 1, 1, results, absent);
        }
        Map<String, byte[]> woven = new LinkedHashMap<>();
        boolean complete = true;
        for (int i = 0; i < results.length; i++) {
            if (results[i] != null) {
                woven.put(internalName(instrumentations.get(i)), results[i]);
            } else if (!absent[i]) {
                complete = false;
            }
        }
        return new Woven(woven, complete);
    }

    /** Weaves the instrumentations from {@code first} on, every {@code step}th, into {@code results}. */
    private static void weave(ClassFileTransformer weaver, List<NetworkInstrumentation> instrumentations, int first,
            int step, byte[][] results, boolean[] absent) {
        for (int i = first; i < instrumentations.size(); i += step) {
            NetworkInstrumentation instrumentation = instrumentations.get(i);
            String internalName = internalName(instrumentation);
            try {
                Module module = moduleOf(internalName);
                byte[] original = null;
                if (module != null) {
                    try (InputStream in = module.getResourceAsStream(internalName + ".class")) {
                        original = in == null ? null : in.readAllBytes();
                    }
                }
                if (original == null) {
                    absent[i] = true;
                    Log.debug(instrumentation.typeName() + " is not in this JDK; not instrumented");
                    continue;
                }
                byte[] changed = weaver.transform(module, module.getClassLoader(), internalName, null, null, original);
                results[i] = changed == null ? null : BridgeInstaller.retarget(changed);
            } catch (IOException | IllegalClassFormatException | RuntimeException e) {
                Log.internalError("instrumenting " + instrumentation.typeName() + " (its traffic is not seen by "
                        + "netrec)", e);
            }
        }
    }

    private static String internalName(NetworkInstrumentation instrumentation) {
        return instrumentation.typeName().replace('.', '/');
    }

    /** The JDK module whose package holds {@code internalName}, or null. */
    private static Module moduleOf(String internalName) {
        String pkg = internalName.substring(0, internalName.lastIndexOf('/')).replace('/', '.');
        for (Module module : ModuleLayer.boot().modules()) {
            if (module.getPackages().contains(pkg)) {
                return module;
            }
        }
        return null;
    }

    /**
     * {@code classFile}, an application's class that hands work to its own threads ({@code unshaded}: which, by its
     * internal name without the package a library may shade it into), woven so that the work carries the test it was
     * asked for; null when Byte Buddy left it unchanged. Its calls to the bridge are not retargeted yet.
     */
    static byte[] handoffs(String unshaded, Module module, ClassLoader loader, String internalName,
            Class<?> redefined, ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        String typeName = internalName.replace('/', '.');
        TaskHandoffInstrumentation instrumentation;
        switch (unshaded) {
            case "io/netty/util/concurrent/SingleThreadEventExecutor":
                instrumentation = TaskHandoffInstrumentation.eventLoop(typeName);
                break;
            case "io/netty/util/concurrent/DefaultPromise":
                instrumentation = TaskHandoffInstrumentation.promise(typeName);
                break;
            case "reactor/pool/AbstractPool$Borrower":
                instrumentation = TaskHandoffInstrumentation.poolBorrower(typeName);
                break;
            case "reactor/pool/SimpleDequePool":
                instrumentation = TaskHandoffInstrumentation.poolDrain(typeName);
                break;
            case "io/vertx/core/net/impl/pool/PoolWaiter":
            case "io/vertx/core/internal/pool/PoolWaiter": // Vert.x 5
                instrumentation = TaskHandoffInstrumentation.vertxWaiter(typeName);
                break;
            case "io/vertx/core/net/impl/pool/SimpleConnectionPool":
            case "io/vertx/core/internal/pool/SimpleConnectionPool": // Vert.x 5
                instrumentation = TaskHandoffInstrumentation.vertxPool(typeName);
                break;
            case "io/vertx/core/net/impl/pool/SimpleConnectionPool$LeaseImpl":
            case "io/vertx/core/internal/pool/SimpleConnectionPool$LeaseImpl": // Vert.x 5
                instrumentation = TaskHandoffInstrumentation.vertxLease(typeName);
                break;
            case "okhttp3/internal/connection/RealCall$AsyncCall":
                instrumentation = TaskHandoffInstrumentation.queuedCall(typeName);
                break;
            default:
                throw new IllegalArgumentException("netrec weaves no hand-off into " + unshaded);
        }
        return of(List.of(instrumentation)).transform(module, loader, internalName, redefined, domain, classFile);
    }

    /** What {@link #ahead} wove, and whether that is every class this JDK has. */
    static final class Woven {
        final Map<String, byte[]> classes;
        final boolean complete;

        Woven(Map<String, byte[]> classes, boolean complete) {
            this.classes = classes;
            this.complete = complete;
        }
    }

    /** A transformer that weaves each instrumentation's advice into its class, and leaves other classes alone. */
    static ClassFileTransformer of(Collection<NetworkInstrumentation> instrumentations) {
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
        for (NetworkInstrumentation instrumentation : instrumentations) {
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
                DynamicType dynamicType) {
            Log.debug("instrumented " + type.getName());
        }
    }
}
