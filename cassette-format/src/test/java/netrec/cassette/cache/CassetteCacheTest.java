package netrec.cassette.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.cassette.Body;
import netrec.cassette.Cassette;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.yaml.CassetteReader;
import netrec.cassette.yaml.CassetteYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassetteCacheTest {
    @TempDir
    Path dir;

    @Test
    void aCachedCassetteLoadsTheSameAsItsYamlUntilAFileChanges() throws IOException {
        Cassette parsed = loadCaching("recording-v3.yaml");
        Cassette cached = cached();
        assertNotNull(cached, "the first load writes the cache");
        assertEquals(entries(new CassetteReader(w -> { }).load(cassette())), entries(parsed),
                "responses kept in the cache's file read back as they were recorded");
        assertEquals(entries(parsed), entries(cached));
        assertEquals(parsed.bodyFiles(), cached.bodyFiles());
        assertEquals(parsed.lookups().get(0).addresses(), cached.lookups().get(0).addresses());
        assertEquals(parsed.interactions().get(2).response().endedEarly(),
                cached.interactions().get(2).response().endedEarly());
        assertEquals(parsed.interactions().get(3).response().trailers(),
                cached.interactions().get(3).response().trailers());
        assertEquals(Interaction.HTTP_2, cached.interactions().get(3).protocol());
        assertTrue(cached.interactions().get(4).response().isUnanswered());
        assertEquals(parsed.interactions().get(3).response().interleaving(),
                cached.interactions().get(3).response().interleaving());

        Files.setLastModifiedTime(recording(), FileTime.fromMillis(Files.getLastModifiedTime(recording()).toMillis()
                + 1000));
        assertNotNull(cached(), "the cache stands for the content: touching the file leaves it in use");
    }

    @Test
    void aResponseReplayedAgainIsReadFromTheCacheFileOnce() throws IOException {
        loadCaching("recording-v3.yaml");
        Interaction interaction = cached().interactions().get(0);
        RecordedResponse first = interaction.response();
        assertNotNull(interaction.storedResponse(), "kept in the cache's file, not in memory");
        assertSame(first, interaction.response(), "read and decoded once, not at every request that replays it");
    }

    @Test
    void anEditThatKeepsSizeAndModificationTimeMakesTheCacheStale() throws IOException {
        loadCaching("recording-v3.yaml");
        FileTime modified = Files.getLastModifiedTime(recording());
        String text = Files.readString(recording());
        assertTrue(text.contains("status: 200"));
        Files.writeString(recording(), text.replaceFirst("status: 200", "status: 201"));
        Files.setLastModifiedTime(recording(), modified);
        assertNull(cached(), "same size, same time, other content: the cache is stale");
        assertEquals(201, new CassetteReader(w -> { }, caches()).load(cassette()).interactions().get(0).response()
                .status());
    }

    @Test
    void aVersionOneCassetteIsCachedAsUpgraded() throws IOException {
        Cassette parsed = loadCaching("recording-v1.yaml");
        assertEquals(entries(parsed), entries(cached()));
        assertEquals(Interaction.HTTP_1_1, cached().interactions().get(0).protocol());
    }

    @Test
    void aCacheOfAnotherCacheVersionIsWrittenAgainNotMisread() throws IOException {
        loadCaching("recording-v2.yaml");
        Path index;
        try (Stream<Path> files = Files.list(caches())) {
            index = files.filter(f -> f.toString().endsWith(".index")).collect(Collectors.toList()).get(0);
        }
        try (RandomAccessFile file = new RandomAccessFile(index.toFile(), "rw")) {
            file.seek(Integer.BYTES);
            file.writeInt(2); // the layout before interactions carried their protocol
        }
        assertNull(cached());

        Cassette parsed = new CassetteReader(w -> { }, caches()).load(cassette());
        assertEquals(entries(parsed), entries(cached()));
    }

    @Test
    void eachInteractionKeepsItsProtocol() throws IOException {
        Files.createDirectories(recording().getParent());
        Files.writeString(recording(), "stamped only");
        CassetteCache cache = new CassetteCache(caches(), cassette());
        try (CassetteCache.Writer writer = cache.writer(List.of(recording()))) {
            Interaction kept = writer.keep(new Interaction(Instant.EPOCH, new Server("h", 443, "", "", null), "h2",
                    new RecordedRequest("GET", "https://h:443/", Headers.none(), Body.empty()),
                    new RecordedResponse(200, "OK", Headers.none(), Body.text("ok")), "a.yaml:7"));
            writer.finishResponses();
            writer.publish(new Cassette(cassette(), List.of(kept), List.of(), List.of(), Map.of()));
        }
        Interaction cached = cached().interactions().get(0);
        assertEquals("h2", cached.protocol());
        assertEquals("ok", cached.response().body().text());
    }

    /** Makes golden file {@code name} the cassette's recording and loads it with a cache, which writes the cache. */
    private Cassette loadCaching(String name) throws IOException {
        Files.createDirectories(recording().getParent());
        try (InputStream golden = getClass().getResourceAsStream("/golden/" + name)) {
            Files.write(recording(), golden.readAllBytes());
        }
        return new CassetteReader(w -> { }, caches()).load(cassette());
    }

    /** The cassette as its cache has it; null when there is none to use. */
    private Cassette cached() {
        return new CassetteCache(caches(), cassette()).read(cassette(), List.of(recording()));
    }

    private Path cassette() {
        return dir.resolve("cassette");
    }

    private Path recording() {
        return cassette().resolve("interactions/a.yaml");
    }

    private Path caches() {
        return dir.resolve("caches");
    }

    private static String entries(Cassette cassette) {
        StringBuilder text = new StringBuilder();
        for (Interaction interaction : cassette.interactions()) {
            text.append(interaction.source()).append('\n').append(CassetteYaml.entry(interaction));
        }
        return text.toString();
    }
}
