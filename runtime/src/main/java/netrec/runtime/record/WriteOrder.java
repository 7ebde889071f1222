package netrec.runtime.record;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The order in which the application's threads began their writes, across every connection of the JVM: a raw TCP
 * client turn is numbered by the write that began it ({@code order:}, format 6). Taken as a write begins, before its
 * bytes reach the server, on the writing thread, and handed to the recorder with the bytes written: numbering them
 * when the write returned, or on the recorder's thread, lets a thread that the server's wake-up put aside come after
 * one that wrote later. Nothing is counted until a recorder starts.
 */
public final class WriteOrder {
    private static final AtomicLong BEGUN = new AtomicLong();
    private static final ThreadLocal<long[]> CURRENT = ThreadLocal.withInitial(() -> new long[1]);
    private static volatile boolean counting;

    private WriteOrder() {
    }

    /** A recorder started: writes are counted from now on. */
    static void startCounting() {
        counting = true;
    }

    /** The current thread begins a write. */
    public static void began() {
        if (counting) {
            CURRENT.get()[0] = BEGUN.incrementAndGet();
        }
    }

    /** The number of the write the current thread began last, once (0: none, or taken already). */
    static long taken() {
        if (!counting) {
            return 0;
        }
        long[] current = CURRENT.get();
        long number = current[0];
        current[0] = 0;
        return number;
    }

    /** A number after every write begun so far, for bytes whose write began where netrec could not see it. */
    static long next() {
        return BEGUN.incrementAndGet();
    }
}
