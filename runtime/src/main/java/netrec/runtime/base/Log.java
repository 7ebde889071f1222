package netrec.runtime.base;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** netrec's voice on stderr. Every line starts with {@code netrec:}. */
public final class Log {
    private static volatile LogLevel level = LogLevel.WARN;
    private static final Set<String> SAID_ONCE = ConcurrentHashMap.newKeySet();

    private Log() {
    }

    public static void setLevel(LogLevel newLevel) {
        level = newLevel;
    }

    public static boolean debugEnabled() {
        return level.compareTo(LogLevel.DEBUG) >= 0;
    }

    public static void warn(String message) {
        say(LogLevel.WARN, message);
    }

    /** Warns the first time {@code key} is seen in this JVM; later calls with the same key say nothing. */
    public static void warnOnce(String key, String message) {
        if (SAID_ONCE.add(key)) {
            warn(message);
        }
    }

    public static void info(String message) {
        say(LogLevel.INFO, message);
    }

    public static void debug(String message) {
        say(LogLevel.DEBUG, message);
    }

    /** An internal failure: said once per kind, with the cause, so a bug never floods the user's output. */
    public static void internalError(String what, Throwable cause) {
        String key = what + ":" + cause.getClass().getName();
        if (SAID_ONCE.add(key)) {
            warn("internal error while " + what + ": " + cause + (debugEnabled() ? "" : " (log=debug shows more)"));
            if (debugEnabled()) {
                cause.printStackTrace();
            }
        }
    }

    private static void say(LogLevel needed, String message) {
        if (level.compareTo(needed) >= 0) {
            System.err.println(message.startsWith("netrec") ? message : "netrec: " + message);
        }
    }
}
