package netrec.it.junit;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Two tests with cassettes that JUnit runs at the same time: netrec must refuse the second, never mix them. */
@Netrec(leaveAlone = {})
@Execution(ExecutionMode.CONCURRENT)
public class ParallelCalls {
    private static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);

    @Test
    void first() throws Exception {
        waitForTheOther();
    }

    @Test
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
