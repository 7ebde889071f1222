package netrec.agent;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;
import netrec.agent.bridge.BridgeInstaller;
import netrec.agent.instrument.Instrumentations;
import netrec.agent.instrument.NetworkInstrumentation;
import netrec.cassette.CassetteException;
import netrec.runtime.AgentOptions;
import netrec.runtime.Engine;
import netrec.runtime.Hooks;
import netrec.runtime.Log;

/**
 * {@code -javaagent:netrec.jar=MODE[,key=value...]}. A wrong argument or an unreadable replay cassette stops the JVM
 * with one line saying what is wrong; a JVM that replays never starts without netrec in place, so nothing can reach
 * the network by accident.
 */
public final class NetrecAgent {
    private NetrecAgent() {
    }

    public static void premain(String argument, Instrumentation instrumentation) {
        start(argument, instrumentation);
    }

    public static void agentmain(String argument, Instrumentation instrumentation) {
        start(argument, instrumentation);
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
            BridgeInstaller.install(instrumentation, Hooks.class);
            Engine.start(options);
            NetrecTransformer transformer = new NetrecTransformer(Instrumentations.all(),
                    WovenClassCache.in(options.classCache()));
            weaveNow(instrumentation, transformer, Instrumentations.all());
        } catch (CassetteException e) {
            stop(e.getMessage());
        } catch (Exception | LinkageError e) {
            if (options.mode().replays()) {
                stop("cannot start " + options.mode().label() + " (" + e + "); the JVM stops so that nothing "
                        + "reaches the network");
            }
            Log.internalError("starting netrec; this JVM runs without recording", e);
        }
    }

    /**
     * Weaves every class netrec instruments now, in one retransform: first each is loaded (not initialized) with no
     * transformer in place, then the transformer is added and all are retransformed. Weaving a class when it loads can
     * miss: a class loaded while a transformer runs on the same thread is never shown to transformers, and netrec's
     * own transformer reads and writes its class cache (JDK 25 loads SocketChannelImpl when a file is written). A
     * class this JDK lacks is skipped.
     */
    private static void weaveNow(Instrumentation instrumentation, NetrecTransformer transformer,
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
    }

    private static void stop(String message) {
        System.err.println(message.startsWith("netrec") ? message : "netrec: " + message);
        Runtime.getRuntime().halt(2);
    }
}
