package netrec.tools.inspect;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.tools.command.Arguments;

/**
 * The cassettes a folder holds, for {@code list} and {@code verify}: the folder itself when it is a cassette, else
 * every cassette below it, as a test resources folder holds one per test, nested by class and method. A cassette is
 * a folder with {@code interactions/} (or only a {@code rules.yaml}, written before recording); the walk does not
 * go into one, nor into hidden folders ({@code .git}), nor through links.
 */
final class CassetteFolder {
    private final Path folder;
    private final List<Path> cassettes;

    private CassetteFolder(Path folder, List<Path> cassettes) {
        this.folder = folder;
        this.cassettes = cassettes;
    }

    /** The cassettes {@code path} holds, in path order; netrec's error when the folder does not exist. */
    static CassetteFolder of(String path) throws IOException {
        Path folder = Arguments.existingDirectory(path);
        if (isCassette(folder)) {
            return new CassetteFolder(folder, List.of(folder));
        }
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                if (!directory.equals(folder) && directory.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (isCassette(directory)) {
                    found.add(directory);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        if (found.isEmpty()) {
            throw new CassetteException(folder + " holds no cassette: a cassette is a folder with interactions/ in it, "
                    + "and there is none in it or below it");
        }
        return new CassetteFolder(folder, found);
    }

    private static boolean isCassette(Path directory) {
        CassetteLayout layout = new CassetteLayout(directory);
        return Files.isDirectory(layout.interactions()) || Files.isRegularFile(layout.rules());
    }

    /** True when the folder is one cassette, false when it holds cassettes below it. */
    boolean isOneCassette() {
        return cassettes.size() == 1 && cassettes.get(0).equals(folder);
    }

    List<Path> cassettes() {
        return cassettes;
    }
}
