package netrec.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.publish.Publication;
import netrec.runtime.base.Mode;
import netrec.runtime.replay.report.ReplayOutcome;

/**
 * What one use of a cassette came to, for whoever ended it (the JVM's exit, a test's end, the launcher) to say:
 * how its replay went, and what became of its recording: published, kept as a failed attempt (it did not end well),
 * or nothing at all to publish, with the connections the recording left alone (which may be why).
 */
public final class CassetteOutcome {
    private final Path cassette;
    private final Mode mode;
    private final ReplayOutcome replay;
    private final int recorded;
    private final int failedOnly;
    private final Publication.Result published;
    private final Path kept;
    private final String why;
    private final Map<String, Integer> leftAlone;

    CassetteOutcome(Path cassette, Mode mode, ReplayOutcome replay, int recorded, int failedOnly,
            Publication.Result published, Path kept, String why, Map<String, Integer> leftAlone) {
        this.cassette = cassette;
        this.mode = mode;
        this.replay = replay;
        this.recorded = recorded;
        this.failedOnly = failedOnly;
        this.published = published;
        this.kept = kept;
        this.why = why;
        this.leftAlone = new LinkedHashMap<>(leftAlone);
    }

    /** The mode the cassette ran in (never {@code once}: what once decided). */
    public Mode mode() {
        return mode;
    }

    /** How replay went; null when the cassette was recorded only. */
    public ReplayOutcome replay() {
        return replay;
    }

    /**
     * Interactions the recording wrote (or, published into a new cassette, the failed connects and lookups that were
     * all it recorded); 0 when it recorded none, or did not record.
     */
    public int recorded() {
        return recorded;
    }

    /** What publishing did; null when nothing was published. */
    public Publication.Result published() {
        return published;
    }

    /** Where a recording that did not end well is kept; null when none was. */
    public Path kept() {
        return kept;
    }

    /** True when the cassette's mode recorded, and it recorded no interaction at all. */
    public boolean recordedNothing() {
        return mode.records() && !mode.replays() && recorded == 0;
    }

    /** The connections left alone while the cassette was in use: {@code host:port}, and how many. */
    public Map<String, Integer> leftAlone() {
        return leftAlone;
    }

    /**
     * The one line to say about the recording, or null when there is nothing to say (it was published, or there was
     * nothing to add). {@code who} names what recorded ("this JVM", a test); {@code include} is the one change that
     * records what was left alone, in the words of the entry point ({@code leave-alone=...}, {@code @Netrec(leaveAlone
     * = ...)}).
     */
    public String recordingLine(String who, String include) {
        if (failedOnly > 0) {
            return "netrec: " + who + " recorded only " + failedOnly + " failed connect" + (failedOnly == 1 ? "" : "s")
                    + " or lookup" + (failedOnly == 1 ? "" : "s") + " (are its servers down?), so " + cassette
                    + " is left as it was; the attempt is kept in " + kept;
        }
        if (recorded == 0 && (recordedNothing() || kept != null)) {
            return "netrec: " + who + (recordedNothing() ? " recorded nothing" : " added nothing") + ", so " + cassette
                    + " is left as it was" + leftAloneText(include)
                    + (kept == null ? "" : "; what it could not record is noted in " + kept);
        }
        if (kept != null) {
            return "netrec: " + who + " did not end well (" + why + "), so its recording of " + recorded
                    + " interaction" + (recorded == 1 ? "" : "s") + " does not replace " + cassette + ", which is left as it was; the attempt is kept in "
                    + kept;
        }
        return null;
    }

    /** {@code ; it left alone 3 connections to localhost:8089 (to record them: ...)}, or nothing. */
    public String leftAloneText(String include) {
        if (leftAlone.isEmpty()) {
            return "";
        }
        int total = leftAlone.values().stream().mapToInt(Integer::intValue).sum();
        return "; it left alone " + total + " connection" + (total == 1 ? "" : "s") + " to " + String.join(", ",
                leftAlone.keySet()) + " (to record " + (total == 1 ? "it" : "them") + ": " + include + ")";
    }

    /** The hosts of the connections left alone, without their ports. */
    public List<String> hostsLeftAlone() {
        List<String> hosts = new ArrayList<>();
        for (String hostPort : leftAlone.keySet()) {
            String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
            if (!hosts.contains(host)) {
                hosts.add(host);
            }
        }
        return hosts;
    }
}
