package netrec.agent.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetrecArtifactsTest {
    private static final String VERSION = "0.3.0-SNAPSHOT";

    @TempDir
    Path work;

    /** What {@code mvn install} of netrec leaves: each artifact's version folder and its local metadata. */
    private Path installed(Path repository, String version, String... artifacts) throws IOException {
        for (String artifact : artifacts) {
            Path folder = Files.createDirectories(repository.resolve("dev/netrec").resolve(artifact).resolve(version));
            Files.writeString(folder.resolve(artifact + "-" + version + ".pom"), "<project>" + artifact + "</project>");
            Files.writeString(folder.resolve(artifact + "-" + version + ".jar"), artifact + " classes");
            Files.writeString(folder.resolve("maven-metadata-local.xml"), "<metadata>" + version + "</metadata>");
            Files.writeString(folder.resolve("_remote.repositories"), artifact + "-" + version + ".jar>=\n");
            Files.writeString(folder.getParent().resolve("maven-metadata-local.xml"), "<metadata/>");
        }
        return repository;
    }

    @Test
    void theRepositoryIsTheOneNetrecJarWasInstalledIn() throws IOException {
        Path repository = installed(work.resolve("repo"), VERSION, "netrec-agent");
        Path jar = repository.resolve("dev/netrec/netrec-agent").resolve(VERSION)
                .resolve("netrec-agent-" + VERSION + ".jar");
        assertEquals(repository, NetrecArtifacts.repositoryOf(jar, VERSION, work.resolve("home")));
    }

    @Test
    void aNetrecJarElsewhereFallsBackToTheUsersRepositoryWhenItHoldsThatVersion() throws IOException {
        Path jar = Files.writeString(work.resolve("netrec.jar"), "jar");
        Path home = work.resolve("home");
        assertNull(NetrecArtifacts.repositoryOf(jar, VERSION, home));
        installed(home.resolve(".m2/repository"), "0.2.0", "netrec-agent");
        assertNull(NetrecArtifacts.repositoryOf(jar, VERSION, home), "another version is not this netrec's");
        installed(home.resolve(".m2/repository"), VERSION, "netrec-agent");
        assertEquals(home.resolve(".m2/repository"), NetrecArtifacts.repositoryOf(jar, VERSION, home));
    }

    @Test
    void everyArtifactOfThisVersionIsCopiedAsInstalledAndNothingTheBuildHasIsTouched() throws IOException {
        Path from = installed(work.resolve("netrec-home"), VERSION, "netrec-agent", "netrec-junit5",
                "netrec-maven-plugin");
        installed(from, "0.2.0", "netrec-agent");
        Path to = work.resolve("empty");
        Path own = Files.createDirectories(to.resolve("dev/netrec/netrec-junit5").resolve(VERSION))
                .resolve("netrec-junit5-" + VERSION + ".jar");
        Files.writeString(own, "the build's own");

        assertFalse(NetrecArtifacts.isInstalled(to, VERSION));
        assertEquals(List.of("netrec-agent", "netrec-junit5", "netrec-maven-plugin"),
                NetrecArtifacts.copy(from, to, VERSION));
        assertTrue(NetrecArtifacts.isInstalled(to, VERSION));
        assertEquals("the build's own", Files.readString(own));
        assertEquals(files(from.resolve("dev/netrec/netrec-maven-plugin")),
                files(to.resolve("dev/netrec/netrec-maven-plugin")));
        assertArrayEquals(Files.readAllBytes(from.resolve("dev/netrec/netrec-agent").resolve(VERSION)
                .resolve("netrec-agent-" + VERSION + ".jar")), Files.readAllBytes(to.resolve(
                "dev/netrec/netrec-agent").resolve(VERSION).resolve("netrec-agent-" + VERSION + ".jar")));
        assertFalse(Files.exists(to.resolve("dev/netrec/netrec-agent/0.2.0")), "only the running netrec's version");

        assertEquals(List.of(), NetrecArtifacts.copy(from, to, VERSION), "a second time, nothing is lacking");
        assertEquals(List.of(), NetrecArtifacts.copy(from, from, VERSION), "a repository lacks nothing of itself");
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).map(file -> folder.relativize(file).toString()).sorted()
                    .toList();
        }
    }
}
