package netrec.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestThreadsTest {
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>());
    private final RunningTest<String> weather = new RunningTest<>("WeatherTest.sunny", "cassette");

    @AfterEach
    void endTheTest() {
        TestThreads.bind(null);
        TestThreads.follow(null);
        if (TestThreads.anyRunning()) {
            TestThreads.ended();
        }
        pool.shutdownNow();
    }

    @Test
    void aQueuedCallRunsForTheTestItWasMadeForWhateverThreadStartsIt() throws Exception {
        RunningTest<String> other = new RunningTest<>("OtherTest.rainy", "its cassette");
        TestThreads.started();
        TestThreads.bind(weather);
        Object call = new Object();
        TestThreads.queued(call);
        TestThreads.bind(null);

        AtomicReference<RunningTest<?>> during = new AtomicReference<>();
        AtomicReference<RunningTest<?>> after = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            TestThreads.bind(other); // the thread of another test's call, which just ended, starts this one
            RunningTest<?> before = TestThreads.runs(call);
            during.set(TestThreads.current());
            TestThreads.bind(before);
            after.set(TestThreads.current());
        });
        starter.start();
        starter.join();

        assertSame(weather, during.get());
        assertSame(other, after.get());
    }

    @Test
    void aThreadServingWaitersWorksForEachWaitersTestInTurnThenAsItWas() {
        RunningTest<String> other = new RunningTest<>("OtherTest.rainy", "its cassette");
        TestThreads.started();
        Object mine = new Object();
        Object theirs = new Object();
        TestThreads.bind(other);
        TestThreads.queued(theirs);
        TestThreads.bind(weather);
        TestThreads.queued(mine);

        RunningTest<?> before = TestThreads.servingBegins(); // the test thread drains the pool for every waiter
        assertNull(TestThreads.current(), "serving, it works for no test but the waiter's");
        TestThreads.servesFor(theirs);
        assertSame(other, TestThreads.current());
        TestThreads.servesFor(theirs); // told twice: the same
        assertSame(other, TestThreads.current());
        TestThreads.servesFor(mine);
        assertSame(weather, TestThreads.current());
        TestThreads.servingEnds(before);
        assertSame(weather, TestThreads.current());

        TestThreads.bind(null);
        TestThreads.servesFor(theirs); // not serving: nothing changes
        assertNull(TestThreads.current());
    }

    @Test
    void aListenerRunsForTheTestOfTheThreadThatAddedItAndOtherwiseAsTheThreadIs() {
        RunningTest<String> other = new RunningTest<>("OtherTest.rainy", "its cassette");
        TestThreads.started();
        TestThreads.bind(weather);
        Object listener = new Object();
        TestThreads.queued(listener);
        TestThreads.bind(other); // another test's work completes the promise

        RunningTest<?> before = TestThreads.listenerRuns(listener);
        assertSame(weather, TestThreads.current());
        TestThreads.bind(before);
        assertSame(other, TestThreads.current());

        before = TestThreads.listenerRuns(new Object()); // added by a thread of no test
        assertSame(other, TestThreads.current());
        TestThreads.bind(before);
    }

    @Test
    void anEventLoopCarriesOnlyTheTestOfAThreadThatWorksForOne() {
        TestThreads.started();
        Runnable task = () -> { };
        TestThreads.follow(weather); // the loop moved bytes of this test's connection last
        assertSame(task, TestThreads.carryToEventLoop(pool, task));
        TestThreads.bind(weather);
        assertNotSame(task, TestThreads.carryToEventLoop(pool, task));
    }

    @Test
    void aTaskIsLeftAsItIsWhileNoTestRuns() {
        Runnable task = () -> { };
        assertSame(task, TestThreads.carry(pool, task));
    }

    @Test
    void aTaskRunsBoundToTheTestOfTheThreadThatSubmittedIt() throws Exception {
        TestThreads.started();
        TestThreads.bind(weather);
        AtomicReference<RunningTest<?>> seen = new AtomicReference<>();
        Runnable carried = TestThreads.carry(pool, () -> seen.set(TestThreads.current()));
        TestThreads.bind(null);

        Thread worker = new Thread(carried);
        worker.start();
        worker.join();

        assertSame(weather, seen.get());
        assertNull(TestThreads.current(), "the submitting thread, unbound since, stays unbound");
    }

    @Test
    void aTaskSubmittedByAThreadOfNoTestRunsBoundToNoneWhateverItsThreadFollowedBefore() throws Exception {
        TestThreads.started();
        Runnable carried = TestThreads.carry(pool, () -> assertNull(TestThreads.current()));
        AtomicReference<RunningTest<?>> handedOn = new AtomicReference<>();
        Thread selector = new Thread(() -> {
            TestThreads.follow(weather); // the thread read bytes of a connection of WeatherTest.sunny
            carried.run();
            Runnable next = TestThreads.carry(pool, () -> handedOn.set(TestThreads.current()));
            next.run();
        });
        selector.start();
        selector.join();
        assertSame(weather, handedOn.get(), "what it hands on after the task follows its connection's test again");
    }

    @Test
    void anEndedTestIsFollowedByNothing() {
        TestThreads.started();
        TestThreads.follow(weather);
        weather.end();
        AtomicReference<RunningTest<?>> seen = new AtomicReference<>(weather);
        TestThreads.carry(pool, () -> seen.set(TestThreads.current())).run();
        assertNull(seen.get());
    }

    @Test
    void tasksAnExecutorOrTheApplicationLooksAtAgainAreLeftAsTheyAre() {
        TestThreads.started();
        TestThreads.bind(weather);
        FutureTask<String> future = new FutureTask<>(() -> "made by submit, or by the application");
        ForkJoinTask<?> forkJoin = ForkJoinTask.adapt(() -> { });
        Runnable plain = () -> { };
        ThreadPoolExecutor ordered = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new PriorityBlockingQueue<>());
        ThreadPoolExecutor watching = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>()) {
            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                // an application's executor that looks at its tasks
            }
        };
        try {
            assertSame(future, TestThreads.carry(pool, future));
            assertSame(forkJoin, TestThreads.carry(pool, (Runnable) forkJoin));
            assertSame(plain, TestThreads.carry(ordered, plain));
            assertSame(plain, TestThreads.carry(watching, plain));
            assertNotSame(plain, TestThreads.carry(pool, plain));
        } finally {
            ordered.shutdownNow();
            watching.shutdownNow();
        }
    }

    @Test
    void aCallableCarriesItsTestAndItsAnswer() throws Exception {
        TestThreads.started();
        TestThreads.bind(weather);
        Callable<String> carried = TestThreads.carry(pool, () -> TestThreads.current().name());
        TestThreads.bind(null);
        assertEquals("WeatherTest.sunny", pool.submit(carried).get(10, TimeUnit.SECONDS));
    }
}
