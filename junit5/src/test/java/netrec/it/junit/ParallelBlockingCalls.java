package netrec.it.junit;

import static netrec.it.junit.ParallelWork.assertEcho;
import static netrec.it.junit.ParallelWork.get;
import static netrec.it.junit.ParallelWork.path;

import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** Calls on the test's own thread through HttpURLConnection, whose kept-alive connections every test shares. */
@ExtendWith(ParallelWork.Counted.class)
@Netrec(leaveAlone = {})
public class ParallelBlockingCalls {
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

    @Test
    void fifth(TestInfo test) throws Exception {
        calls(test);
    }

    @Test
    void sixth(TestInfo test) throws Exception {
        calls(test);
    }

    private static void calls(TestInfo test) throws Exception {
        for (int n = 1; n <= 3; n++) {
            assertEcho(path(test, n), get(path(test, n)));
        }
    }
}
