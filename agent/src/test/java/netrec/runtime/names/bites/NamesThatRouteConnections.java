package netrec.runtime.names.bites;

import netrec.runtime.replay.Replayer;

/** Breaks the rule that name lookups know nothing of replay: ArchitectureTest shows the rule bites. */
public final class NamesThatRouteConnections {
    public boolean routes(Replayer replayer) {
        return replayer.recorded(null);
    }
}
