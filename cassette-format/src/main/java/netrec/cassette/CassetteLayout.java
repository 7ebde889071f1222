package netrec.cassette;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where things live inside a cassette directory, and where netrec's reports on it go.
 *
 * <pre>
 * CASSETTE/
 *   interactions/&lt;program&gt;.yaml    one file per recording JVM (a test's: recording.yaml), published whole
 *   bodies/&lt;sha256&gt;               binary or large bodies, one file per distinct content
 *   certificates/&lt;sha256&gt;.pem    server certificate chains
 *   rules.yaml                     matching rules (optional, written by a person or by templates)
 *   .netrec/                       netrec's own, never committed (a .gitignore of "*" inside says so to git):
 *     attempt-&lt;when&gt;-&lt;pid&gt;/      a recording in progress, laid out as a cassette, published when it ends well
 *     failed-&lt;when&gt;-&lt;pid&gt;/       a recording that did not end well (or was killed), kept to look at
 *     replay-misses.txt            by default ({@link #reports}): what the last replay could not answer
 *     replay-report.txt            by default: the last replay's summary (served, missed, never used)
 * </pre>
 *
 * Recording files and {@code rules.yaml} start with {@code version:}, each format numbered on its own:
 * {@code CassetteYaml.RECORDING_VERSION} and {@code RulesReader.RULES_VERSION} in {@code netrec.cassette.yaml}.
 */
public final class CassetteLayout {
    /** What {@link #whyNotReadable} says of a file that is not there. */
    public static final String MISSING = "is missing";

    /** The name of netrec's own folder inside a cassette. */
    public static final String WORK = ".netrec";

    private final Path directory;
    private final Path reports;

    /** The cassette in {@code directory}, its reports where {@link #defaultReports} puts them. */
    public CassetteLayout(Path directory) {
        this(directory, directory == null ? null : defaultReports(directory));
    }

    private CassetteLayout(Path directory, Path reports) {
        this.directory = directory;
        this.reports = reports;
    }

    /** This cassette with its reports in {@code reportsDirectory} instead (null: where they go by default). */
    public CassetteLayout withReports(Path reportsDirectory) {
        return new CassetteLayout(directory, reportsDirectory == null ? defaultReports(directory) : reportsDirectory);
    }

    /**
     * Where the reports on the cassette in {@code cassette} go unless told otherwise: for a test's cassette, one in
     * {@code PROJECT/src/test/resources/netrec/NAME}, the build's folder ({@code PROJECT/target/netrec/NAME}, or
     * {@code PROJECT/build/netrec/NAME} in a Gradle project); for any other, netrec's folder inside the cassette
     * ({@code CASSETTE/.netrec}), which git leaves out. Never among the files a cassette commits.
     */
    public static Path defaultReports(Path cassette) {
        Path absolute = cassette.toAbsolutePath().normalize();
        for (Path p = absolute.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
            if (p.getFileName().toString().equals("netrec") && p.getParent().endsWith(Path.of("src", "test",
                    "resources"))) {
                Path project = p.getParent().getParent().getParent().getParent();
                boolean gradle = Files.exists(project.resolve("build.gradle"))
                        || Files.exists(project.resolve("build.gradle.kts"));
                return project.resolve(gradle ? "build" : "target").resolve("netrec").resolve(p.relativize(absolute));
            }
        }
        return absolute.resolve(WORK);
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

    /**
     * netrec's own folder inside the cassette ({@value #WORK}): recording attempts, failed attempts kept to look at,
     * and reports by default. netrec writes a {@code .gitignore} of {@code *} into it, so it is never committed.
     */
    public Path work() {
        return directory.resolve(WORK);
    }

    /** The folder of the reports on this cassette: replay's misses and summary. */
    public Path reports() {
        return reports;
    }

    /** The summary of the last replay: served, missed, never used (which {@code prune} reads). */
    public Path replayReport() {
        return reports.resolve("replay-report.txt");
    }

    /** What the last replay could not answer, one block per request; absent when it answered everything. */
    public Path missReport() {
        return reports.resolve("replay-misses.txt");
    }

    /** True for a recording file's name: {@code NAME.yaml}, not netrec's temporary {@code .NAME.yaml...}. */
    public static boolean isRecordingFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") && !name.startsWith(".");
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
            return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "is not a regular file" : MISSING;
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
