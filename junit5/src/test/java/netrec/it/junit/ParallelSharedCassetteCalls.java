package netrec.it.junit;

import static netrec.it.junit.ParallelWork.assertEcho;
import static netrec.it.junit.ParallelWork.get;
import static netrec.it.junit.ParallelWork.path;
import static netrec.it.junit.ParallelWork.sharedGetAsync;

import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** One cassette for the whole class, whose tests run at the same time as each other and as other classes' tests. */
@ExtendWith(ParallelWork.Counted.class)
@Netrec(value = "parallel-shared", leaveAlone = {})
public class ParallelSharedCassetteCalls {
    @Test
    void first(TestInfo test) throws Exception {
        calls(test);
    }

    @Test
    void second(TestInfo test) throws Exception {
        calls(test);
    }

    @Test
    void third(TestInfo test) throws Exception {
        calls(test);
    }

    @Test
    void fourth(TestInfo test) throws Exception {
        calls(test);
    }

    private static void calls(TestInfo test) throws Exception {
        assertEcho(path(test, 1), get(path(test, 1)));
        assertEcho(path(test, 2), sharedGetAsync(path(test, 2)));
        assertEcho(path(test, 3), get(path(test, 3)));
    }
}
