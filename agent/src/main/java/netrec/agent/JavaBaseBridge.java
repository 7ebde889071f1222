package netrec.agent;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import netrec.agent.bridge.BridgeInstaller;
import netrec.runtime.base.Log;

/**
 * The bridge woven JDK classes call, defined in java.base when netrec first needs it: as the first class on the
 * network's path loads (its woven bytes call the bridge), or as netrec starts. A JVM that makes no network call never
 * defines it, and so never opens java.base's package to netrec, which runs the JDK's own lambdas (a dozen
 * milliseconds in a JVM that has spun none). When it cannot be defined, a recording JVM carries on unrecorded (said
 * once), and a replaying one stops, since the network would be reached.
 */
final class JavaBaseBridge {
    private final Instrumentation instrumentation;
    private final Map<String, byte[]> classes;
    private final boolean replays;
    private volatile boolean defined;
    private boolean failed;

    /** {@code classes}: the bridge's, renamed, from the class cache or netrec.jar. */
    JavaBaseBridge(Instrumentation instrumentation, Map<String, byte[]> classes, boolean replays) {
        this.instrumentation = instrumentation;
        this.classes = classes;
        this.replays = replays;
    }

    /** True once the bridge is in java.base; defines it now if it is not, false when that failed. */
    boolean ensureDefined() {
        if (defined) {
            return true;
        }
        synchronized (this) {
            if (!defined && !failed) {
                try {
                    BridgeInstaller.define(instrumentation, classes);
                    defined = true;
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    failed = true;
                    if (replays) {
                        NetrecAgent.stop("cannot put its bridge in java.base (" + e + "); the JVM stops so that "
                                + "nothing reaches the network");
                    }
                    Log.internalError("putting netrec's bridge in java.base; this JVM runs without recording", e);
                }
            }
            return defined;
        }
    }
}
