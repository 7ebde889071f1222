package netrec.runtime.base;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What netrec does with the JVM's traffic. Ask a mode what it does; never compare modes by name. */
public enum Mode {
    /** Everything goes to the real network and is recorded. */
    RECORD(true, false, false),
    /** Offline: everything is answered from the cassette; nothing leaves the JVM. */
    REPLAY(false, true, false),
    /** Replays what the cassette has; what it lacks goes to the network and is recorded. */
    UPDATE(true, true, true),
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
