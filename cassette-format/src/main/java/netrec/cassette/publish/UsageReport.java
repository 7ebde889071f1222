package netrec.cassette.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netrec.cassette.CassetteLayout;

/**
 * The summary of a replay, {@code replay-report.txt} among the cassette's reports: what it served and missed,
 * whether the run passed (a test that passed, a JVM or command that exited 0, with no miss), the recording files it
 * replayed (by SHA-256, so {@code prune} knows the cassette has not changed since), and which interactions it used
 * and never used (each as {@code file:line}). Text a person reads; the last section, never used, is what
 * {@code view} marks and {@code prune} removes.
 *
 * <pre>
 * replayed 3 requests from /work/cassette, 0 missed, 1 of 4 recorded interactions never used
 * passed: yes
 * # recording files
 * 3f2a...e9  recording.yaml
 * # missed
 * (each miss as replay explained it, a blank line after each)
 * # used
 * /work/cassette/interactions/recording.yaml:7
 * # never used
 * GET http://localhost:8089/old  (/work/cassette/interactions/recording.yaml:40)
 * </pre>
 */
public final class UsageReport {
    private static final String FILES = "# recording files";
    private static final String MISSED = "# missed";
    private static final String USED = "# used";
    private static final String NEVER_USED = "# never used";

    private final String cassette;
    private final int served;
    private final int failedCalls;
    private final String failure;
    private final Map<String, String> files;
    private final List<String> misses;
    private final Set<String> used;
    private final Map<String, String> neverUsed;

    /**
     * {@code failure}: why the run did not pass (null when it did); {@code files}: each recording file's name and
     * SHA-256; {@code used}: the {@code file:line} of each interaction some request was answered with;
     * {@code neverUsed}: each other one's {@code file:line}, with its request as a person reads it.
     */
    public UsageReport(String cassette, int served, int failedCalls, String failure, Map<String, String> files,
            List<String> misses, Set<String> used, Map<String, String> neverUsed) {
        this.cassette = cassette;
        this.served = served;
        this.failedCalls = failedCalls;
        this.failure = failure != null ? failure : misses.isEmpty() ? null : misses.size() + " request(s) missed";
        this.files = new LinkedHashMap<>(files);
        this.misses = List.copyOf(misses);
        this.used = new LinkedHashSet<>(used);
        this.neverUsed = new LinkedHashMap<>(neverUsed);
    }

    /** The name and SHA-256 of every recording file of {@code cassette}, as it is now. */
    public static Map<String, String> recordingFiles(Path cassette) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (Path file : Publication.recordingFiles(new CassetteLayout(cassette).interactions())) {
            files.put(file.getFileName().toString(), sha256(file));
        }
        return files;
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the run passed: it ended well and missed nothing. */
    public boolean passed() {
        return failure == null;
    }

    /** Why the run did not pass; null when it did. */
    public String failure() {
        return failure;
    }

    public Map<String, String> files() {
        return files;
    }

    public List<String> misses() {
        return misses;
    }

    public Set<String> used() {
        return used;
    }

    /** {@code file:line} of each interaction never used, with its request. */
    public Map<String, String> neverUsed() {
        return neverUsed;
    }

    /**
     * How many requests missed, each counted once however often the client sent it again (a retry after its
     * connection failed, a client's own retry loop): {@code 1 missed}, or {@code 1 missed (asked 65 times)}.
     */
    public static String missed(int distinct, int failedCalls) {
        return distinct + " missed" + (failedCalls == distinct ? "" : " (asked " + failedCalls + " times)");
    }

    /** The first line: what was replayed, missed and never used. */
    public String summary() {
        return "replayed " + served + " requests from " + cassette + ", " + missed(misses.size(), failedCalls) + ", "
                + neverUsed.size() + " of " + (used.size() + neverUsed.size()) + " recorded interactions never used";
    }

    /**
     * This report and {@code earlier}, another JVM's of the same run, as one: served and missed add up, an
     * interaction either used counts as used, and the run passed only if both did.
     */
    public UsageReport and(UsageReport earlier) {
        Set<String> allUsed = new LinkedHashSet<>(earlier.used);
        allUsed.addAll(used);
        Map<String, String> unused = new LinkedHashMap<>(earlier.neverUsed);
        unused.putAll(neverUsed);
        unused.keySet().removeAll(allUsed);
        List<String> allMisses = new ArrayList<>(earlier.misses);
        misses.stream().filter(m -> !allMisses.contains(m)).forEach(allMisses::add);
        return new UsageReport(cassette, served + earlier.served, failedCalls + earlier.failedCalls,
                failure != null ? failure : earlier.failure, files, allMisses, allUsed, unused);
    }

    public void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder(summary()).append('\n');
        text.append("passed: ").append(failure == null ? "yes" : "no (" + failure + ")").append('\n');
        text.append(FILES).append('\n');
        files.forEach((name, hash) -> text.append(hash).append("  ").append(name).append('\n'));
        text.append(MISSED).append('\n');
        misses.forEach(miss -> text.append(miss.strip()).append("\n\n"));
        text.append(USED).append('\n');
        used.forEach(source -> text.append(source).append('\n'));
        text.append(NEVER_USED).append('\n');
        neverUsed.forEach((source, request) -> text.append(request).append("  (").append(source).append(")\n"));
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid());
        Files.write(temporary, text.toString().getBytes(StandardCharsets.UTF_8));
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The report in {@code file}, or null when there is none. */
    public static UsageReport read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String summary = lines.isEmpty() ? "" : lines.get(0);
        String cassette = summary.replaceFirst("^replayed \\d+ requests from (.*?), \\d+ missed.*$", "$1");
        int served = number(summary, "^replayed (\\d+) .*");
        int failed = summary.matches("^replayed \\d+ requests from .*?, \\d+ missed \\(asked \\d+ times\\).*")
                ? number(summary, "^replayed \\d+ requests from .*?, \\d+ missed \\(asked (\\d+) times\\).*")
                : number(summary, "^replayed \\d+ requests from .*?, (\\d+) missed.*");
        String failure = null;
        Map<String, String> files = new LinkedHashMap<>();
        List<String> misses = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        Map<String, String> neverUsed = new LinkedHashMap<>();
        String section = "";
        StringBuilder miss = new StringBuilder();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (line.equals(FILES) || line.equals(MISSED) || line.equals(USED) || line.equals(NEVER_USED)) {
                section = line;
            } else if (line.startsWith("passed: ")) {
                failure = line.equals("passed: yes") ? null : line.replaceFirst("^passed: no \\((.*)\\)$", "$1");
            } else if (section.equals(FILES) && line.length() > 66) {
                files.put(line.substring(66), line.substring(0, 64));
            } else if (section.equals(MISSED)) {
                if (line.isEmpty() && miss.length() > 0) {
                    misses.add(miss.toString().strip());
                    miss.setLength(0);
                } else if (!line.isEmpty()) {
                    miss.append(line).append('\n');
                }
            } else if (section.equals(USED) && !line.isEmpty()) {
                used.add(line);
            } else if (section.equals(NEVER_USED) && line.endsWith(")") && line.contains("  (")) {
                int open = line.lastIndexOf("  (");
                neverUsed.put(line.substring(open + 3, line.length() - 1), line.substring(0, open));
            }
        }
        UsageReport report = new UsageReport(cassette, served, failed, failure, files, misses, used, neverUsed);
        return report;
    }

    private static int number(String text, String regex) {
        String value = text.replaceFirst(regex, "$1");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** When {@code file} was written, or null when there is none. */
    public static Instant writtenAt(Path file) throws IOException {
        return Files.exists(file) ? Files.getLastModifiedTime(file).toInstant() : null;
    }
}
