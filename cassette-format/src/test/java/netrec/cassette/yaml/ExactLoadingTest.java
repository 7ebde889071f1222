package netrec.cassette.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An entry is loaded whole or not at all. Only the end of a recording its JVM never closed (killed) is a warning;
 * everything else malformed is an error naming file and line.
 */
class ExactLoadingTest {
    private static final Instant AT = Instant.parse("2026-11-22T03:10:49.123Z");

    @TempDir
    Path dir;

    @Test
    void aKilledRecordingCutAtAnyByteLoadsOnlyWholeEntriesEachExactlyAsWritten() throws IOException {
        List<Interaction> written = List.of(interaction(1, "first body"), interaction(2, "second, longer body"),
                interaction(3, "x".repeat(300)));
        String head = CassetteYaml.fileStart(AT, 1, "17");
        List<Integer> ends = new ArrayList<>();
        StringBuilder full = new StringBuilder(head);
        for (Interaction interaction : written) {
            full.append(CassetteYaml.entry(interaction));
            ends.add(full.length());
        }
        for (int cut = ends.get(0) - 30; cut <= full.length(); cut++) {
            write("killed.yaml", full.substring(0, cut));
            List<String> warnings = new ArrayList<>();
            Cassette loaded = new CassetteReader(warnings::add).load(dir);
            int whole = 0;
            while (whole < ends.size() && ends.get(whole) <= cut) {
                whole++;
            }
            int loadedCount = loaded.interactions().size();
            assertTrue(loadedCount <= whole && loadedCount >= whole - 1, "cut at " + cut + ": " + loadedCount
                    + " loaded, " + whole + " whole");
            if (cut == full.length()) {
                assertEquals(written.size() - 1, loadedCount, "the last entry, with nothing after it, is left out");
            }
            for (int i = 0; i < loadedCount; i++) {
                assertSame(written.get(i), loaded.interactions().get(i), "cut at " + cut);
            }
            assertEquals(1, warnings.size(), "cut at " + cut + ": " + warnings);
            assertTrue(warnings.get(0).contains("killed.yaml was not closed by its recorder"), warnings.get(0));
        }
    }

    @Test
    void aKilledRecordingWhoseLastBatchEndedLoadsEveryEntry() throws IOException {
        RecordingFile file = new RecordingFile(new CassetteLayout(dir), AT);
        file.append(CassetteYaml.entry(interaction(1, "a")));
        file.flush();
        file.append(CassetteYaml.entry(interaction(2, "b")));
        file.append(CassetteYaml.entry(interaction(3, "c")));
        file.flush();
        List<String> warnings = new ArrayList<>();
        assertEquals(3, new CassetteReader(warnings::add).load(dir).interactions().size());
        assertEquals(List.of("netrec: " + file.path() + " was not closed by its recorder (the JVM was killed?); its 3 "
                + "entries are whole and loaded"), warnings);
    }

    @Test
    void aKilledRecordingWhoseFirstEntryIsCorruptIsAnErrorNotASilentLoss() throws IOException {
        String text = CassetteYaml.fileStart(AT, 1, "17") + CassetteYaml.entry(interaction(1, "a"))
                .replace("status: 200", "status: [") + CassetteYaml.entry(interaction(2, "b"))
                + CassetteYaml.BATCH_END + CassetteYaml.entry(interaction(3, "c"));
        write("killed.yaml", text);
        CassetteException e = assertThrows(CassetteException.class, () -> new CassetteReader(w -> { }).load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("interactions").resolve("killed.yaml") + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());

        write("killed.yaml", text.replace("status: [", "status: two hundred"));
        e = assertThrows(CassetteException.class, () -> new CassetteReader(w -> { }).load(dir));
        assertEquals(dir.resolve("interactions").resolve("killed.yaml") + ":7: in the entry starting here, 'status' "
                + "must be a whole number, not 'two hundred'", e.getMessage());
    }

    @Test
    void emptyGarbageAndBinaryFilesAreErrorsNamingFileAndLine() throws IOException {
        Path file = dir.resolve("interactions").resolve("x.yaml");
        write("x.yaml", "");
        assertError(file + ":1: the file is empty, so it is not a recording");
        write("x.yaml", "this is not a cassette\n");
        assertError(file + ":1: a cassette file is a YAML mapping");
        Files.write(file, new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 0, 7});
        assertError(file + ":1: ");
        write("x.yaml", "version: 3\ninteractions:\n  - just text\n");
        assertError(file + ":3: each entry of 'interactions' must be a mapping");
        write("x.yaml", CassetteYaml.fileStart(AT, 1, "17") + "  - recorded-at: 2026-11-22T03:10:49Z\n    ]]]\n"
                + CassetteYaml.entry(interaction(2, "b")));
        assertError(file + ":7: not valid YAML");
    }

    @Test
    void certificateReferenceOutsideTheCassetteIsAnErrorNamingFileAndLine() throws IOException {
        write("x.yaml", String.join("\n", "version: 3", "interactions:", "  - recorded-at: 2026-11-22T03:10:50Z",
                "    server: {host: h, port: 443, tls: {protocol: TLSv1.3, cipher-suite: TLS_AES_128_GCM_SHA256, "
                        + "certificates: ../../../outside/evil}}",
                "    protocol: http/1.1", "    request: {method: GET, uri: 'https://h:443/'}",
                "    response: {status: 200}", "# end of recording", ""));
        CassetteException e = assertThrows(CassetteException.class, () -> new CassetteReader(w -> { }).load(dir));
        assertEquals(dir.resolve("interactions").resolve("x.yaml") + ":3: in the entry starting here, "
                + "'server.tls.certificates' must be the 64-digit lower-case hex SHA-256 naming "
                + "certificates/<sha256>.pem in the cassette, not '../../../outside/evil' (netrec reads no file outside "
                + "the cassette)", e.getMessage());
    }

    @Test
    void aLargeKilledRecordingLoadsEveryEntryButTheOneTheKillCut() throws IOException {
        RecordingFile file = new RecordingFile(new CassetteLayout(dir), AT);
        int count = 64_569;
        for (int i = 1; i <= count; i++) {
            file.append(CassetteYaml.entry(interaction(i, "body " + i)));
            if (i % 997 == 0) {
                file.flush();
            }
        }
        file.flush();
        long size = Files.size(file.path());
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file.path(),
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size - 100);
        }
        List<String> warnings = new ArrayList<>();
        Cassette loaded = new CassetteReader(warnings::add).load(dir);
        assertEquals(count - 1, loaded.interactions().size(), warnings.toString());
        assertEquals("http://h:80/item/" + (count - 1), loaded.interactions().get(count - 2).request().uri());
        assertEquals(1, warnings.size());
    }

    private void assertError(String start) {
        CassetteException e = assertThrows(CassetteException.class, () -> new CassetteReader(w -> {
            throw new AssertionError("an error, not a warning: " + w);
        }).load(dir));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    private static void assertSame(Interaction expected, Interaction actual, String message) {
        assertEquals(CassetteYaml.entry(expected), CassetteYaml.entry(actual), message);
    }

    private static Interaction interaction(int n, String body) {
        return new Interaction(AT, new Server("h", 80, "", "", null), Interaction.HTTP_1_1,
                new RecordedRequest("GET", "http://h:80/item/" + n, Headers.of(List.of(new Headers.Field("Accept",
                        "text/plain"))), Body.empty()),
                new RecordedResponse(200, "OK", Headers.of(List.of(new Headers.Field("Content-Type", "text/plain"))),
                        Body.text(body)), "");
    }

    private void write(String name, String text) throws IOException {
        Path interactions = dir.resolve("interactions");
        Files.createDirectories(interactions);
        Files.writeString(interactions.resolve(name), text, StandardCharsets.UTF_8);
    }
}
