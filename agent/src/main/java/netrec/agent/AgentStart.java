package netrec.agent;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.List;
import netrec.runtime.Engine;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.Log;
import netrec.runtime.tests.FirstTest;

/**
 * netrec's start in a JVM it is in place in, which {@link Engine} runs when something first needs it: the first
 * network call, or a test's cassette (or at once: attached to a running JVM, or with a stored cassette). The bridge is
 * defined, the engine starts, the classes off the network's path that loaded before (the JVM's {@code Thread} always)
 * are woven, and the libraries' hand-offs wait for the first test. A JVM that makes no network call pays for none of
 * it.
 */
final class AgentStart implements Runnable {
    private final Instrumentation instrumentation;
    private final AgentOptions options;
    private final NetrecTransformer transformer;
    private final JavaBaseBridge bridge;

    AgentStart(Instrumentation instrumentation, AgentOptions options, NetrecTransformer transformer,
            JavaBaseBridge bridge) {
        this.instrumentation = instrumentation;
        this.options = options;
        this.transformer = transformer;
        this.bridge = bridge;
    }

    @Override
    public void run() {
        try {
            if (!bridge.ensureDefined()) {
                return;
            }
            transformer.netrecStarts();
            Engine.start(options);
            FirstTest.onStart(new LibraryHandoffs.AtFirstTest(instrumentation));
            List<Class<?>> loaded = transformer.offNetworkPathLoadedBefore(instrumentation);
            retransform(loaded);
            if (Log.debugEnabled()) {
                Log.debug("netrec started; " + loaded.size() + " JDK classes loaded before it were woven");
            }
        } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
            if (options.mode().replays()) {
                NetrecAgent.stop("cannot start " + options.mode().label() + " (" + e + "); the JVM stops so that "
                        + "nothing reaches the network");
            }
            Log.internalError("starting netrec; this JVM runs without recording", e);
        }
    }

    /**
     * As netrec is put in place: weaves the network's classes that loaded before the transformer was in place (none,
     * in a plain program), defining the bridge they call.
     */
    void retransformLoadedBefore() throws UnmodifiableClassException {
        List<Class<?>> loaded = transformer.networkPathLoadedBefore(instrumentation);
        if (!loaded.isEmpty() && bridge.ensureDefined()) {
            retransform(loaded);
        }
    }

    private void retransform(List<Class<?>> loaded) throws UnmodifiableClassException {
        if (!loaded.isEmpty()) {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
    }
}
