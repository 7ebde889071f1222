package netrec.it.junit;

import static netrec.it.junit.ParallelWork.assertEcho;
import static netrec.it.junit.ParallelWork.get;
import static netrec.it.junit.ParallelWork.path;

import java.util.concurrent.TimeUnit;
import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs from the suite's start to its end, calling at both, so that no other test ever runs alone: a
 * thread that works for no test is never taken for the one test running.
 */
@ExtendWith(ParallelWork.Counted.class)
@Netrec(leaveAlone = {})
public class ParallelSentinelCalls {
    @Test
    void throughout(TestInfo test) throws Exception {
        assertEcho(path(test, 1), get(path(test, 1)));
        ParallelWork.OTHERS_ENDED.await(2, TimeUnit.MINUTES);
        assertEcho(path(test, 2), get(path(test, 2)));
        assertEcho(path(test, 3), ParallelWork.sharedGetAsync(path(test, 3)));
    }
}
