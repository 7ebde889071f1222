package netrec.runtime.replay.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import netrec.cassette.Interaction;

/**
 * What each replaying JVM of a job did, for the launcher to sum up once the job ends: every JVM writes one file
 * into the folder named by {@code NETREC_USAGE_DIR}, with how many requests it served, the interactions it used
 * (by {@code file:line}) and the requests it missed with their explanations.
 */
public final class ReplayUsage {
    /** The environment variable the launcher sets for the JVMs it starts. */
    public static final String DIRECTORY_VARIABLE = "NETREC_USAGE_DIR";

    private int served;
    private int failedCalls;
    private final Set<String> used = new LinkedHashSet<>();
    private final Map<String, String> misses = new LinkedHashMap<>();

    /** Writes this JVM's outcome into {@code directory}. */
    public static void write(Path directory, ReplayOutcome outcome) throws IOException {
        StringBuilder text = new StringBuilder("served\t").append(outcome.served()).append('\n')
                .append("failed\t").append(outcome.failedCalls()).append('\n');
        for (Interaction interaction : outcome.used()) {
            text.append("used\t").append(interaction.source()).append('\n');
        }
        for (String explanation : outcome.misses()) {
            text.append("missed\t").append(explanation.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        }
        Files.createDirectories(directory);
        Path file = directory.resolve(ProcessHandle.current().pid() + "-" + System.nanoTime() + ".txt");
        Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The outcomes of every JVM that wrote into {@code directory}, added up. */
    public static ReplayUsage readAll(Path directory) throws IOException {
        ReplayUsage total = new ReplayUsage();
        if (!Files.isDirectory(directory)) {
            return total;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    String kind = line.substring(0, Math.max(0, tab));
                    String value = line.substring(tab + 1);
                    if (kind.equals("served")) {
                        total.served += Integer.parseInt(value);
                    } else if (kind.equals("failed")) {
                        total.failedCalls += Integer.parseInt(value);
                    } else if (kind.equals("used")) {
                        total.used.add(value);
                    } else if (kind.equals("missed")) {
                        String explanation = value.replace("\\n", "\n").replace("\\\\", "\\");
                        total.misses.putIfAbsent(explanation.lines().findFirst().orElse(""), explanation);
                    }
                }
            }
        }
        return total;
    }

    public int served() {
        return served;
    }

    /** Calls that failed for a miss in every JVM, a request missed twice counting twice. */
    public int failedCalls() {
        return failedCalls;
    }

    /** {@code file:line} of every interaction some JVM used. */
    public Set<String> used() {
        return used;
    }

    /** The explanation of each distinct request missed, in the order first seen. */
    public List<String> misses() {
        return new ArrayList<>(misses.values());
    }
}
