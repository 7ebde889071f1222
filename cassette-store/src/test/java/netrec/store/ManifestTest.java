package netrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static final String BODY = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String RECORDING = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

    private static Manifest example() {
        return new Manifest("enforcer-build", "2026-12-06T18:00:00Z", "0.1.0-SNAPSHOT", List.of(
                new Manifest.Entry("interactions/Launcher.yaml", RECORDING, 1234),
                new Manifest.Entry("bodies/" + BODY, BODY, 4)));
    }

    private static byte[] golden() throws IOException {
        try (InputStream in = ManifestTest.class.getResourceAsStream("manifest-v1.yaml")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aManifestIsWrittenAsTheGoldenFileSaysVersionFirstAndFilesInPathOrder() throws IOException {
        assertEquals(new String(golden(), StandardCharsets.UTF_8), new String(example().toYaml(),
                StandardCharsets.UTF_8));
    }

    @Test
    void theGoldenFileReadsBackWhole() throws IOException {
        Manifest read = Manifest.read(golden(), "manifest-v1.yaml");
        assertEquals("enforcer-build", read.cassette());
        assertEquals(example().files(), read.files());
        assertEquals(1238, read.size());
    }

    @Test
    void aNewerVersionIsRefusedSayingWhatToDo() {
        IOException refused = assertThrows(IOException.class, () -> Manifest.read(
                "version: 2\nfiles: []\n".getBytes(StandardCharsets.UTF_8), "s3://b/c"));
        assertEquals("s3://b/c is a manifest of version 2, and this netrec reads version 1: use a newer netrec to read "
                + "it", refused.getMessage());
        IOException none = assertThrows(IOException.class, () -> Manifest.read("files: []\n".getBytes(
                StandardCharsets.UTF_8), "s3://b/c"));
        assertTrue(none.getMessage().contains("it has no version: first"), none.getMessage());
    }

    @Test
    void aFileOutsideTheCassetteIsRefused() {
        for (String path : List.of("../escape", "/etc/passwd", "a//b", ".netrec/attempts/x", "bodies/./x", "")) {
            assertFalse(Manifest.safePath(path), path);
            byte[] yaml = ("version: 1\nfiles:\n- path: '" + path + "'\n  sha256: " + BODY + "\n  size: 4\n")
                    .getBytes(StandardCharsets.UTF_8);
            IOException refused = assertThrows(IOException.class, () -> Manifest.read(yaml, "m"), path);
            assertTrue(refused.getMessage().startsWith("m has a file netrec cannot place"), refused.getMessage());
        }
        assertTrue(Manifest.safePath("interactions/recording.yaml"));
    }
}
