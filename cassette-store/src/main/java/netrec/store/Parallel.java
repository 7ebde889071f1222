package netrec.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Requests to a store, several at a time: each waits on the network far longer than it computes, so eight at once
 * fill a link that one leaves mostly idle.
 */
final class Parallel {
    static final int AT_ONCE = 8;

    interface Step<T> {
        /** The step's result, or null for none. */
        T run(String item) throws IOException;
    }

    private Parallel() {
    }

    /**
     * Runs {@code step} on every item; the non-null results, in no order. The first failure fails it all, once the
     * steps still running have stopped (a minute at most): none of them writes to the cache or the folder after it.
     */
    static <T> List<T> each(List<String> items, Step<T> step) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(AT_ONCE, items.size())),
                StoreThreads::newThread);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (String item : items) {
                futures.add(pool.submit(() -> step.run(item)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    T result = future.get();
                    if (result != null) {
                        results.add(result);
                    }
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(cause.toString(), cause);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
            awaitStopped(pool);
        }
    }

    private static void awaitStopped(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
