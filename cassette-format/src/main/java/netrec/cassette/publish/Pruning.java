package netrec.cassette.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.yaml.RecordingText;

/**
 * {@code prune}: removes from a cassette the interactions its last replay never used, as that replay's report
 * ({@link UsageReport}) lists them. Only after a replay that passed, and only while the cassette is the one that
 * replay read (every recording file's SHA-256 as the report has it): otherwise it changes nothing and says why. Each
 * entry goes whole, every other line stays as it was, so a diff shows exactly what went; a file left with no
 * interaction goes, and so do body and certificate files nothing names any more. The report goes too: its lines
 * no longer match the files.
 */
public final class Pruning {
    private Pruning() {
    }

    /** What pruning removed: for each recording file, the requests of the entries it took out. */
    public static final class Result {
        private final Map<String, List<String>> removed = new java.util.LinkedHashMap<>();

        public Map<String, List<String>> removed() {
            return removed;
        }

        public int count() {
            return removed.values().stream().mapToInt(List::size).sum();
        }
    }

    /**
     * Prunes {@code cassette} by its reports' {@code replay-report.txt}.
     *
     * @throws CassetteException saying why nothing was pruned: no report, a replay that did not pass, a cassette
     *     changed since
     */
    public static Result prune(CassetteLayout cassette) throws IOException {
        UsageReport report = UsageReport.read(cassette.replayReport());
        if (report == null) {
            throw new CassetteException("netrec: prune needs the report of a replay of " + cassette.directory()
                    + " that passed, and there is none at " + cassette.replayReport() + "; replay it first (its "
                    + "report lands there), then prune");
        }
        if (!report.passed()) {
            throw new CassetteException("netrec: the last replay of " + cassette.directory() + " did not pass ("
                    + report.failure() + "), so what it never used is no guide; make it pass, then prune");
        }
        Map<String, String> now = UsageReport.recordingFiles(cassette.directory());
        if (!now.equals(report.files())) {
            throw new CassetteException("netrec: " + cassette.directory() + " changed since its last replay ("
                    + changes(report.files(), now) + "); replay it again, then prune");
        }
        Map<String, Map<Integer, String>> unused = new TreeMap<>();
        for (Map.Entry<String, String> entry : report.neverUsed().entrySet()) {
            String source = entry.getKey();
            int colon = source.lastIndexOf(':');
            String name = Path.of(source.substring(0, colon)).getFileName().toString();
            unused.computeIfAbsent(name, n -> new HashMap<>()).put(Integer.parseInt(source.substring(colon + 1)),
                    entry.getValue());
        }
        Result result = new Result();
        List<String> removedTexts = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, String>> file : unused.entrySet()) {
            Path path = cassette.interactions().resolve(file.getKey());
            RecordingText text = RecordingText.parse(Files.readString(path, StandardCharsets.UTF_8));
            if (text == null) {
                throw new CassetteException("netrec: " + path + " was not written by netrec's recorder, so prune "
                        + "leaves the whole cassette as it is; remove its unused entries by hand (" + report.neverUsed()
                        .size() + " listed in " + cassette.replayReport() + ")");
            }
            List<RecordingText.Entry> kept = new ArrayList<>();
            List<String> requests = new ArrayList<>();
            boolean interactionsLeft = false; // or failed connects and lookups (format 5), which replay fails alike
            for (RecordingText.Entry entry : text.entries()) {
                if (file.getValue().containsKey(entry.line())) {
                    removedTexts.add(entry.text());
                    requests.add(file.getValue().get(entry.line()));
                } else {
                    kept.add(entry);
                    interactionsLeft |= entry.text().contains("\n    protocol: ")
                            || entry.text().contains("\n    failed:\n");
                }
            }
            result.removed.put(file.getKey(), requests);
            if (!interactionsLeft) {
                Files.delete(path);
            } else {
                Path temporary = path.resolveSibling("." + path.getFileName() + ".pruning");
                Files.write(temporary, text.withEntries(kept).render().getBytes(StandardCharsets.UTF_8));
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Publication.dropUnreferenced(cassette, removedTexts);
        Files.deleteIfExists(cassette.replayReport());
        Files.deleteIfExists(cassette.missReport());
        return result;
    }

    private static String changes(Map<String, String> before, Map<String, String> now) {
        List<String> changes = new ArrayList<>();
        before.forEach((name, hash) -> {
            if (!now.containsKey(name)) {
                changes.add(name + " is gone");
            } else if (!now.get(name).equals(hash)) {
                changes.add(name + " changed");
            }
        });
        now.keySet().stream().filter(name -> !before.containsKey(name)).forEach(name -> changes.add(name + " is new"));
        return String.join(", ", changes);
    }
}
