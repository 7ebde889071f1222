package netrec.runtime.base;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * When this JVM started, to the millisecond: what a recording replaces and which reports are another run's are told
 * by it. netrec's agent notes the moment its {@code premain} runs ({@link #isNow}), which is before {@code main} and
 * after the JVM's own start-up, tens of milliseconds; learning it costs nothing, where asking the JVM
 * ({@code RuntimeMXBean}) loads and starts the management classes, about a tenth of what netrec costs a JVM as it
 * first goes to work. A JVM netrec was attached to later, and netrec's classes used without the agent, ask the JVM.
 * (The process's start as the system gives it, {@code ProcessHandle}, is read against the boot time in whole seconds
 * and can be a second early, which would take the run just before this one for part of this one.)
 */
public final class JvmStart {
    private static volatile long noted = Long.MIN_VALUE;

    private JvmStart() {
    }

    /**
     * netrec's agent starts with the JVM: now is its start, as far as anything netrec does can tell. The first time
     * counts (an agent given twice starts twice).
     */
    public static void isNow() {
        if (noted == Long.MIN_VALUE) {
            noted = System.currentTimeMillis();
        }
    }

    public static Instant instant() {
        long at = noted;
        if (at == Long.MIN_VALUE) {
            at = askTheJvm();
            noted = at;
        }
        return Instant.ofEpochMilli(at);
    }

    private static long askTheJvm() {
        try {
            return ManagementFactory.getRuntimeMXBean().getStartTime();
        } catch (LinkageError | RuntimeException noManagement) {
            return System.currentTimeMillis(); // an image without java.management: the first time netrec asks
        }
    }
}
