package netrec.cassette.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import netrec.cassette.Cassette;
import netrec.cassette.Interaction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code templates --write} rewrites URIs line by line, in a file of any version it reads, and nothing else. */
class UriEditorTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"recording-v1.yaml", "recording-v2.yaml"})
    void rewritesTheUriOfTheEntryAtALineAndLeavesEveryOtherLine(String golden) throws IOException {
        Path file = dir.resolve("interactions/a.yaml");
        Files.createDirectories(file.getParent());
        try (InputStream in = getClass().getResourceAsStream("/golden/" + golden)) {
            Files.write(file, in.readAllBytes());
        }
        List<String> before = Files.readAllLines(file);
        Interaction upload = load().interactions().get(1);
        int line = Integer.parseInt(upload.source().substring(upload.source().lastIndexOf(':') + 1));

        UriEditor.rewrite(file, Map.of(line, "http://localhost:8080/{name}"));

        List<String> after = Files.readAllLines(file);
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            boolean uri = before.get(i).equals("      uri: http://localhost:8080/upload");
            assertEquals(uri ? "      uri: \"http://localhost:8080/{name}\"" : before.get(i), after.get(i),
                    "line " + (i + 1));
        }
        assertEquals("http://localhost:8080/{name}", load().interactions().get(1).request().uri());
    }

    private Cassette load() {
        return new CassetteReader(w -> { throw new AssertionError(w); }).load(dir);
    }
}
