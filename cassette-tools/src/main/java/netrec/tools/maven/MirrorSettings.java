package netrec.tools.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import netrec.tools.command.UsageException;

/**
 * The {@code settings.xml} that {@code maven-repository} writes beside the repositories: a {@code <mirror>} of
 * {@code central} whose url is the folder of Maven Central's files, so that {@code mvn -s DIR/settings.xml} with an
 * empty local repository builds from them alone. It mirrors {@code central}, not {@code *}: Maven 4.0.0-rc-4 gives a
 * mirror of {@code *} the policy of the first repository it takes (a snapshots-only one in Apache's parent POMs) and
 * then finds no release there. Every other repository is named in a comment, with its folder: netrec does not know
 * the id a build's POMs give it, which its mirror must name. Each export replaces the file, as its first line says.
 */
final class MirrorSettings {
    static final String FILE_NAME = "settings.xml";
    /** The first words of a settings file netrec wrote; one without them is the user's, never overwritten. */
    private static final String MARK = "<!-- Written by netrec maven-repository";
    /** Central's hosts, the one its mirror prefers first. */
    private static final List<String> CENTRAL_HOSTS = List.of("repo.maven.apache.org", "repo1.maven.org");

    private MirrorSettings() {
    }

    /** Whether {@code host} (a folder under the export: a host, {@code _PORT} for another port) is Central's. */
    static boolean isCentral(String host) {
        return CENTRAL_HOSTS.contains(host);
    }

    /**
     * Refuses, before anything is written, a {@code DIR/settings.xml} that netrec did not write: exporting again into
     * the same folder replaces netrec's own, never a user's.
     */
    static void checkWritable(Path root) throws IOException {
        Path settings = root.resolve(FILE_NAME);
        if (Files.exists(settings) && !writtenByNetrec(settings)) {
            throw new UsageException(settings + " exists and netrec did not write it; export into another folder "
                    + "(maven-repository writes a settings.xml there), or move that file away");
        }
    }

    private static boolean writtenByNetrec(Path settings) throws IOException {
        try (InputStream in = Files.newInputStream(settings)) {
            return new String(in.readNBytes(MARK.length()), StandardCharsets.ISO_8859_1).equals(MARK);
        }
    }

    /**
     * Writes {@code root/settings.xml} for {@code repositories} (each repository's folder, by host folder name, with
     * the URL it was downloaded from), and returns its path.
     */
    static Path write(Path root, Map<String, Repository> repositories) throws IOException {
        StringBuilder xml = new StringBuilder();
        xml.append(MARK).append(": mvn -s with this file and an empty local repository builds from the files "
                + "beside it, with no network. Each export replaces this file: add mirrors to a copy -->\n");
        xml.append("<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\"\n");
        xml.append("          xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n");
        xml.append("          xsi:schemaLocation=\"http://maven.apache.org/SETTINGS/1.0.0 "
                + "https://maven.apache.org/xsd/settings-1.0.0.xsd\">\n");
        xml.append("  <mirrors>\n");
        String central = centralHost(repositories);
        for (Map.Entry<String, Repository> entry : repositories.entrySet()) {
            Repository repository = entry.getValue();
            if (entry.getKey().equals(central)) {
                xml.append("    <mirror>\n");
                xml.append("      <id>netrec-central</id>\n");
                xml.append("      <name>Maven Central, as the cassette recorded it</name>\n");
                xml.append("      <mirrorOf>central</mirrorOf>\n");
                xml.append("      <url>").append(text(repository.folder.toUri().toString())).append("</url>\n");
                xml.append("    </mirror>\n");
            } else {
                xml.append("    <!-- ").append(inComment(repository.downloadedFrom)).append(": add a <mirror> of the id "
                        + "the build's POMs give it, with <url>").append(inComment(repository.folder.toUri().toString()))
                        .append("</url> -->\n");
            }
        }
        xml.append("  </mirrors>\n");
        xml.append("</settings>\n");
        Path settings = root.resolve(FILE_NAME);
        Files.createDirectories(root);
        Files.writeString(settings, xml, StandardCharsets.UTF_8);
        return settings;
    }

    /**
     * The host folder whose files the mirror of {@code central} serves: Central's, {@code repo.maven.apache.org}
     * before {@code repo1.maven.org} when a build used both (a second mirror of {@code central} would never be read);
     * null when it used neither.
     */
    private static String centralHost(Map<String, Repository> repositories) {
        for (String host : CENTRAL_HOSTS) {
            if (repositories.containsKey(host)) {
                return host;
            }
        }
        return null;
    }

    /** What {@code maven-repository} prints last: how to use the settings, and what it leaves to the user. */
    static String advice(Path settings, Map<String, Repository> repositories) {
        String mirrored = centralHost(repositories);
        String others = repositories.entrySet().stream().filter(entry -> !entry.getKey().equals(mirrored))
                .map(entry -> entry.getValue().downloadedFrom).collect(Collectors.joining(", "));
        String central = mirrored != null
                ? "wrote " + settings + ": mvn -s " + settings + " -Dmaven.repo.local=EMPTY_FOLDER ... takes Maven "
                        + "Central's files from here"
                : "wrote " + settings + ", which mirrors nothing: the cassette downloaded nothing from Maven Central";
        return others.isEmpty() ? central
                : central + "; it names " + others + " in a comment: a mirror needs the id the build's POMs give it";
    }

    /**
     * A URL inside an XML comment, which may not hold two hyphens in a row: the second is percent-encoded, which a
     * URL reads as the same (a host's {@code xn--}, a folder's name).
     */
    private static String inComment(String url) {
        return url.replace("--", "-%2D");
    }

    /** {@code text} as an XML element's content. */
    private static String text(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
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
