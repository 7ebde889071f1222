package netrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void aFailureIsThrownOnlyOnceTheStepsStillRunningHaveStopped() {
        CountDownLatch slowStarted = new CountDownLatch(1);
        AtomicBoolean slowFinished = new AtomicBoolean();
        IOException failed = assertThrows(IOException.class, () -> Parallel.each(List.of("fails", "slow"), item -> {
            if (item.equals("slow")) {
                slowStarted.countDown();
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // a write under way, deaf to the interrupt, as a file copy is
                }
                slowFinished.set(true);
                return null;
            }
            try {
                slowStarted.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            throw new IOException("the store changed the object");
        }));

        assertEquals("the store changed the object", failed.getMessage());
        assertTrue(slowFinished.get(), "the step still running when the first failed had stopped before the "
                + "failure was thrown");
    }
}
