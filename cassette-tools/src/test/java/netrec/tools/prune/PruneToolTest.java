package netrec.tools.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Interaction;
import netrec.cassette.publish.UsageReport;
import netrec.cassette.yaml.CassetteReader;
import netrec.testing.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prune CASSETTE [--reports DIR]} in process: it reads the last replay's report where it was written, says
 * what it removed, one request a line, and says in one line why it removed nothing. What pruning keeps and removes
 * is {@code PruningTest}'s.
 */
class PruneToolTest {
    private static final String RECORDING = String.join("\n",
            "version: 6",
            "recording:",
            "  started: 2026-11-23",
            "interactions:",
            "  - recorded-at: 2026-11-23T00:00:00Z",
            "    connection: 1",
            "    server:",
            "      host: api.example",
            "      port: 80",
            "    protocol: http/1.1",
            "    request:",
            "      method: GET",
            "      uri: http://api.example:80/used",
            "    response:",
            "      status: 200",
            "      body: kept",
            "  - recorded-at: 2026-11-23T00:00:00Z",
            "    connection: 1",
            "    server:",
            "      host: api.example",
            "      port: 80",
            "    protocol: http/1.1",
            "    request:",
            "      method: GET",
            "      uri: http://api.example:80/old",
            "    response:",
            "      status: 200",
            "      body: gone",
            "# end of recording",
            "");

    @TempDir
    Path dir;

    private Path cassette() throws IOException {
        Path cassette = dir.resolve("cassette");
        Files.createDirectories(cassette.resolve("interactions"));
        Files.writeString(cassette.resolve("interactions").resolve("recording.yaml"), RECORDING);
        return cassette;
    }

    /** The report of a passing replay that asked only for /used, written into {@code reports}. */
    private static void replayedUsingOnlyUsed(Path cassette, Path reports) throws IOException {
        Cassette loaded = new CassetteReader(w -> { }).load(cassette);
        Map<String, String> never = new LinkedHashMap<>();
        String used = null;
        for (Interaction interaction : loaded.interactions()) {
            if (interaction.request().uri().endsWith("/used")) {
                used = interaction.source();
            } else {
                never.put(interaction.source(), interaction.request().toString());
            }
        }
        Path report = new CassetteLayout(cassette).withReports(reports).replayReport();
        Files.createDirectories(report.getParent());
        new UsageReport(cassette.toString(), 1, 0, null, UsageReport.recordingFiles(cassette), List.of(),
                Set.of(used), never).write(report);
    }

    @Test
    void pruneRemovesWhatTheReportInReportsSaysWasNeverUsedAndSaysWhat() throws IOException {
        Path cassette = cassette();
        Path reports = dir.resolve("target/netrec/cassette");
        replayedUsingOnlyUsed(cassette, reports);

        ToolRun run = ToolRun.of(new PruneTool(), cassette.toString(), "--reports", reports.toString());

        assertEquals(0, run.status(), run.toString());
        assertEquals("pruned 1 interaction the last replay never used from " + cassette + "\n"
                + "  GET http://api.example:80/old  (recording.yaml)\n", run.out());
        String left = Files.readString(cassette.resolve("interactions").resolve("recording.yaml"));
        assertFalse(left.contains("/old"), left);
        assertTrue(left.contains("/used"), left);
    }

    @Test
    void withoutAReportPruneChangesNothingAndSaysWhereItLooked() throws IOException {
        Path cassette = cassette();

        ToolRun run = ToolRun.of(new PruneTool(), cassette.toString());

        assertEquals(1, run.status(), run.toString());
        assertTrue(run.err().startsWith("netrec: prune needs the report of a replay of " + cassette + " that passed, "
                + "and there is none at " + new CassetteLayout(cassette).replayReport()), run.err());
        assertEquals(RECORDING, Files.readString(cassette.resolve("interactions").resolve("recording.yaml")));
    }

    @Test
    void aCommandLineItCannotRunIsOneLine() {
        ToolRun run = ToolRun.of(new PruneTool());

        assertEquals(2, run.status(), run.toString());
        assertEquals("netrec: prune takes one cassette, got none\n"
                + "Try 'java -jar netrec.jar prune --help' for more information.\n", run.err());
    }
}
