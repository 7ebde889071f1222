package netrec.cassette.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFileTest {
    private static final Instant STARTED = Instant.parse("2026-11-22T03:10:49.123Z");

    @TempDir
    Path dir;

    @Test
    void recordingThatNeverHadAnEntryLeavesNoFile() throws IOException {
        RecordingFile file = new RecordingFile(new CassetteLayout(dir), STARTED);
        file.flush();
        file.close();
        assertNull(file.path());
        assertFalse(Files.exists(dir.resolve("interactions")));
    }

    @Test
    void aNamedRecordingKeepsItsNameWhenRecordedAgainAfterTheOldFileIsGone() throws IOException {
        RecordingFile first = RecordingFile.named(new CassetteLayout(dir), STARTED, "recording");
        first.append(CassetteYaml.entry(interaction("/one")));
        first.close();
        assertEquals(dir.resolve("interactions").resolve("recording.yaml"), first.path());
        Files.delete(first.path());

        RecordingFile again = RecordingFile.named(new CassetteLayout(dir), STARTED.plusSeconds(60), "recording");
        again.append(CassetteYaml.entry(interaction("/one")));
        again.close();
        assertEquals(dir.resolve("interactions").resolve("recording.yaml"), again.path());
    }

    @Test
    void aNamedRecordingAddedToACassetteTakesTheNextFreeNumber() throws IOException {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingFile file = RecordingFile.named(new CassetteLayout(dir), STARTED, "recording");
            file.append(CassetteYaml.entry(interaction("/" + i)));
            file.close();
            paths.add(dir.relativize(file.path()));
        }
        assertEquals(List.of(Path.of("interactions/recording.yaml"), Path.of("interactions/recording-2.yaml"),
                Path.of("interactions/recording-3.yaml")), paths);
    }

    @Test
    void fileStartsWithTheVersionAndHoldsEveryEntryAppended() throws IOException {
        RecordingFile file = new RecordingFile(new CassetteLayout(dir), STARTED);
        file.append(CassetteYaml.entry(new HostLookup(STARTED, "h", List.of("127.0.0.1"))));
        file.append(CassetteYaml.entry(interaction("/one")));
        assertTrue(file.hasPending());
        assertNull(file.path(), "nothing is written before a flush");
        file.flush();
        assertFalse(file.hasPending());
        file.append(CassetteYaml.entry(interaction("/two")));
        file.flush();

        String name = file.path().getFileName().toString();
        assertEquals(dir.resolve("interactions"), file.path().getParent());
        assertTrue(name.matches("20261122T031049Z-" + ProcessHandle.current().pid() + "-\\d{4}\\.yaml"), name);
        String text = Files.readString(file.path());
        assertTrue(text.startsWith("version: " + CassetteYaml.RECORDING_VERSION + "\nrecording:\n  started: "
                + STARTED + "\n  pid: " + ProcessHandle.current().pid() + "\n"), text);
        assertFalse(text.endsWith(CassetteYaml.FILE_END), "an open file has no end line yet");

        file.close();
        assertTrue(Files.readString(file.path()).endsWith(CassetteYaml.FILE_END));
        List<String> warnings = new ArrayList<>();
        Cassette cassette = new CassetteReader(warnings::add).load(dir);
        assertEquals(List.of(), warnings);
        assertEquals(List.of("http://h:80/one", "http://h:80/two"),
                List.of(cassette.interactions().get(0).request().uri(), cassette.interactions().get(1).request().uri()));
        assertEquals("h", cassette.lookups().get(0).host());
    }

    @Test
    void twoRecordingsStartedTogetherWriteTwoFiles() throws IOException {
        RecordingFile first = new RecordingFile(new CassetteLayout(dir), STARTED);
        RecordingFile second = new RecordingFile(new CassetteLayout(dir), STARTED);
        for (RecordingFile file : List.of(first, second)) {
            file.append(CassetteYaml.entry(interaction("/a")));
            file.close();
        }
        assertNotEquals(first.path(), second.path());
        assertEquals(2, new CassetteReader(w -> { }).load(dir).interactions().size());
    }

    private static Interaction interaction(String path) {
        return new Interaction(STARTED, new Server("h", 80, "", "", null),
                new RecordedRequest("GET", "http://h:80" + path, Headers.none(), Body.empty()),
                new RecordedResponse(200, "OK", Headers.none(), Body.text("ok")), "");
    }
}
