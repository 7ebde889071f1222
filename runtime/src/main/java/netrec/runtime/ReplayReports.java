package netrec.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Interaction;
import netrec.cassette.publish.RecordingAttempt;
import netrec.cassette.publish.UsageReport;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.replay.report.ReplayOutcome;

/**
 * The reports on a replayed cassette, kept where the cassette's files are not ({@link CassetteLayout#reports}) and
 * always about the current run: what a run before this one wrote is removed when this one opens the cassette, and a
 * run that missed nothing leaves no miss report. Several JVMs replaying one cassette at once (a build run with the
 * agent in each JVM) add their parts to one summary.
 */
public final class ReplayReports {
    private ReplayReports() {
    }

    /** Removes the reports on {@code options}' cassette that an earlier run than one started at {@code run} wrote. */
    public static void forgetEarlier(AgentOptions options, Instant run) {
        CassetteLayout layout = options.layout();
        for (Path report : new Path[] {layout.missReport(), layout.replayReport()}) {
            try {
                if (Files.exists(report) && Files.getLastModifiedTime(report).toInstant().isBefore(run)) {
                    Files.delete(report);
                }
            } catch (IOException e) {
                // an old report that cannot go is still named in what this run says
            }
        }
        try {
            if (layout.reports().equals(layout.work()) && Files.isDirectory(layout.directory())) {
                RecordingAttempt.prepareWork(layout); // the .gitignore beside the reports
            }
        } catch (IOException e) {
            // the reports still go there; git sees them
        }
    }

    /**
     * Writes the summary of a replay of {@code options}' cassette that went as {@code outcome}: passed unless
     * {@code failure} says why not, or a request missed. Added to a summary another JVM of the same run (one started
     * before {@code run}'s end) wrote since {@code run} began.
     */
    public static UsageReport write(AgentOptions options, ReplayOutcome outcome, String failure, Instant run)
            throws IOException {
        Set<String> used = new LinkedHashSet<>();
        for (Interaction interaction : outcome.used()) {
            used.add(interaction.source());
        }
        Map<String, String> neverUsed = new LinkedHashMap<>();
        for (Interaction interaction : outcome.unused()) {
            neverUsed.put(interaction.source(), interaction.request().toString());
        }
        UsageReport report = new UsageReport(options.cassette().toString(), outcome.served(), outcome.failedCalls(),
                failure, UsageReport.recordingFiles(options.cassette()), outcome.misses(), used, neverUsed);
        Path file = options.layout().replayReport();
        if (!Files.isDirectory(options.cassette()) && file.startsWith(options.cassette())) {
            return report; // a replay never makes the cassette it did not find
        }
        Instant written = UsageReport.writtenAt(file);
        if (written != null && !written.isBefore(run)) {
            UsageReport earlier = UsageReport.read(file);
            if (earlier != null) {
                report = report.and(earlier);
            }
        }
        CassetteLayout layout = options.layout();
        if (layout.reports().equals(layout.work())) {
            // the .gitignore again: an update's recording, published first, may have tidied netrec's folder away
            RecordingAttempt.prepareWork(layout);
        }
        report.write(file);
        return report;
    }
}
