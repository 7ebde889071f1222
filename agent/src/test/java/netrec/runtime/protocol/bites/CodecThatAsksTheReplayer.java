package netrec.runtime.protocol.bites;

import netrec.runtime.replay.Replayer;

/** Breaks the rule that codecs ask the cassette through their contract alone: ArchitectureTest shows it bites. */
public final class CodecThatAsksTheReplayer {
    public Object answers(Replayer replayer) {
        return replayer.answers();
    }
}
