package netrec.it.junit;

import static netrec.it.junit.ParallelWork.SHARED_POOL;
import static netrec.it.junit.ParallelWork.SHARED_SCHEDULER;
import static netrec.it.junit.ParallelWork.assertEcho;
import static netrec.it.junit.ParallelWork.get;
import static netrec.it.junit.ParallelWork.path;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calls the test hands to other threads: a thread pool every test shares (submit and execute), a scheduled pool, and
 * {@code CompletableFuture}'s async stages on its default executor.
 */
@ExtendWith(ParallelWork.Counted.class)
@Netrec(leaveAlone = {})
public class ParallelExecutorCalls {
    @Test
    void submitted(TestInfo test) throws Exception {
        for (int n = 1; n <= 3; n++) {
            String path = path(test, n);
            assertEcho(path, SHARED_POOL.submit(() -> get(path)).get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void executed(TestInfo test) throws Exception {
        for (int n = 1; n <= 3; n++) {
            String path = path(test, n);
            CompletableFuture<String> answer = new CompletableFuture<>();
            SHARED_POOL.execute(() -> answer.complete(get(path)));
            assertEcho(path, answer.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void scheduled(TestInfo test) throws Exception {
        for (int n = 1; n <= 3; n++) {
            String path = path(test, n);
            assertEcho(path, SHARED_SCHEDULER.schedule(() -> get(path), 10, TimeUnit.MILLISECONDS)
                    .get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void supplyAsync(TestInfo test) throws Exception {
        String first = path(test, 1);
        String second = path(test, 2);
        String third = path(test, 3);
        String answers = CompletableFuture.supplyAsync(() -> get(first))
                .thenApplyAsync(answer -> answer + "|" + get(second))
                .thenCombineAsync(CompletableFuture.supplyAsync(() -> get(third)), (a, b) -> a + "|" + b)
                .get(20, TimeUnit.SECONDS);
        String[] each = answers.split("\\|");
        assertEcho(first, each[0]);
        assertEcho(second, each[1]);
        assertEcho(third, each[2]);
    }

    @Test
    void pooledAndAsyncTogether(TestInfo test) throws Exception {
        String first = path(test, 1);
        String second = path(test, 2);
        String third = path(test, 3);
        CompletableFuture<String> async = CompletableFuture.supplyAsync(() -> get(first), SHARED_POOL);
        assertEcho(second, ParallelWork.sharedGetAsync(second));
        assertEcho(first, async.get(20, TimeUnit.SECONDS));
        assertEcho(third, get(third));
    }
}
