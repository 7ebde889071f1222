package netrec.cassette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Interaction;
import netrec.cassette.yaml.CassetteReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prune} removes what the last passing replay never used, and nothing else, and only then. */
class PruningTest {
    private static final String RECORDING = String.join("\n",
            "version: 4",
            "recording:",
            "  started: 2026-11-23",
            "interactions:",
            "  - recorded-at: 2026-11-23T00:00:00Z",
            "    lookup: api.example",
            "    addresses:",
            "      - 192.0.2.1",
            "  - recorded-at: 2026-11-23T00:00:00Z",
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
            "    server:",
            "      host: api.example",
            "      port: 80",
            "    protocol: http/1.1",
            "    request:",
            "      method: GET",
            "      uri: http://api.example:80/old",
            "    response:",
            "      status: 200",
            "      body: |",
            "        a body of lines",
            "",
            "        with a blank one",
            "# end of recording",
            "");

    @TempDir
    Path dir;

    private CassetteLayout cassette() throws IOException {
        CassetteLayout cassette = new CassetteLayout(dir.resolve("cassette"));
        Files.createDirectories(cassette.interactions());
        if (!Files.exists(cassette.interactions().resolve("recording.yaml"))) {
            Files.writeString(cassette.interactions().resolve("recording.yaml"), RECORDING);
        }
        return cassette;
    }

    /** The report a replay that used {@code used} (by request path) writes. */
    private void replayed(CassetteLayout cassette, String failure, String... used) throws IOException {
        Cassette loaded = new CassetteReader(w -> { }).load(cassette.directory());
        Set<String> usedPaths = Set.of(used);
        Map<String, String> never = new LinkedHashMap<>();
        List<String> usedSources = loaded.interactions().stream()
                .filter(i -> usedPaths.contains(i.request().uri().replaceFirst("^http://[^/]+", "")))
                .map(Interaction::source).collect(Collectors.toList());
        for (Interaction interaction : loaded.interactions()) {
            if (!usedSources.contains(interaction.source())) {
                never.put(interaction.source(), interaction.request().toString());
            }
        }
        new UsageReport(cassette.directory().toString(), used.length, 0, failure,
                UsageReport.recordingFiles(cassette.directory()), List.of(), Set.copyOf(usedSources), never)
                .write(cassette.replayReport());
    }

    @Test
    void theReportSaysWhatReplayUsedAndReadsBackAsWritten() throws IOException {
        CassetteLayout cassette = cassette();
        replayed(cassette, null, "/used");
        UsageReport report = UsageReport.read(cassette.replayReport());
        assertTrue(report.passed());
        assertEquals(1, report.neverUsed().size());
        assertTrue(report.neverUsed().keySet().iterator().next().endsWith("recording.yaml:20"), report.neverUsed()
                .toString());
        assertTrue(Files.readString(cassette.replayReport()).startsWith("replayed 1 requests from " + cassette
                .directory() + ", 0 missed, 1 of 2 recorded interactions never used\npassed: yes\n"));
    }

    @Test
    void aMissTheClientAskedAgainCountsOnceAndReadsBackWithItsCalls() throws IOException {
        CassetteLayout cassette = cassette();
        new UsageReport(cassette.directory().toString(), 1, 65, null, UsageReport.recordingFiles(cassette.directory()),
                List.of("netrec: no recorded interaction matches GET /gone"), Set.of(), java.util.Map.of())
                .write(cassette.replayReport());
        UsageReport report = UsageReport.read(cassette.replayReport());
        assertTrue(report.summary().startsWith("replayed 1 requests from " + cassette.directory()
                + ", 1 missed (asked 65 times), "), report.summary());
        assertTrue(report.and(report).summary().startsWith("replayed 2 requests from " + cassette.directory()
                + ", 1 missed (asked 130 times), "), "two JVMs' reports of one run, the same miss in both");
    }

    @Test
    void pruneRemovesWhatTheLastPassingReplayNeverUsedAndNoOtherLine() throws IOException {
        CassetteLayout cassette = cassette();
        replayed(cassette, null, "/used");
        Pruning.Result result = Pruning.prune(cassette);
        assertEquals(1, result.count());
        String pruned = Files.readString(cassette.interactions().resolve("recording.yaml"));
        assertEquals(RECORDING.substring(0, RECORDING.indexOf("  - recorded-at", RECORDING.indexOf("/used")))
                + "# end of recording\n", pruned);
        assertFalse(Files.exists(cassette.replayReport()), "its line numbers describe the file before");
    }

    @Test
    void aFileKeepsTheFailedConnectsReplayFailsAlikeWhenNoInteractionIsLeft() throws IOException {
        CassetteLayout cassette = cassette();
        String failed = "  - recorded-at: 2026-11-23T00:00:00Z\n    connection: 1\n    server:\n"
                + "      host: down.example\n      port: 443\n    failed:\n      error: java.net.ConnectException\n"
                + "      message: Connection refused\n";
        Files.writeString(cassette.interactions().resolve("recording.yaml"), RECORDING.replace("version: 4",
                "version: 6").replace("# end of recording\n", failed + "# end of recording\n"));
        replayed(cassette, null);
        Pruning.prune(cassette);
        String pruned = Files.readString(cassette.interactions().resolve("recording.yaml"));
        assertFalse(pruned.contains("uri:"), pruned);
        assertTrue(pruned.endsWith(failed + "# end of recording\n"), pruned);
    }

    @Test
    void pruneChangesNothingAfterAReplayThatFailed() throws IOException {
        CassetteLayout cassette = cassette();
        replayed(cassette, "the test failed", "/used");
        CassetteException refused = assertThrows(CassetteException.class, () -> Pruning.prune(cassette));
        assertTrue(refused.getMessage().contains("did not pass (the test failed)"), refused.getMessage());
        assertEquals(RECORDING, Files.readString(cassette.interactions().resolve("recording.yaml")));
    }

    @Test
    void pruneChangesNothingWhenTheCassetteChangedSinceItsReplay() throws IOException {
        CassetteLayout cassette = cassette();
        replayed(cassette, null, "/used");
        Files.writeString(cassette.interactions().resolve("recording.yaml"), RECORDING.replace("kept", "edited"));
        CassetteException refused = assertThrows(CassetteException.class, () -> Pruning.prune(cassette));
        assertTrue(refused.getMessage().contains("changed since its last replay (recording.yaml changed)"),
                refused.getMessage());
    }

    @Test
    void pruneWithoutAReplaySaysToReplayFirst() throws IOException {
        CassetteLayout cassette = cassette();
        CassetteException refused = assertThrows(CassetteException.class, () -> Pruning.prune(cassette));
        assertTrue(refused.getMessage().contains("replay it first"), refused.getMessage());
    }

    @Test
    void aCassetteIsAsOldAsTheDayItsOldestFileWasRecorded() throws IOException {
        CassetteLayout cassette = cassette();
        Files.writeString(cassette.interactions().resolve("later.yaml"), RECORDING.replace("2026-11-23", "2026-12-01"));
        assertEquals(LocalDate.of(2026, 11, 23), CassetteAge.recorded(cassette.directory()));
        assertEquals(30, CassetteAge.parseMaxAge("30d"));
        assertEquals(14, CassetteAge.parseMaxAge("2w"));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> CassetteAge.parseMaxAge("12h"));
        assertTrue(wrong.getMessage().contains("max-age=30d or max-age=2w"), wrong.getMessage());
    }
}
