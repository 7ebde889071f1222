package netrec.it.junit;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Two tests that name the same cassette, which JUnit runs at the same time: netrec refuses the second. */
@Execution(ExecutionMode.CONCURRENT)
public class ParallelCalls {
    private static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);

    @Test
    @Netrec(value = "one-cassette", leaveAlone = {})
    void first() throws Exception {
        waitForTheOther();
    }

    @Test
    @Netrec(value = "one-cassette", leaveAlone = {})
    void second() throws Exception {
        waitForTheOther();
    }

    private static void waitForTheOther() throws Exception {
        try {
            BOTH_RUNNING.await(3, TimeUnit.SECONDS);
        } catch (TimeoutException theOtherWasRefused) {
            // expected: netrec refused the other test before it started
        }
    }
}
