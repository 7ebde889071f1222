package netrec.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import netrec.agent.bridge.BridgeInstaller;
import netrec.runtime.base.Log;
import netrec.runtime.tests.FirstTest;
import netrec.runtime.tests.TestThreads;

/**
 * Libraries' own threads, made to carry the test their work was asked for, as the JDK's executors do, so that tests
 * running at once that share a client are told apart: Netty's event loops, under whichever package a library shades
 * Netty into (Vert.x, Lettuce, gRPC's Netty transport, Reactor Netty), and Netty's promises' listeners, Reactor's
 * pool (as Reactor Netty shades it), Vert.x's connection pool and OkHttp's queued calls, each run for the test that
 * asked for them. They are application classes, so unlike the JDK's they are woven here, by Byte Buddy, and only once
 * a test with a cassette starts: the classes loaded by then are retransformed, those loading later are woven as they
 * load, and a JVM that runs no such test (or none of these libraries) never weaves anything for them.
 */
final class LibraryHandoffs implements ClassFileTransformer {
    /**
     * Every class woven, by its internal name without the package a library may shade it into: Netty's event loop
     * and promise, Reactor's pool (its borrower and its drain), OkHttp's queued call (OkHttp 4 and 5; OkHttp 3's
     * is not) and Vert.x's connection pool (its waiter, its connecting and its lease; Vert.x 5 moved it). (This class
     * may load before Byte Buddy can: it names none of its types, nor netrec's that do; {@link Weaver#handoffs} knows
     * how each is woven.)
     */
    private static final List<String> CLASSES = List.of("io/netty/util/concurrent/SingleThreadEventExecutor",
            "io/netty/util/concurrent/DefaultPromise", "reactor/pool/AbstractPool$Borrower",
            "reactor/pool/SimpleDequePool", "okhttp3/internal/connection/RealCall$AsyncCall",
            "io/vertx/core/net/impl/pool/PoolWaiter", "io/vertx/core/net/impl/pool/SimpleConnectionPool",
            "io/vertx/core/net/impl/pool/SimpleConnectionPool$LeaseImpl", "io/vertx/core/internal/pool/PoolWaiter",
            "io/vertx/core/internal/pool/SimpleConnectionPool",
            "io/vertx/core/internal/pool/SimpleConnectionPool$LeaseImpl");
    /** The last part of each of {@link #CLASSES}' names, for a check that makes no string as most classes load. */
    private static final String[] ENDINGS = new String[CLASSES.size()];

    static {
        for (int i = 0; i < ENDINGS.length; i++) { // no lambda or stream: this runs as the JVM starts
            ENDINGS[i] = CLASSES.get(i).substring(CLASSES.get(i).lastIndexOf('/'));
        }
    }
    private final Instrumentation instrumentation;

    private LibraryHandoffs(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /**
     * Weaves the libraries' classes as the first test with a cassette starts ({@link FirstTest}). The agent makes it
     * as it starts, which loads this small class alone: not {@link LibraryHandoffs}, nor {@link TestThreads}.
     */
    static final class AtFirstTest implements Runnable {
        private final Instrumentation instrumentation;

        AtFirstTest(Instrumentation instrumentation) {
            this.instrumentation = instrumentation;
        }

        @Override
        public void run() {
            start(instrumentation);
        }
    }

    private static void start(Instrumentation instrumentation) {
        try {
            instrumentation.addTransformer(new LibraryHandoffs(instrumentation), true);
            List<Class<?>> loaded = new ArrayList<>();
            for (Class<?> type : instrumentation.getAllLoadedClasses()) {
                if (weaving(type.getName().replace('.', '/')) != null && instrumentation.isModifiableClass(type)) {
                    loaded.add(type);
                }
            }
            if (!loaded.isEmpty()) {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            }
        } catch (Exception | LinkageError e) {
            Log.internalError("following tests into libraries' own threads (tests running at once that share a "
                    + "client may not be told apart)", e);
        }
    }

    /** Which of {@link #CLASSES} {@code internalName} is, under any package; null when none. */
    static String weaving(String internalName) {
        if (!endsAsOneWoven(internalName)) {
            return null;
        }
        int dollar = internalName.indexOf('$');
        int slash = internalName.lastIndexOf('/', dollar < 0 ? internalName.length() : dollar);
        for (int from = slash; from >= 0; from = internalName.lastIndexOf('/', from - 1)) {
            String unshaded = internalName.substring(from + 1);
            if (CLASSES.contains(unshaded)) {
                return unshaded;
            }
        }
        return CLASSES.contains(internalName) ? internalName : null;
    }

    private static boolean endsAsOneWoven(String internalName) {
        for (String ending : ENDINGS) {
            if (internalName.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
            ProtectionDomain domain, byte[] classFile) {
        String unshaded = internalName == null ? null : weaving(internalName);
        if (unshaded == null) {
            return null;
        }
        try {
            Libraries.ensureOnClassPath();
            byte[] woven = Weaver.handoffs(unshaded, module, loader, internalName, redefined, domain, classFile);
            if (woven == null) {
                return null;
            }
            BridgeInstaller.exportTo(instrumentation, module);
            return BridgeInstaller.retarget(woven);
        } catch (Throwable e) {
            Log.internalError("following tests into " + internalName.replace('/', '.') + " (tests running at once "
                    + "that share it may not be told apart)", e);
            return null;
        }
    }
}
