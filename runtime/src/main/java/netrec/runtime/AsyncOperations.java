package netrec.runtime;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The read and the write in flight on each followed asynchronous channel: their buffers and where each stood when
 * the operation began, so that what it moved can be told when it finishes, on the thread that moved the bytes and
 * before the application hears of it. A channel has at most one read and one write in flight (the JDK refuses a
 * second); the application cannot start the next before the JDK tells it this one finished, which is after netrec
 * has taken what it moved.
 */
final class AsyncOperations {
    private final Map<Object, Operation[]> inFlight = new WeakHashMap<>();

    /** A read or write of {@code buffers} begins on {@code channel}. */
    synchronized void started(Object channel, boolean write, ByteBuffer[] buffers) {
        int[] before = new int[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            before[i] = buffers[i].position();
        }
        inFlight.computeIfAbsent(channel, c -> new Operation[2])[write ? 1 : 0] = new Operation(buffers, before);
    }

    /** The read or write in flight on {@code channel} finished: it, or null when none was noted. */
    synchronized Operation finished(Object channel, boolean write) {
        Operation[] operations = inFlight.get(channel);
        if (operations == null) {
            return null;
        }
        Operation done = operations[write ? 1 : 0];
        operations[write ? 1 : 0] = null;
        return done;
    }

    /** The channel closed. */
    synchronized void closed(Object channel) {
        inFlight.remove(channel);
    }

    /** One read or write: its buffers and their positions when it began. */
    static final class Operation {
        final ByteBuffer[] buffers;
        final int[] before;

        Operation(ByteBuffer[] buffers, int[] before) {
            this.buffers = buffers;
            this.before = before;
        }
    }
}
