package netrec.runtime.exchange;

import java.io.InterruptedIOException;
import java.util.List;
import netrec.cassette.Pace;

/**
 * Keeps a replayed response to its recorded pace ({@code pace=recorded}): its head no sooner than it came after its
 * request, and each part of its body no sooner than that part came. Waits on the thread that sends, as a slow server
 * would make it wait.
 */
public final class Pacer {
    private final List<Pace.Point> points;
    private final long startNanos;

    /** A response to a request that was whole at {@code startNanos} ({@link System#nanoTime}). */
    public Pacer(Pace pace, long startNanos) {
        this.points = pace.points();
        this.startNanos = startNanos;
    }

    /** Waits until the head may go. */
    public void awaitHead() throws InterruptedIOException {
        if (!points.isEmpty()) {
            sleepUntil(points.get(0).millis());
        }
    }

    /**
     * How many body bytes may go now from {@code offset} (the body bytes sent so far), waiting until at least one may:
     * up to the next recorded part's end.
     */
    public long allow(long offset) throws InterruptedIOException {
        for (Pace.Point point : points) {
            if (point.bytes() > offset) {
                sleepUntil(point.millis());
                return point.bytes() - offset;
            }
        }
        return Long.MAX_VALUE;
    }

    private void sleepUntil(long millis) throws InterruptedIOException {
        long wait = startNanos + millis * 1_000_000L - System.nanoTime();
        if (wait <= 0) {
            return;
        }
        try {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while keeping a replayed answer's pace");
        }
    }
}
