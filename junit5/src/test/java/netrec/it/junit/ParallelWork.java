package netrec.it.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the parallel suite's tests do, as developers write such tests: calls to the stand-in server named by the
 * system property {@code test.server}, each to a path that names the test ({@code /echo-path/Class/test/n}), through
 * clients and pools that all the tests share. Every test first waits (up to 10 s) until four tests run at once
 * ({@link Counted}).
 */
final class ParallelWork {
    /** One JDK HttpClient for every test: its connections go from one test to another. */
    static final HttpClient SHARED_CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** One pool of two threads for every test: each thread runs work of many tests. */
    static final ExecutorService SHARED_POOL = Executors.newFixedThreadPool(2);
    static final ScheduledExecutorService SHARED_SCHEDULER = Executors.newScheduledThreadPool(1);
    private static final CountDownLatch FOUR_RUNNING = new CountDownLatch(4);
    /** The suite's tests but the one that runs through all of them. */
    static final CountDownLatch OTHERS_ENDED = new CountDownLatch(34);
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

    private ParallelWork() {
    }

    /** The path of this test's {@code n}th call. */
    static String path(TestInfo test, int n) {
        return "/echo-path/" + test.getTestClass().orElseThrow().getSimpleName() + "/"
                + test.getTestMethod().orElseThrow().getName() + "/" + n;
    }

    /**
     * Counts the tests of a class running: each waits before it starts until four run at once (or 10 s have passed),
     * and counts as ended whether it passed or failed, so that a failure is reported as one, not as the suite's test
     * running through all others waiting for it.
     */
    static final class Counted implements BeforeEachCallback, AfterEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) throws InterruptedException {
            started();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            ended();
        }
    }

    /** Marks the start of a test: waits until four run at once (or 10 s have passed). */
    private static void started() throws InterruptedException {
        MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        FOUR_RUNNING.countDown();
        FOUR_RUNNING.await(10, TimeUnit.SECONDS);
    }

    /**
     * Waits (up to {@code seconds}) for the other tests of {@code group} to come here too, so that they ask a
     * library's pool or resolver at the same instant. They may not: JUnit's four threads may all be held by tests
     * waiting for others of their group that none of them can start (one runs throughout), until one gives up.
     */
    static void meet(CountDownLatch group, int seconds) throws InterruptedException {
        group.countDown();
        group.await(seconds, TimeUnit.SECONDS);
    }

    /** Marks the end of a test, printing how many tests ran at once at most so far. */
    private static void ended() {
        RUNNING.decrementAndGet();
        OTHERS_ENDED.countDown();
        System.out.println("at-once " + MOST_AT_ONCE.get());
    }

    /** A GET through HttpURLConnection, whose kept-alive connections any test may take next. */
    static String get(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(System.getProperty("test.server") + path)
                    .openConnection();
            try (InputStream in = connection.getInputStream()) {
                return connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET through the shared JDK HttpClient, on the calling thread. */
    static String sharedGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = SHARED_CLIENT.send(request(path), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /** A GET through the shared JDK HttpClient, asynchronously (its own executor's threads do the work). */
    static String sharedGetAsync(String path) {
        return SHARED_CLIENT.sendAsync(request(path), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() + " " + response.body()).join();
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(System.getProperty("test.server") + path)).build();
    }

    static void assertEcho(String path, String answer) {
        assertEquals("200 path=" + path, answer);
    }
}
