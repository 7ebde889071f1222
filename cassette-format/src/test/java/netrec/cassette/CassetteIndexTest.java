package netrec.cassette;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import netrec.cassette.yaml.CassetteReader;
import netrec.cassette.yaml.CassetteYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassetteIndexTest {
    @TempDir
    Path dir;

    @Test
    void anIndexedCassetteLoadsTheSameAsItsYamlUntilAFileChanges() throws IOException {
        Path cassette = dir.resolve("cassette");
        Path recording = cassette.resolve("interactions").resolve("a.yaml");
        Files.createDirectories(recording.getParent());
        try (InputStream golden = getClass().getResourceAsStream("/golden/recording-v1.yaml")) {
            Files.write(recording, golden.readAllBytes());
        }
        Path indexes = dir.resolve("indexes");
        Cassette parsed = new CassetteReader(w -> { }, indexes).load(cassette);
        CassetteIndex index = new CassetteIndex(indexes, cassette);
        Cassette indexed = index.read(cassette, List.of(recording));
        assertNotNull(indexed, "the first load writes the index");
        assertEquals(entries(new CassetteReader(w -> { }).load(cassette)), entries(parsed),
                "responses kept in the index's file read back as they were recorded");
        assertEquals(entries(parsed), entries(indexed));
        assertEquals(parsed.bodyFiles(), indexed.bodyFiles());
        assertEquals(parsed.lookups().get(0).addresses(), indexed.lookups().get(0).addresses());
        assertEquals(parsed.interactions().get(2).response().endedEarly(),
                indexed.interactions().get(2).response().endedEarly());

        Files.setLastModifiedTime(recording, FileTime.fromMillis(Files.getLastModifiedTime(recording).toMillis() + 1000));
        assertNull(index.read(cassette, List.of(recording)), "a changed file makes the index stale");
    }

    private static String entries(Cassette cassette) {
        StringBuilder text = new StringBuilder();
        for (Interaction interaction : cassette.interactions()) {
            text.append(interaction.source()).append('\n').append(CassetteYaml.entry(interaction));
        }
        return text.toString();
    }
}
