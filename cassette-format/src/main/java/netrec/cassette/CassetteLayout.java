package netrec.cassette;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where things live inside a cassette directory.
 *
 * <pre>
 * CASSETTE/
 *   interactions/&lt;started&gt;-&lt;pid&gt;-&lt;n&gt;.yaml   one file per recording JVM, appended while it records
 *   bodies/&lt;sha256&gt;                         binary or large bodies, one file per distinct content
 *   certificates/&lt;sha256&gt;.pem              server certificate chains
 *   rules.yaml                               matching rules (optional, written by a person or by templates)
 *   replay-misses.txt                        requests a replay could not answer, one block each
 *   replay-report.txt                        the last launched replay's summary (java -jar netrec.jar replay ...)
 * </pre>
 *
 * Recording files and {@code rules.yaml} start with {@code version:}, each format numbered on its own:
 * {@code CassetteYaml.RECORDING_VERSION} and {@code RulesReader.RULES_VERSION} in {@code netrec.cassette.yaml}.
 */
public final class CassetteLayout {
    private final Path directory;

    public CassetteLayout(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public Path interactions() {
        return directory.resolve("interactions");
    }

    public Path bodies() {
        return directory.resolve("bodies");
    }

    public Path body(String sha256) {
        return bodies().resolve(sha256);
    }

    public Path certificates() {
        return directory.resolve("certificates");
    }

    public Path certificateChain(String sha256) {
        return certificates().resolve(sha256 + ".pem");
    }

    /** The cassette's matching rules, which a person writes (or {@code templates --write} extends). */
    public Path rules() {
        return directory.resolve("rules.yaml");
    }

    /** The summary of the last replay the launcher ran: served, missed, never used. */
    public Path replayReport() {
        return directory.resolve("replay-report.txt");
    }

    public Path missReport() {
        return directory.resolve("replay-misses.txt");
    }

    /**
     * Why {@code file}, a body or certificate file an entry refers to, must not be read, or null when it may: it is
     * a regular file, not a symbolic link, and its real path lies inside the cassette's (a linked {@code bodies/}
     * folder leads outside). netrec reads no file outside the cassette through anything a cassette says.
     */
    public String whyNotReadable(Path file) {
        if (Files.isSymbolicLink(file)) {
            return "is a symbolic link, and netrec follows none out of a cassette: put the file itself there";
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "is not a regular file" : "is missing";
        }
        try {
            if (!file.toRealPath().startsWith(directory.toRealPath())) {
                return "lies outside the cassette (" + file.toRealPath() + ", through a linked folder), and netrec "
                        + "reads no file outside it: put the file itself in the cassette";
            }
        } catch (IOException e) {
            return "cannot be read: " + e;
        }
        return null;
    }
}
