package netrec.runtime.replay.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import netrec.cassette.Redaction;
import netrec.cassette.publish.UsageReport;
import netrec.runtime.base.Log;

/**
 * Counts what replay served and missed, appends each distinct miss to the cassette's {@code replay-misses.txt}
 * (several JVMs may append at once; each block is one write), and sums up at exit. What it says of a miss, there, on
 * stderr and to the JUnit extension, keeps secrets out as cassettes do ({@link SecretsOut}).
 */
public final class MissReport {
    private final Path file;
    private final SecretsOut secrets;
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();
    /** Connects and lookups failed as they failed when recorded: not misses. */
    private final AtomicInteger failedAsRecorded = new AtomicInteger();
    /** Every call that failed for a miss, a request missed twice counting twice. */
    private final AtomicInteger failedCalls = new AtomicInteger();
    /** The explanation of each distinct request missed, by request, in the order first missed. */
    private final Map<String, String> missed = Collections.synchronizedMap(new LinkedHashMap<>());

    public MissReport(Path file, Redaction redaction) {
        this.file = file;
        this.secrets = new SecretsOut(redaction);
    }

    public void served() {
        served.incrementAndGet();
    }

    /** A connect or a lookup failed the way it failed when recorded. */
    public void failedAsRecorded() {
        failedAsRecorded.incrementAndGet();
    }

    /** A request the cassette lacked went to the network (update mode). */
    public void forwarded() {
        forwarded.incrementAndGet();
    }

    public void missed(String request, String explanation) {
        failedCalls.incrementAndGet();
        if (missed.containsKey(request)) {
            return;
        }
        String told = secrets.from(explanation);
        if (missed.putIfAbsent(request, told) != null) {
            return;
        }
        Log.warn("replay miss: " + secrets.from(request) + " (details in " + file + ")");
        String block = Instant.now() + " pid " + ProcessHandle.current().pid() + "\n" + told + "\n\n";
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, block.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            Log.warnOnce("miss-report", "cannot write the miss report " + file + ": " + e.getMessage());
        }
    }

    public int failedCalls() {
        return failedCalls.get();
    }

    public int servedCount() {
        return served.get();
    }

    /** The explanation of each distinct request missed, in order. */
    public List<String> explanations() {
        synchronized (missed) {
            return List.copyOf(missed.values());
        }
    }

    /** The line said at exit: on stderr when anything missed, otherwise only with log=info. */
    public void summarize() {
        String line = "replayed " + served.get() + " interactions, " + UsageReport.missed(missed.size(),
                failedCalls.get())
                + (forwarded.get() == 0 ? "" : ", " + forwarded.get() + " fetched from the network and recorded")
                + (failedAsRecorded.get() == 0 ? "" : ", " + failedAsRecorded.get() + " connects or lookups failed "
                + "as they did when recorded");
        if (failedCalls.get() == 0) {
            Log.info(line);
        } else {
            Log.warn(line + " (see " + file + ")");
        }
    }
}
