package netrec.it.junit;

import static netrec.it.junit.ParallelWork.assertEcho;
import static netrec.it.junit.ParallelWork.path;
import static netrec.it.junit.ParallelWork.sharedGet;
import static netrec.it.junit.ParallelWork.sharedGetAsync;

import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calls through one JDK HttpClient that every test shares: its pooled connections go from test to test, and its
 * asynchronous sends run on the client's own executor.
 */
@ExtendWith(ParallelWork.Counted.class)
@Netrec(leaveAlone = {})
public class ParallelPooledClientCalls {
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
        assertEcho(path(test, 1), sharedGet(path(test, 1)));
        assertEcho(path(test, 2), sharedGetAsync(path(test, 2)));
        assertEcho(path(test, 3), sharedGet(path(test, 3)));
    }
}
