package netrec.agent.maven;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import netrec.runtime.base.Log;

/**
 * netrec's own artifacts ({@code netrec-junit5}, the plugin, netrec.jar itself), put into the local repository of
 * a Maven build that names them, when it lacks them: a build that uses netrec, recorded or replayed from an empty
 * local repository, finds them there as if installed. They are not on Maven Central, and as SNAPSHOTs Maven would
 * not ask Central for them anyway, so neither the network nor a cassette could answer for them. They come from the
 * repository netrec.jar was installed in ({@code REPO/dev/netrec/netrec-agent/VERSION/}), else from
 * {@code ~/.m2/repository}; only the running netrec's version, only files the build's repository lacks, each whole
 * or not at all, and nothing at all for a build whose POMs do not name {@code dev.netrec}.
 */
public final class NetrecArtifacts {
    private static final String GROUP = "dev/netrec";
    private static final String AGENT = "netrec-agent";

    private NetrecArtifacts() {
    }

    /** In Maven's own JVM, as netrec starts there; nothing in any other. Never fails the build. */
    public static void offerToThisBuild() {
        try {
            MavenCommand maven = MavenCommand.ofThisJvm();
            if (maven == null) {
                return;
            }
            String version = NetrecArtifacts.class.getPackage().getImplementationVersion();
            if (version == null || !maven.namesNetrec()) {
                return;
            }
            Path build = maven.localRepository();
            if (build == null) {
                Log.debug("this build's local repository is named with an expression netrec cannot fill in; netrec's "
                        + "own artifacts are not put there");
                return;
            }
            Path home = repositoryOf(netrecJar(), version, Paths.get(System.getProperty("user.home")));
            if (home == null) {
                if (!isInstalled(build, version)) {
                    Log.warn("this build names netrec's artifacts (dev.netrec) and its local repository " + build
                            + " lacks netrec " + version + ": they are not on Maven Central, and the netrec.jar "
                            + "running here is not in a Maven repository to take them from. Install netrec there "
                            + "(mvn -B install -DskipTests -Dmaven.repo.local=" + build + " in a clone of netrec)");
                }
                return;
            }
            List<String> copied = copy(home, build, version);
            if (!copied.isEmpty()) {
                Log.info("copied netrec " + version + "'s artifacts (" + String.join(", ", copied) + ") from " + home
                        + " into this build's local repository " + build + ", which lacked them");
            }
        } catch (IOException | RuntimeException e) {
            Log.internalError("putting netrec's own artifacts into the build's local repository (a build that uses "
                    + "netrec may not find them)", e);
        }
    }

    /**
     * The Maven repository netrec {@code version} is installed in: the one {@code netrecJar} sits in, else
     * {@code userHome}'s default one if it holds that version; null when neither does.
     */
    static Path repositoryOf(Path netrecJar, String version, Path userHome) {
        if (netrecJar != null) {
            Path folder = netrecJar.toAbsolutePath().getParent();
            if (netrecJar.getFileName().toString().equals(AGENT + "-" + version + ".jar")
                    && folder.endsWith(Paths.get(GROUP, AGENT, version))) {
                return folder.getParent().getParent().getParent().getParent();
            }
        }
        Path usual = userHome.resolve(".m2").resolve("repository");
        return isInstalled(usual, version) ? usual : null;
    }

    static boolean isInstalled(Path repository, String version) {
        return Files.isRegularFile(repository.resolve(GROUP).resolve(AGENT).resolve(version)
                .resolve(AGENT + "-" + version + ".pom"));
    }

    /**
     * Copies each of netrec's artifacts of {@code version} in {@code from} that {@code to} lacks: its version's
     * folder and its {@code maven-metadata-local.xml}, as {@code mvn install} leaves them. Returns their names.
     */
    static List<String> copy(Path from, Path to, String version) throws IOException {
        List<String> copied = new ArrayList<>();
        if (Files.exists(to) && Files.isSameFile(from, to)) {
            return copied;
        }
        try (DirectoryStream<Path> artifacts = Files.newDirectoryStream(from.resolve(GROUP))) {
            for (Path artifact : artifacts) {
                Path files = artifact.resolve(version);
                if (!Files.isDirectory(files)) {
                    continue;
                }
                Path target = to.resolve(GROUP).resolve(artifact.getFileName().toString());
                boolean any = copyLacking(files, target.resolve(version));
                Path metadata = artifact.resolve("maven-metadata-local.xml");
                if (Files.isRegularFile(metadata)) {
                    copyWhole(metadata, target.resolve(metadata.getFileName().toString()));
                }
                if (any) {
                    copied.add(artifact.getFileName().toString());
                }
            }
        }
        copied.sort(null);
        return copied;
    }

    private static boolean copyLacking(Path folder, Path target) throws IOException {
        boolean any = false;
        Files.createDirectories(target);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    any |= copyWhole(file, target.resolve(file.getFileName().toString()));
                }
            }
        }
        return any;
    }

    /**
     * Copies {@code file} to {@code target} unless there, whole or not at all: another JVM may copy it at the same
     * time, and the last rename leaves the same bytes.
     */
    private static boolean copyWhole(Path file, Path target) throws IOException {
        if (Files.exists(target)) {
            return false;
        }
        Path partial = target.resolveSibling(".partial-" + System.nanoTime() + "-" + target.getFileName());
        try {
            Files.copy(file, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static Path netrecJar() {
        try {
            File location = new File(NetrecArtifacts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.isFile() ? location.toPath() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
