package netrec.runtime.base;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What netrec does with the JVM's traffic. Ask a mode what it does; never compare modes by name. */
public enum Mode {
    /** Everything goes to the real network and is recorded; the recording replaces what the cassette had. */
    RECORD(true, false, false),
    /** Offline: everything is answered from the cassette; nothing leaves the JVM. */
    REPLAY(false, true, false),
    /** Replays what the cassette has; what it lacks goes to the network and is recorded, beside what was there. */
    UPDATE(true, true, true),
    /**
     * {@link #RECORD} when the cassette has no recording yet, {@link #REPLAY} when it has one (Ruby VCR's
     * {@code once}): decided when the cassette is opened ({@link #once}), so it may record or replay, and says so
     * to what asks before.
     */
    ONCE(true, true, false),
    /** Loaded, does nothing. */
    OFF(false, false, false);

    private final boolean records;
    private final boolean replays;
    private final boolean recordsMisses;

    Mode(boolean records, boolean replays, boolean recordsMisses) {
        this.records = records;
        this.replays = replays;
        this.recordsMisses = recordsMisses;
    }

    /** True when traffic that reaches the network is written to the cassette. */
    public boolean records() {
        return records;
    }

    /** True when requests are answered from the cassette. */
    public boolean replays() {
        return replays;
    }

    /** True when a request the cassette lacks goes to the network instead of failing. */
    public boolean recordsMisses() {
        return recordsMisses;
    }

    /**
     * The mode a cassette runs in: {@link #ONCE}'s choice for a cassette that has recordings ({@code recorded})
     * or none; any other mode is itself.
     */
    public Mode once(boolean recorded) {
        return this != ONCE ? this : recorded ? REPLAY : RECORD;
    }

    /** True for {@link #ONCE} before it is decided: the cassette says which mode it runs in. */
    public boolean decidedByCassette() {
        return this == ONCE;
    }

    public boolean isActive() {
        return records || replays;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode parse(String text) {
        for (Mode mode : values()) {
            if (mode.label().equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text + "'; valid modes: " + validModes());
    }

    public static String validModes() {
        return Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(", "));
    }
}
