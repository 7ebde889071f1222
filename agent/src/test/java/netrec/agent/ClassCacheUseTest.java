package netrec.agent;

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

class ClassCacheUseTest {
    private static final long NOW = System.currentTimeMillis();

    @TempDir
    Path cache;

    @Test
    void whatNoJvmUsedForAWeekGoesTheRestStays() throws IOException {
        file("a.classes", 8);
        file("libraries-a.jar", 8);
        file(".partial-1-libraries-b.jar", 8);
        file("b.classes", 6);
        file("libraries-b.jar", 1);
        file("notes.txt", 30); // not netrec's
        ClassCacheUse.removeUnused(cache.toFile(), NOW);
        assertEquals(List.of("b.classes", "libraries-b.jar", "notes.txt"), names());
    }

    @Test
    void aFileInUseIsMarkedOnceADay() throws IOException {
        File old = file("a.classes", 8);
        ClassCacheUse.used(old);
        assertEquals(0, TimeUnit.MILLISECONDS.toDays(System.currentTimeMillis() - old.lastModified()));
        File recent = file("b.classes", 0);
        long marked = recent.lastModified();
        ClassCacheUse.used(recent);
        assertEquals(marked, recent.lastModified(), "marked already today");
        ClassCacheUse.removeUnused(cache.toFile(), NOW);
        assertEquals(List.of("a.classes", "b.classes"), names());
    }

    private File file(String name, int daysUnused) throws IOException {
        File file = Files.write(cache.resolve(name), new byte[] {1}).toFile();
        file.setLastModified(NOW - TimeUnit.DAYS.toMillis(daysUnused) - TimeUnit.HOURS.toMillis(1));
        return file;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
