package netrec.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FirstTestTest {
    @Test
    void aTestStartingWhileTheActionRunsWaitsForItAndTheActionRunsOnce() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        FirstTest.onStart(() -> {
            runs.incrementAndGet();
            running.countDown();
            FirstTest.starting(); // the action starting a test itself neither runs it again nor waits for itself
            awaitQuietly(release);
        });
        Thread first = new Thread(FirstTest::starting, "first test");
        first.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        Thread second = new Thread(FirstTest::starting, "second test");
        second.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (second.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.BLOCKED, second.getState(), "the second test waits for the action");

        release.countDown();
        first.join(10_000);
        second.join(10_000);
        assertEquals(Thread.State.TERMINATED, second.getState());
        FirstTest.starting();
        assertEquals(1, runs.get(), "done once, for the first test");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
