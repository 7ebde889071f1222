package netrec.runtime.base;

/**
 * How the JVM is ending, for the shutdown hook that decides whether its recording is published: a JVM ends well when
 * it exits with status 0. A shutdown hook cannot ask the exit status, so netrec notes it on the way: every
 * {@code System.exit}, {@code Runtime.exit} and ending signal (SIGTERM, SIGINT, SIGHUP, as 128 plus its number) passes
 * through {@code java.lang.Shutdown.exit(int)}, whose status is noted here; a JVM whose last thread ended without
 * one exits with 0, unless its {@code main} method threw (the {@code java} launcher then exits with 1), which the
 * main thread's uncaught exception says. {@code Runtime.halt}, a crash or SIGKILL runs no hook at all.
 */
public final class JvmEnd {
    private static final int NONE = Integer.MIN_VALUE;
    private static volatile int exitStatus = NONE;
    private static volatile boolean mainThrew;
    private static volatile Thread main;
    /** Why the JVM's work failed though it may still exit with 0 (a test failed in Surefire's JVM); null if none. */
    private static volatile String failed;

    private JvmEnd() {
    }

    /** The thread running {@code main}: the one premain runs on. */
    public static void mainThreadIs(Thread thread) {
        main = thread;
    }

    /** {@code Shutdown.exit(status)} began: the first status counts, as the JVM's does. */
    public static void exiting(int status) {
        if (exitStatus == NONE) {
            exitStatus = status;
        }
    }

    /** {@code thread} ended with an uncaught exception. */
    public static void uncaught(Thread thread) {
        if (thread != null && thread == main) {
            mainThrew = true;
        }
    }

    /**
     * The JVM's work failed, whatever status it will exit with: Surefire's forked JVM exits with 0 when tests failed,
     * and netrec's JUnit listener says so here. The first reason counts.
     */
    public static void failed(String why) {
        if (failed == null) {
            failed = why;
        }
    }

    /** True when the JVM is ending with status 0. */
    public static boolean endedWell() {
        return why() == null;
    }

    /** Why the JVM is not ending well, as said to the user ("exit status 1"); null when it ends with status 0. */
    public static String why() {
        int status = exitStatus;
        if (status == NONE) {
            return mainThrew ? "its main method threw, so the JVM exits with status 1" : failed;
        }
        if (status == 0) {
            return failed;
        }
        return status > 128 && status < 160 ? "it was stopped by signal " + (status - 128) + " (exit status " + status
                + ")" : "it exits with status " + status;
    }
}
