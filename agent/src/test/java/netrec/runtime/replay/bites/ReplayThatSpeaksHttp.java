package netrec.runtime.replay.bites;

import netrec.runtime.protocol.http1.Http1;

/** Breaks the rule that replay knows no codec: ArchitectureTest shows the rule bites. */
public final class ReplayThatSpeaksHttp {
    public Object codec() {
        return new Http1();
    }
}
