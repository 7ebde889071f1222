package netrec.runtime.replay.report;

import java.util.List;
import netrec.cassette.Interaction;

/** How one replay went: requests answered, requests missed (each with netrec's explanation), interactions unused. */
public final class ReplayOutcome {
    private final int served;
    private final List<String> misses;
    private final List<Interaction> used;
    private final List<Interaction> unused;
    private final int failedCalls;

    public ReplayOutcome(int served, List<String> misses, List<Interaction> used, List<Interaction> unused) {
        this(served, misses.size(), misses, used, unused);
    }

    /** {@code failedCalls}: every call that failed, a request missed twice counting twice. */
    public ReplayOutcome(int served, int failedCalls, List<String> misses, List<Interaction> used,
            List<Interaction> unused) {
        this.failedCalls = failedCalls;
        this.served = served;
        this.misses = List.copyOf(misses);
        this.used = List.copyOf(used);
        this.unused = List.copyOf(unused);
    }

    public int served() {
        return served;
    }

    /** Calls that failed because the cassette could not answer them, each counted (misses() has each request once). */
    public int failedCalls() {
        return failedCalls;
    }

    /** netrec's explanation of each distinct request the cassette could not answer. */
    public List<String> misses() {
        return misses;
    }

    /** Recorded interactions some request was answered with. */
    public List<Interaction> used() {
        return used;
    }

    /** Recorded interactions no request asked for. */
    public List<Interaction> unused() {
        return unused;
    }
}
