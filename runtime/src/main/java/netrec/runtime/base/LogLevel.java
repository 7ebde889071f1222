package netrec.runtime.base;

import java.util.Locale;

/** How much netrec says on stderr. */
public enum LogLevel {
    /** Nothing but errors that stop the JVM at startup. */
    QUIET,
    /** Only what needs the user's attention: misses, traffic netrec cannot see, internal errors. The default. */
    WARN,
    /** Also a line per recording or replay session and per interaction summary. */
    INFO,
    /** Also every connection and decision, for finding out why something did not match. */
    DEBUG;

    public static LogLevel parse(String text) {
        for (LogLevel level : values()) {
            if (level.name().toLowerCase(Locale.ROOT).equals(text)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown log level '" + text + "'; valid levels: quiet, warn, info, debug");
    }
}
