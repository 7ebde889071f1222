package netrec.tools.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import netrec.tools.command.UsageException;

/**
 * The {@code settings.xml} that {@code maven-repository} writes beside the repositories: a {@code <mirror>} of
 * {@code central} whose url is the folder of Maven Central's files, so that {@code mvn -s DIR/settings.xml} with an
 * empty local repository builds from them alone. It mirrors {@code central}, not {@code *}: Maven 4.0.0-rc-4 gives a
 * mirror of {@code *} the policy of the first repository it takes (a snapshots-only one in Apache's parent POMs) and
 * then finds no release there. Every other repository is named in a comment, with its folder: netrec does not know
 * the id a build's POMs give it, which its mirror must name.
 */
final class MirrorSettings {
    static final String FILE_NAME = "settings.xml";
    /** The first words of a settings file netrec wrote; one without them is the user's, never overwritten. */
    private static final String MARK = "<!-- Written by netrec maven-repository";
    private static final Set<String> CENTRAL_HOSTS = Set.of("repo.maven.apache.org", "repo1.maven.org");

    private MirrorSettings() {
    }

    /** Whether {@code host} (a folder name under the export: a host, with {@code _PORT} for another port) is Central's. */
    static boolean isCentral(String host) {
        return CENTRAL_HOSTS.contains(host);
    }

    /**
     * Refuses, before anything is written, a {@code DIR/settings.xml} that netrec did not write: exporting again into
     * the same folder replaces netrec's own, never a user's.
     */
    static void checkWritable(Path root) throws IOException {
        Path settings = root.resolve(FILE_NAME);
        if (Files.exists(settings) && !Files.readString(settings, StandardCharsets.UTF_8).startsWith(MARK)) {
            throw new UsageException(settings + " exists and netrec did not write it; export into another folder "
                    + "(maven-repository writes a settings.xml there), or move that file away");
        }
    }

    /**
     * Writes {@code root/settings.xml} for {@code repositories} (each repository's folder, by host folder name, with
     * the URL it was downloaded from), and returns its path.
     */
    static Path write(Path root, Map<String, Repository> repositories) throws IOException {
        StringBuilder xml = new StringBuilder();
        xml.append(MARK).append(": mvn -s ").append(root.resolve(FILE_NAME))
                .append(" with an empty local repository builds from the files beside it, with no network -->\n");
        xml.append("<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\"\n");
        xml.append("          xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n");
        xml.append("          xsi:schemaLocation=\"http://maven.apache.org/SETTINGS/1.0.0 "
                + "https://maven.apache.org/xsd/settings-1.0.0.xsd\">\n");
        xml.append("  <mirrors>\n");
        for (Map.Entry<String, Repository> entry : repositories.entrySet()) {
            Repository repository = entry.getValue();
            if (isCentral(entry.getKey())) {
                xml.append("    <mirror>\n");
                xml.append("      <id>netrec-central</id>\n");
                xml.append("      <name>Maven Central, as the cassette recorded it</name>\n");
                xml.append("      <mirrorOf>central</mirrorOf>\n");
                xml.append("      <url>").append(repository.folder.toUri()).append("</url>\n");
                xml.append("    </mirror>\n");
            } else {
                xml.append("    <!-- ").append(comment(repository.downloadedFrom))
                        .append(": add a <mirror> of the id the build's POMs give it, with <url>")
                        .append(repository.folder.toUri()).append("</url> -->\n");
            }
        }
        xml.append("  </mirrors>\n");
        xml.append("</settings>\n");
        Path settings = root.resolve(FILE_NAME);
        Files.createDirectories(root);
        Files.writeString(settings, xml, StandardCharsets.UTF_8);
        return settings;
    }

    /** What {@code maven-repository} prints last: how to use the settings, and what it leaves to the user. */
    static String advice(Path settings, Map<String, Repository> repositories) {
        String others = repositories.entrySet().stream().filter(entry -> !isCentral(entry.getKey()))
                .map(entry -> entry.getValue().downloadedFrom).collect(Collectors.joining(", "));
        String central = repositories.keySet().stream().anyMatch(MirrorSettings::isCentral)
                ? "wrote " + settings + ": mvn -s " + settings + " -Dmaven.repo.local=EMPTY_FOLDER ... takes Maven "
                        + "Central's files from here"
                : "wrote " + settings + ", which mirrors nothing: the cassette downloaded nothing from Maven Central";
        return others.isEmpty() ? central
                : central + "; it names " + others + " in a comment: a mirror needs the id the build's POMs give it";
    }

    /** A URL in an XML comment, which may not hold two hyphens in a row. */
    private static String comment(String text) {
        return text.replace("--", "-%2D");
    }

    /** A repository written out: its folder, and the URL of that folder as the build downloaded from it. */
    static final class Repository {
        final Path folder;
        final String downloadedFrom;

        Repository(Path folder, String downloadedFrom) {
            this.folder = folder;
            this.downloadedFrom = downloadedFrom;
        }
    }
}
