package netrec.runtime.replay.match;

import java.nio.file.Files;
import java.nio.file.Path;
import netrec.cassette.match.IncomingRequest;
import netrec.runtime.base.Mode;

/** The explanation of a request the cassette cannot answer, as the client and the miss report show it. */
public final class ReplayMiss {
    private ReplayMiss() {
    }

    public static String describe(IncomingRequest request, Path cassette, Mode mode, ReplayIndex index) {
        StringBuilder text = new StringBuilder();
        text.append("netrec: no recorded interaction matches ").append(request).append('\n');
        text.append("  cassette: ").append(cassette).append(" (mode ").append(mode.label()).append(", ")
                .append(index.size()).append(" recorded interactions)\n");
        if (!Files.isDirectory(cassette)) {
            text.append("  the cassette directory does not exist: check cassette= (or $NETREC_CASSETTE, or the "
                    + "test's @Netrec name), or record it first\n");
        }
        ReplayIndex.Nearest nearest = index.nearest(request);
        if (nearest == null) {
            text.append("  nearest: none, the cassette has no interactions\n");
        } else {
            text.append("  nearest: ").append(nearest.interaction().request()).append(" (")
                    .append(nearest.interaction().source()).append(")\n");
            for (String reason : nearest.reasons()) {
                text.append("    ").append(reason).append('\n');
            }
        }
        text.append("  to fix: record this request (mode record, or mode update to keep the cassette and add what "
                + "it lacks), or edit the cassette");
        return text.toString();
    }
}
