package netrec.cassette.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.cassette.CassetteLayout;

/**
 * One recording into a cassette, made where replay never looks: {@code CASSETTE/.netrec/attempt-WHEN-PID-N/}, laid
 * out as a cassette of its own (its recording files, bodies and certificates). It becomes part of the cassette only
 * when it ended well, by {@link #publish} (each recording file lands with one rename); otherwise {@link #keep} keeps
 * it, as {@code .netrec/failed-WHEN-PID-N/}, for the user to look at, and the cassette stays as it was. A recording
 * killed with SIGKILL stays behind as an attempt: the next recording into the cassette finds it
 * ({@link #abandoned}) and keeps it as failed, with every entry the recorder wrote.
 */
public final class RecordingAttempt {
    /**
     * The environment variable naming the attempt that every JVM of a launched command records into (the launcher
     * made it, and publishes it when the command ends).
     */
    public static final String SHARED_VARIABLE = "NETREC_ATTEMPT";
    private static final String ATTEMPT = "attempt-";
    private static final String FAILED = "failed-";
    /** How many failed attempts a cassette keeps; older ones are deleted as new ones come. */
    private static final int FAILED_KEPT = 3;
    private static final Pattern NAME = Pattern.compile("(?:attempt|failed)-\\d{8}T\\d{6}Z-(\\d+)-\\d+");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final CassetteLayout cassette;
    private final Path directory;
    /**
     * When the recording started, by the file system's clock (which dates the cassette's files): files of the
     * cassette older than this are what {@code record} replaces.
     */
    private final Instant started;
    /** When this attempt's folder was made, by the file system's clock: the day its published files say. */
    private final Instant made;
    /** The outermost folder this attempt created to make the cassette's (itself, or a parent); null: none. */
    private final Path createdFrom;

    private RecordingAttempt(CassetteLayout cassette, Path directory, Instant started, Instant made,
            Path createdFrom) {
        this.cassette = cassette;
        this.directory = directory;
        this.started = started;
        this.made = made;
        this.createdFrom = createdFrom;
    }

    /**
     * Starts a recording into {@code cassette}: makes its attempt folder (and netrec's folder, with the
     * {@code .gitignore} that keeps it out of version control).
     */
    public static RecordingAttempt begin(CassetteLayout cassette, Instant started) throws IOException {
        Path created = null;
        for (Path folder = cassette.directory().toAbsolutePath().normalize(); folder != null && !Files.exists(folder);
                folder = folder.getParent()) {
            created = folder;
        }
        String name = ATTEMPT + WHEN.format(started) + "-" + ProcessHandle.current().pid() + "-"
                + ThreadLocalRandom.current().nextInt(1000, 10000);
        Path directory;
        try (PublicationLock lock = PublicationLock.take(cassette)) {
            // under the lock, so that no other JVM's publication tidies netrec's folder away as this one is made
            directory = Files.createDirectory(cassette.work().resolve(name));
        }
        // the file system's clock, which dates the files this attempt is compared with, not the JVM's
        Instant made = Files.getLastModifiedTime(directory).toInstant();
        return new RecordingAttempt(cassette, directory, made.isBefore(started) ? made : started, made, created);
    }

    /**
     * The attempt in {@code directory} that another process began (the launcher, for every JVM of its command): this
     * JVM records into it, and leaves publishing to that process. Null when {@code directory} is no attempt of
     * {@code cassette}'s.
     */
    public static RecordingAttempt joining(CassetteLayout cassette, Path directory) {
        if (directory == null || !Files.isDirectory(directory)
                || !directory.toAbsolutePath().normalize().getParent().equals(cassette.work().toAbsolutePath()
                        .normalize())) {
            return null;
        }
        return new RecordingAttempt(cassette, directory, Instant.now(), Instant.now(), null);
    }

    /** netrec's folder in the cassette, with a {@code .gitignore} that keeps all of it out of version control. */
    public static void prepareWork(CassetteLayout cassette) throws IOException {
        Files.createDirectories(cassette.work());
        Path ignore = cassette.work().resolve(".gitignore");
        if (!Files.exists(ignore)) {
            Files.write(ignore, "# netrec's own: recording attempts and reports, never committed\n*\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The folder the recorder writes into, laid out as a cassette. */
    public Path directory() {
        return directory;
    }

    public CassetteLayout cassette() {
        return cassette;
    }

    /**
     * How many interactions the recorder wrote (not DNS answers, not notes): 0 for an empty recording. Counted in the
     * text (every interaction names its {@code protocol:}), so a file a kill cut short counts too.
     */
    public int interactions() throws IOException {
        return count("    protocol: ");
    }

    /**
     * How many connects and lookups the recorder wrote as failed (format 5's {@code failed:} entries: a server that
     * refused or could not be reached, a name that did not resolve). A recording of these alone is what a run against
     * servers that are down makes.
     */
    public int failures() throws IOException {
        return count("    failed:");
    }

    /** True when the recording noted traffic it could not record ({@code incomplete:}): worth keeping to look at. */
    public boolean hasNotes() throws IOException {
        return count("    incomplete: ") > 0;
    }

    private int count(String linePrefix) throws IOException {
        Path interactions = directory.resolve("interactions");
        if (!Files.isDirectory(interactions)) {
            return 0;
        }
        int count = 0;
        try (Stream<Path> files = Files.list(interactions)) {
            for (Path file : (Iterable<Path>) files.filter(CassetteLayout::isRecordingFile)::iterator) {
                try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
                    count += (int) lines.filter(line -> line.startsWith(linePrefix)).count();
                }
            }
        }
        return count;
    }

    /**
     * Makes the recording part of the cassette: replacing every recording made before it began ({@code replace},
     * record mode) or beside them (update mode). See {@link Publication}. The attempt's folder is gone after.
     */
    public Publication.Result publish(boolean replace) throws IOException {
        try (PublicationLock lock = PublicationLock.take(cassette)) {
            Publication.Result result = new Publication(cassette, directory, started, made).publish(replace);
            deleteTree(directory);
            tidyWork(lock);
            return result;
        }
    }

    /** The recording did not end well: kept as {@code .netrec/failed-...}, whose path is returned. */
    public Path keep() throws IOException {
        Path kept = directory.resolveSibling(directory.getFileName().toString().replaceFirst(ATTEMPT, FAILED));
        Files.move(directory, kept, StandardCopyOption.ATOMIC_MOVE);
        dropOldFailures(cassette);
        return kept;
    }

    /**
     * An empty recording: its folder goes, and so do the folders this attempt created for the cassette (a test's
     * cassette and its class's folder), as long as nothing but netrec's own is left in them.
     */
    public void discard() throws IOException {
        boolean tidied;
        try (PublicationLock lock = PublicationLock.take(cassette)) {
            deleteTree(directory);
            tidied = tidyWork(lock);
        }
        if (tidied && createdFrom != null) {
            Path folder = cassette.directory().toAbsolutePath().normalize();
            try {
                while (folder != null && folder.startsWith(createdFrom)) {
                    Files.deleteIfExists(folder);
                    folder = folder.getParent();
                }
            } catch (IOException e) {
                // something else is there now: leave it
            }
        }
    }

    /**
     * Removes netrec's folder, with the lock file in it ({@code lock}, held), when nothing but its {@code .gitignore}
     * is left in it; true when it is gone.
     */
    private boolean tidyWork(PublicationLock lock) {
        try (Stream<Path> work = Files.list(cassette.work())) {
            if (!work.map(p -> p.getFileName().toString())
                    .allMatch(name -> name.equals(".gitignore") || name.equals(PublicationLock.FILE))) {
                return false;
            }
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
        try {
            Files.deleteIfExists(cassette.work().resolve(".gitignore"));
            lock.removeFile(); // last: a JVM that makes a new one now makes it in this folder, which then stays
            Files.delete(cassette.work());
            return true;
        } catch (IOException | UncheckedIOException e) {
            try {
                prepareWork(cassette); // something else is there now: leave it, out of version control still
            } catch (IOException again) {
                // the folder went after all, or cannot be written: nothing of netrec's is left to hide
            }
            return false;
        }
    }

    /**
     * Attempts left behind by JVMs that no longer run (killed before they could end their recording), each moved to
     * a failed one and returned as where it is kept now. Everything its recorder wrote is there, but for its last
     * 200 ms at most.
     */
    public static List<Path> abandoned(CassetteLayout cassette) {
        List<Path> kept = new ArrayList<>();
        if (!Files.isDirectory(cassette.work())) {
            return kept;
        }
        try (Stream<Path> entries = Files.list(cassette.work())) {
            for (Path attempt : entries.filter(p -> p.getFileName().toString().startsWith(ATTEMPT))
                    .sorted().collect(Collectors.toList())) {
                Matcher name = NAME.matcher(attempt.getFileName().toString());
                if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).map(ProcessHandle::isAlive)
                        .orElse(false)) {
                    continue;
                }
                Path failed = attempt.resolveSibling(attempt.getFileName().toString().replaceFirst(ATTEMPT, FAILED));
                Files.move(attempt, failed, StandardCopyOption.ATOMIC_MOVE);
                kept.add(failed);
            }
            if (!kept.isEmpty()) {
                dropOldFailures(cassette);
            }
        } catch (IOException e) {
            // a cassette netrec cannot tidy is still a cassette: the next recording says its own problems
        }
        return kept;
    }

    private static void dropOldFailures(CassetteLayout cassette) throws IOException {
        List<Path> failed;
        try (Stream<Path> entries = Files.list(cassette.work())) {
            failed = entries.filter(p -> p.getFileName().toString().startsWith(FAILED)).sorted()
                    .collect(Collectors.toList());
        }
        for (int i = 0; i < failed.size() - FAILED_KEPT; i++) {
            deleteTree(failed.get(i));
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }
}
