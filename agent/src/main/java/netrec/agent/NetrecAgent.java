package netrec.agent;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;
import netrec.agent.bridge.BridgeInstaller;
import netrec.agent.instrument.Instrumentations;
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
        if (!options.mode().isActive()) {
            return;
        }
        try {
            BridgeInstaller.install(instrumentation, Hooks.class);
            Engine.start(options);
            NetrecTransformer transformer = new NetrecTransformer(Instrumentations.all(),
                    WovenClassCache.in(options.classCache()));
            instrumentation.addTransformer(transformer, true);
            retransformLoaded(instrumentation, transformer);
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

    private static void retransformLoaded(Instrumentation instrumentation, NetrecTransformer transformer)
            throws UnmodifiableClassException {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (transformer.instruments(type)) {
                loaded.add(type);
            }
        }
        if (!loaded.isEmpty()) {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
    }

    private static void stop(String message) {
        System.err.println(message.startsWith("netrec") ? message : "netrec: " + message);
        Runtime.getRuntime().halt(2);
    }
}
