package netrec.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import netrec.it.support.MavenRun;

/**
 * Maven builds of projects that use netrec by its coordinates, as a user's do: Maven 3.9 ({@code netrec.test.mvn})
 * with netrec's artifacts installed in a local repository of the tests' own ({@code netrec.test.repo}, filled by
 * invoker:install), and the build's local repository behind it, read-only, for everything else; offline.
 */
final class SampleBuilds {
    static final Path SAMPLES = Paths.get(System.getProperty("netrec.samples", "../samples"));

    private SampleBuilds() {
    }

    /** The options that give Maven netrec's repository and the build's own behind it. */
    static List<String> repositories() {
        return List.of("-Dmaven.repo.local=" + Paths.get(System.getProperty("netrec.test.repo")).toAbsolutePath(),
                "-Dmaven.repo.local.tail=" + System.getProperty("netrec.test.repo.tail"));
    }

    /** {@code mvn -o ARGS} with {@link #repositories()}. */
    static MavenRun maven(String... arguments) {
        List<String> all = new ArrayList<>(List.of("-o"));
        all.addAll(repositories());
        all.addAll(List.of(arguments));
        return MavenRun.of(all.toArray(new String[0]));
    }

    /** The path to netrec-agent's jar in netrec's repository, as prepare-agent and dependency:properties find it. */
    static String agentInRepository() {
        String version = System.getProperty("netrec.version");
        return Paths.get(System.getProperty("netrec.test.repo")).toAbsolutePath().resolve("dev/netrec/netrec-agent")
                .resolve(version).resolve("netrec-agent-" + version + ".jar").toString();
    }

    /** A copy of {@code from}, without its {@code target} folder, at {@code to}. */
    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to.resolve(relative));
                } else {
                    Files.copy(file, to.resolve(relative));
                }
            }
        }
        return to;
    }
}
