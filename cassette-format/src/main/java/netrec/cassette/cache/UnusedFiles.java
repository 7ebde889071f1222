package netrec.cassette.cache;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Keeps a cache folder to what is in use: the class cache (each netrec build and JDK build has files there) and the
 * cassette indexes (each cassette path has an index there, and a test run whose cassettes live in a temporary folder
 * makes new paths every time). A JVM that starts from a file marks it used (its time, at most once a day); a JVM
 * that writes a new one removes those no JVM used for {@value #UNUSED_DAYS} days, unless another JVM looked through
 * the folder within the hour (its {@value #SWEPT} file's time): a folder of thousands of indexes (a week of test
 * runs) cost every JVM that wrote one two file lookups per file, 45 ms of its start here. A file removed too soon
 * costs its next user what writing it cost, and nothing else. Uses {@code java.io} alone: the agent calls it as it
 * starts.
 */
public final class UnusedFiles {
    public static final int UNUSED_DAYS = 7;
    /** The file whose time says when a JVM last looked through the folder; no cache takes it for one of its own. */
    public static final String SWEPT = ".swept";
    private static final long MARK_EVERY = TimeUnit.DAYS.toMillis(1);
    private static final long SWEEP_EVERY = TimeUnit.HOURS.toMillis(1);

    private UnusedFiles() {
    }

    /** A JVM starts from {@code file}. */
    public static void used(File file) {
        long now = System.currentTimeMillis();
        if (now - file.lastModified() > MARK_EVERY) {
            file.setLastModified(now);
        }
    }

    /**
     * Removes the files of {@code directory} whose names {@code cached} accepts and no JVM used for a week, unless the
     * folder was looked through within the hour before {@code now}.
     */
    public static void removeUnused(File directory, long now, Predicate<String> cached) {
        if (!sweepDue(directory, now)) {
            return;
        }
        File[] files = directory.listFiles();
        if (files == null) {
            return;
        }
        long before = now - TimeUnit.DAYS.toMillis(UNUSED_DAYS);
        for (File file : files) {
            if (cached.test(file.getName()) && file.lastModified() < before && file.isFile()) {
                file.delete();
            }
        }
    }

    /**
     * Whether {@code directory} is due to be looked through at {@code now}, marking it so when it is. A mark in the
     * future (a clock set back) counts as none; a mark that cannot be written leaves every JVM looking, as before.
     */
    private static boolean sweepDue(File directory, long now) {
        File mark = new File(directory, SWEPT);
        long last = mark.lastModified();
        if (last != 0 && last <= now && now - last < SWEEP_EVERY) {
            return false;
        }
        try {
            mark.createNewFile();
        } catch (IOException | SecurityException cannotMark) {
            return true;
        }
        mark.setLastModified(now);
        return true;
    }
}
