package netrec.cassette.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnusedFilesTest {
    private static final long NOW = System.currentTimeMillis();

    @TempDir
    Path cache;

    @Test
    void theCassetteFilesNoJvmReadForAWeekGoTheRestStays() throws IOException {
        file("a.index", 8);
        file("a.responses", 8);
        file("responses123.tmp", 8);
        file("b.index", 6);
        file("b.responses", 1);
        file("body-crc32c", 30); // the body checksums are no cassette's
        UnusedFiles.removeUnused(cache.toFile(), NOW, CassetteCache::isCached);
        assertEquals(List.of("b.index", "b.responses", "body-crc32c"), names());
    }

    @Test
    void aFileInUseIsMarkedOnceADay() throws IOException {
        File old = file("a.index", 8);
        UnusedFiles.used(old);
        assertEquals(0, TimeUnit.MILLISECONDS.toDays(System.currentTimeMillis() - old.lastModified()));
        File recent = file("b.index", 0);
        long marked = recent.lastModified();
        UnusedFiles.used(recent);
        assertEquals(marked, recent.lastModified(), "marked already today");
        UnusedFiles.removeUnused(cache.toFile(), NOW, CassetteCache::isCached);
        assertEquals(List.of("a.index", "b.index"), names());
    }

    @Test
    void aFolderIsLookedThroughAtMostOnceAnHour() throws IOException {
        UnusedFiles.removeUnused(cache.toFile(), NOW, CassetteCache::isCached);
        file("a.index", 8);

        UnusedFiles.removeUnused(cache.toFile(), NOW + TimeUnit.MINUTES.toMillis(59), CassetteCache::isCached);
        assertEquals(List.of("a.index"), names(), "looked through 59 minutes ago: left for the next hour");

        UnusedFiles.removeUnused(cache.toFile(), NOW + TimeUnit.MINUTES.toMillis(61), CassetteCache::isCached);
        assertEquals(List.of(), names());
        assertEquals(TimeUnit.MILLISECONDS.toSeconds(NOW + TimeUnit.MINUTES.toMillis(61)),
                TimeUnit.MILLISECONDS.toSeconds(cache.resolve(UnusedFiles.SWEPT).toFile().lastModified()),
                "marked at the second sweep (to the second: some file systems keep no finer time)");
    }

    @Test
    void aMarkInTheFutureIsNoMark() throws IOException {
        file("a.index", 8);
        File mark = Files.write(cache.resolve(UnusedFiles.SWEPT), new byte[0]).toFile();
        mark.setLastModified(NOW + TimeUnit.DAYS.toMillis(1));

        UnusedFiles.removeUnused(cache.toFile(), NOW, CassetteCache::isCached);

        assertEquals(List.of(), names(), "the clock was set back: looked through");
    }

    private File file(String name, int daysUnused) throws IOException {
        File file = Files.write(cache.resolve(name), new byte[] {1}).toFile();
        file.setLastModified(NOW - TimeUnit.DAYS.toMillis(daysUnused) - TimeUnit.HOURS.toMillis(1));
        return file;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> !name.equals(UnusedFiles.SWEPT)).sorted()
                    .collect(Collectors.toList());
        }
    }
}
