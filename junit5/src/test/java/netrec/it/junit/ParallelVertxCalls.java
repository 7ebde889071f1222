package netrec.it.junit;

import static netrec.it.junit.ParallelWork.assertEcho;
import static netrec.it.junit.ParallelWork.path;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Vert.x's WebClient, one for every test as an application keeps it, with one connection in its pool: a test's
 * request waits for the connection another test's request holds, and the pool opens the next one for it, and hands
 * it over, on whichever thread frees the last (Vert.x's event loop, or the thread of another test that asks the pool
 * at that moment).
 */
@ExtendWith(ParallelWork.Counted.class)
@Netrec(leaveAlone = {})
public class ParallelVertxCalls {
    private static final WebClient WEB_CLIENT = WebClient.create(Vertx.vertx(),
            new WebClientOptions().setMaxPoolSize(1));
    private static final CountDownLatch TESTS = new CountDownLatch(3);

    @Test
    void vertxFirst(TestInfo test) throws Exception {
        webClientCalls(test);
    }

    @Test
    void vertxSecond(TestInfo test) throws Exception {
        webClientCalls(test);
    }

    @Test
    void vertxThird(TestInfo test) throws Exception {
        webClientCalls(test);
    }

    /**
     * Each test sends its three requests at once, so that two of them wait for the pool, each on a connection of its
     * own ({@code Connection: close}), which the pool opens for it on Vert.x's event loop as the one before closes; the
     * three tests first meet (for a few seconds at most: JUnit may run them one after another), so that they wait for
     * it together.
     */
    private static void webClientCalls(TestInfo test) throws Exception {
        ParallelWork.meet(TESTS, 5);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            answers.add(WEB_CLIENT.getAbs(System.getProperty("test.server") + path(test, n))
                    .putHeader("Connection", "close").send()
                    .map(response -> response.statusCode() + " " + response.bodyAsString())
                    .toCompletionStage().toCompletableFuture());
        }
        for (int n = 1; n <= 3; n++) {
            assertEcho(path(test, n), answers.get(n - 1).get(20, TimeUnit.SECONDS));
        }
    }
}
