package netrec.runtime.exchange;

import java.io.InterruptedIOException;
import java.util.List;
import java.util.function.LongSupplier;
import netrec.cassette.Pace;

/**
 * Keeps a replayed response to its recorded pace ({@code pace=recorded}): its head no sooner than it came after its
 * request, and each part of its body no sooner than that part came, nor sooner after the part before it went than it
 * came after that part when recorded (a part let go late does not shorten the gap to the next). Waits on the thread
 * that sends, as a slow server would make it wait.
 */
public final class Pacer {
    private final List<Pace.Point> points;
    private final long startNanos;
    private final LongSupplier clock;
    /** The last point let go (-1 before the head), and when ({@link System#nanoTime}). */
    private int lastGone = -1;
    private long lastGoneAt;

    /** A response to a request that was whole at {@code startNanos} ({@link System#nanoTime}). */
    public Pacer(Pace pace, long startNanos) {
        this(pace, startNanos, System::nanoTime);
    }

    Pacer(Pace pace, long startNanos, LongSupplier clock) {
        this.points = pace.points();
        this.startNanos = startNanos;
        this.clock = clock;
    }

    /** Waits until the head may go. */
    public void awaitHead() throws InterruptedIOException {
        if (!points.isEmpty()) {
            awaitAndGo(0);
        }
    }

    /**
     * How many body bytes may go now from {@code offset} (the body bytes sent so far), waiting until at least one may:
     * up to the next recorded part's end.
     */
    public long allow(long offset) throws InterruptedIOException {
        int next = nextPart(offset);
        if (next < 0) {
            return Long.MAX_VALUE;
        }
        awaitAndGo(next);
        return points.get(next).bytes() - offset;
    }

    /**
     * When the head may go ({@code offset} -1), or the body's next part from {@code offset} (the body bytes sent so
     * far), in {@link System#nanoTime}; {@link Long#MIN_VALUE} when nothing waits for its time (a body's end).
     */
    public synchronized long dueAt(long offset) {
        int next = offset < 0 ? (points.isEmpty() ? -1 : 0) : nextPart(offset);
        return next < 0 ? Long.MIN_VALUE : due(next);
    }

    /**
     * How many body bytes may go now from {@code offset}, without waiting: up to the end of the last recorded part
     * that is due, or all that is left ({@link Long#MAX_VALUE}) past the last one; 0 when the next part is not due.
     * The parts allowed count as gone now.
     */
    public synchronized long allowedNow(long offset) {
        int next = nextPart(offset);
        if (next < 0) {
            return Long.MAX_VALUE;
        }
        long now = clock.getAsLong();
        long allowed = 0;
        for (int i = next; i < points.size(); i++) {
            if (due(i) - now > 0) {
                return allowed;
            }
            gone(i, now);
            allowed = points.get(i).bytes() - offset;
        }
        return Long.MAX_VALUE;
    }

    /** The head went now: the body's first part keeps its recorded gap after it. */
    public synchronized void headSent() {
        if (!points.isEmpty()) {
            gone(0, clock.getAsLong());
        }
    }

    /** Waits until {@code atNanos} ({@link System#nanoTime}). */
    public static void sleepUntilNanos(long atNanos) throws InterruptedIOException {
        long wait = atNanos - System.nanoTime();
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

    /** The first point past {@code offset} body bytes, or -1 past the last. */
    private int nextPart(long offset) {
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).bytes() > offset) {
                return i;
            }
        }
        return -1;
    }

    /** When point {@code i} may go: its time after the request, and its recorded gap after the last point gone. */
    private long due(int i) {
        long due = startNanos + points.get(i).millis() * 1_000_000L;
        if (lastGone >= 0 && lastGone < i) {
            long afterLast = lastGoneAt + (points.get(i).millis() - points.get(lastGone).millis()) * 1_000_000L;
            due = Math.max(due, afterLast);
        }
        return due;
    }

    /** Waits until point {@code i} may go; it counts as gone when the wait ended (a late wake-up included). */
    private void awaitAndGo(int i) throws InterruptedIOException {
        long due;
        synchronized (this) {
            due = due(i);
        }
        sleepUntilNanos(due);
        synchronized (this) {
            gone(i, clock.getAsLong());
        }
    }

    private void gone(int i, long at) {
        if (i > lastGone) {
            lastGone = i;
            lastGoneAt = at;
        }
    }
}
