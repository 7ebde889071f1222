package netrec.store;

import java.util.concurrent.ThreadFactory;

/**
 * The threads a store's requests run on: plain daemon threads, or, in a JVM netrec records or replays in, netrec's
 * own, whose traffic it never records nor answers.
 */
public final class StoreThreads {
    private static volatile ThreadFactory factory = work -> {
        Thread thread = new Thread(work, "netrec-store");
        thread.setDaemon(true);
        return thread;
    };

    private StoreThreads() {
    }

    /** From now on, the store's requests run on threads {@code threads} makes. */
    public static void makeWith(ThreadFactory threads) {
        factory = threads;
    }

    static Thread newThread(Runnable work) {
        return factory.newThread(work);
    }
}
