package netrec.agent;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the class cache folder to what is in use. Each netrec build and each JDK build gets files of its own there
 * (woven classes, about 400 KB; the libraries, about 9 MB), so a machine that upgrades netrec or its JDK, or builds
 * netrec itself, would gather them forever. A JVM that starts from a file marks it used (its time, at most once a
 * day); the first JVM of a new build, as it writes its own, removes every file unused for {@value #UNUSED_DAYS} days.
 * A file removed too soon costs its build's next JVM what the first one paid, and nothing else.
 */
final class ClassCacheUse {
    static final int UNUSED_DAYS = 7;
    private static final long MARK_EVERY = TimeUnit.DAYS.toMillis(1);

    private ClassCacheUse() {
    }

    /** A JVM starts from {@code file}. */
    static void used(File file) {
        long now = System.currentTimeMillis();
        if (now - file.lastModified() > MARK_EVERY) {
            file.setLastModified(now);
        }
    }

    /** Removes the woven classes and libraries in {@code directory} that no JVM used for {@value #UNUSED_DAYS} days. */
    static void removeUnused(File directory, long now) {
        File[] files = directory.listFiles();
        if (files == null) {
            return;
        }
        long before = now - TimeUnit.DAYS.toMillis(UNUSED_DAYS);
        for (File file : files) {
            String name = file.getName();
            boolean cached = name.endsWith(".classes") || name.startsWith("libraries-") && name.endsWith(".jar")
                    || name.startsWith(".partial-");
            if (cached && file.isFile() && file.lastModified() < before) {
                file.delete();
            }
        }
    }
}
