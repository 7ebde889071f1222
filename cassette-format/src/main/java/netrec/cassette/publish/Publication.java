package netrec.cassette.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.cassette.CassetteLayout;
import netrec.cassette.yaml.Reconciliation;
import netrec.cassette.yaml.RecordingText;

/**
 * Moves a finished recording attempt into its cassette. Body and certificate files go first (named by their
 * content, they change nothing for replay until a recording file names them); then each recording file lands with
 * one atomic rename, normalised ({@link RecordingText#normalised}: no time of day, no pid, no {@code # flushed}
 * lines). Replacing (record mode), a recording file takes the place of the file of its name that was there before
 * the attempt began, set beside it ({@link Reconciliation}) so that what did not change keeps its text; then every
 * other recording file made before the attempt began is removed, with the body and certificate files only they named.
 * Files written after the attempt began (by another JVM of the same build, which started earlier and records still)
 * stay. Adding (update mode), each file takes a free name. The cassette's replay reports describe what was there
 * before, and go.
 */
public final class Publication {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final CassetteLayout cassette;
    private final Path attempt;
    private final Instant since;
    private final LocalDate day;

    /**
     * Publishes {@code attempt}, which replaces files written before {@code since} and whose published files say it
     * was recorded on the day of {@code made}.
     */
    Publication(CassetteLayout cassette, Path attempt, Instant since, Instant made) {
        this.cassette = cassette;
        this.attempt = attempt;
        this.since = since;
        this.day = LocalDate.ofInstant(made, ZoneOffset.UTC);
    }

    /** What a publication did, for the line netrec says. */
    public static final class Result {
        private final List<Path> written = new ArrayList<>();
        private final List<Path> unchanged = new ArrayList<>();
        private final List<Path> removed = new ArrayList<>();

        /** Recording files written (new, or changed). */
        public List<Path> written() {
            return written;
        }

        /** Recording files recorded again with nothing changed: left as they were. */
        public List<Path> unchanged() {
            return unchanged;
        }

        /** Recording files of earlier recordings that the new one replaced and that had no successor. */
        public List<Path> removed() {
            return removed;
        }
    }

    Result publish(boolean replace) throws IOException {
        RecordingAttempt.prepareWork(cassette);
        Files.createDirectories(cassette.interactions());
        moveContent(attempt.resolve("bodies"), cassette.bodies());
        moveContent(attempt.resolve("certificates"), cassette.certificates());
        Result result = new Result();
        Set<Path> current = new HashSet<>();
        List<String> replacedTexts = new ArrayList<>();
        for (Path staged : recordingFiles(attempt.resolve("interactions"))) {
            String text = Files.readString(staged, StandardCharsets.UTF_8);
            RecordingText fresh = RecordingText.parse(text);
            String name = staged.getFileName().toString();
            Path target = cassette.interactions().resolve(name);
            RecordingText old = null;
            String oldText = null;
            if (Files.exists(target)) {
                if (replace && olderThanAttempt(target) && !current.contains(target)) {
                    oldText = Files.readString(target, StandardCharsets.UTF_8);
                    replacedTexts.add(oldText);
                    old = RecordingText.parse(oldText);
                } else {
                    target = freeName(name);
                }
            }
            current.add(target);
            if (fresh == null) {
                write(target, text); // not as a recorder writes it (cut by a kill): published as it is
                result.written.add(target);
                continue;
            }
            RecordingText normal = fresh.normalised(day);
            String published = (old == null ? normal : Reconciliation.of(old, normal)).render();
            if (published.equals(oldText)) {
                Files.setLastModifiedTime(target, FileTime.from(Instant.now())); // this recording's now
                result.unchanged.add(target);
            } else {
                write(target, published);
                result.written.add(target);
            }
        }
        if (replace) {
            for (Path earlier : recordingFiles(cassette.interactions())) {
                if (!current.contains(earlier) && olderThanAttempt(earlier)) {
                    replacedTexts.add(Files.readString(earlier, StandardCharsets.UTF_8));
                    Files.delete(earlier);
                    result.removed.add(earlier);
                }
            }
            dropUnreferenced(cassette, replacedTexts);
        }
        Files.deleteIfExists(cassette.missReport());
        Files.deleteIfExists(cassette.replayReport());
        return result;
    }

    private boolean olderThanAttempt(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().isBefore(since);
    }

    /** {@code NAME-2.yaml}, {@code NAME-3.yaml}, ...: the first not taken. */
    private Path freeName(String name) {
        String base = name.substring(0, name.length() - ".yaml".length());
        for (int n = 2; ; n++) {
            Path candidate = cassette.interactions().resolve(base + "-" + n + ".yaml");
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    /** Writes {@code text} to a temporary file beside {@code target}, then renames it over {@code target}. */
    private static void write(Path target, String text) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".publishing");
        Files.write(temporary, text.getBytes(StandardCharsets.UTF_8));
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Moves every file of {@code from} into {@code to} that {@code to} lacks (both are named by their content). */
    private static void moveContent(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(file.getFileName().toString());
                if (Files.exists(target) || file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** Deletes the body and certificate files that {@code replacedTexts} named and no recording file names now. */
    static void dropUnreferenced(CassetteLayout cassette, List<String> replacedTexts) throws IOException {
        Set<String> candidates = new HashSet<>();
        replacedTexts.forEach(text -> candidates.addAll(hashes(text)));
        if (candidates.isEmpty()) {
            return;
        }
        for (Path file : recordingFiles(cassette.interactions())) {
            try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
                lines.forEach(line -> candidates.removeAll(hashes(line)));
            }
        }
        for (String hash : candidates) {
            Files.deleteIfExists(cassette.body(hash));
            Files.deleteIfExists(cassette.certificateChain(hash));
        }
    }

    private static Set<String> hashes(String text) {
        Set<String> found = new HashSet<>();
        Matcher hash = HASH.matcher(text);
        while (hash.find()) {
            found.add(hash.group());
        }
        return found;
    }

    static List<Path> recordingFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(CassetteLayout::isRecordingFile).sorted().collect(Collectors.toList());
        }
    }
}
