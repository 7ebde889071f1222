package netrec.cassette.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.Cassette;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading is linear in a file's size whatever the shape of its lines: a value on one line of many megabytes loads
 * in about the time its bytes take to read (SnakeYAML alone takes time quadratic in the line's length), and every
 * value, whatever its characters and its YAML style, loads as it was written.
 */
class LongLinesTest {
    private static final Instant AT = Instant.parse("2026-11-22T03:10:49.123Z");
    private static final String LONG = "abcdefghij0123456789+/=_.-".repeat(2000);

    @TempDir
    Path dir;

    @Test
    void longValuesOfEveryShapeLoadAsWritten() throws IOException {
        for (String value : List.of(LONG, "-" + LONG, "&" + LONG, "!" + LONG, "*" + LONG, "\\x41" + LONG,
                "é漢".repeat(20_000), "\u0001" + LONG + "\u0007" + LONG, LONG + "\"" + LONG + "'" + LONG,
                "line one\n" + LONG + "\nline three\n", LONG + ": " + LONG + " # " + LONG, "\t" + LONG + "\t",
                "\uE000private" + LONG + "\uE001", "😀".repeat(10_000) + LONG)) {
            Interaction original = interaction(Body.text(value), Headers.of(List.of(new Headers.Field("X-V",
                    value.replace("\n", " ")))));
            write("t.yaml", CassetteYaml.fileStart(AT, 1, "17") + CassetteYaml.entry(original)
                    + CassetteYaml.entry(interaction(Body.text("after"), Headers.none())) + CassetteYaml.FILE_END);
            Cassette cassette = new CassetteReader(w -> { throw new AssertionError(w); }).load(dir);
            Interaction loaded = cassette.interactions().get(0);
            assertEquals(value, loaded.response().body().text(), "body " + value.substring(0, 20));
            assertEquals(value.replace("\n", " "), loaded.request().headers().first("X-V"),
                    "header " + value.substring(0, 20));
            assertEquals("after", cassette.interactions().get(1).response().body().text());
            assertTrue(cassette.interactions().get(1).source().endsWith("t.yaml:" + lineOfSecondEntry()),
                    cassette.interactions().get(1).source());
        }
    }

    @Test
    void aSingleLineOfThirtyMegabytesLoadsInSeconds() throws IOException {
        String line = "0123456789abcdef".repeat(2 << 20);
        write("big.yaml", CassetteYaml.fileStart(AT, 1, "17")
                + CassetteYaml.entry(interaction(Body.text(line), Headers.none())) + CassetteYaml.FILE_END);
        long started = System.nanoTime();
        Cassette cassette = new CassetteReader(w -> { throw new AssertionError(w); }).load(dir);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(line, cassette.interactions().get(0).response().body().text());
        assertTrue(millis < 15_000, "a 32 MB line took " + millis + " ms to load (quadratic: minutes)");
    }

    private int lineOfSecondEntry() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("interactions/t.yaml"));
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("  - ") && ++seen == 2) {
                return i + 1;
            }
        }
        throw new AssertionError("no second entry");
    }

    private static Interaction interaction(Body body, Headers requestHeaders) {
        return new Interaction(AT, new Server("h", 80, "", "", null),
                new RecordedRequest("GET", "http://h:80/", requestHeaders, Body.empty()),
                new RecordedResponse(200, "OK", Headers.none(), body), "");
    }

    private void write(String name, String text) throws IOException {
        Files.createDirectories(dir.resolve("interactions"));
        Files.writeString(dir.resolve("interactions").resolve(name), text);
    }
}
