package netrec.cassette.cache;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Keeps a cache folder to what is in use: the class cache (each netrec build and JDK build has files there) and the
 * cassette indexes (each cassette path has an index there, and a test run whose cassettes live in a temporary folder
 * makes new paths every time). A JVM that starts from a file marks it used (its time, at most once a day); a JVM
 * that writes a new one removes those no JVM used for {@value #UNUSED_DAYS} days. A file removed too soon costs its
 * next user what writing it cost, and nothing else. Uses {@code java.io} alone: the agent calls it as it starts.
 */
public final class UnusedFiles {
    public static final int UNUSED_DAYS = 7;
    private static final long MARK_EVERY = TimeUnit.DAYS.toMillis(1);

    private UnusedFiles() {
    }

    /** A JVM starts from {@code file}. */
    public static void used(File file) {
        long now = System.currentTimeMillis();
        if (now - file.lastModified() > MARK_EVERY) {
            file.setLastModified(now);
        }
    }

    /** Removes the files of {@code directory} whose names {@code cached} accepts and no JVM used for a week. */
    public static void removeUnused(File directory, long now, Predicate<String> cached) {
        File[] files = directory.listFiles();
        if (files == null) {
            return;
        }
        long before = now - TimeUnit.DAYS.toMillis(UNUSED_DAYS);
        for (File file : files) {
            if (cached.test(file.getName()) && file.isFile() && file.lastModified() < before) {
                file.delete();
            }
        }
    }
}
