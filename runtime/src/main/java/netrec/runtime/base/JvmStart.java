package netrec.runtime.base;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * When this JVM started, to the millisecond: what a recording replaces and which reports are another run's are told
 * by it. The JVM notes its start itself ({@code RuntimeMXBean}); the process's start as the system gives it
 * ({@code ProcessHandle}) is read against the boot time in whole seconds, and can be a second early, which would
 * take the run just before this one for part of this one.
 */
public final class JvmStart {
    private static final Instant STARTED = started();

    private JvmStart() {
    }

    public static Instant instant() {
        return STARTED;
    }

    private static Instant started() {
        try {
            return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        } catch (LinkageError | RuntimeException noManagement) {
            return Instant.now(); // an image without java.management: the first time netrec asks, which is later
        }
    }
}
