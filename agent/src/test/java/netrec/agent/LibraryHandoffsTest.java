package netrec.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which classes netrec weaves so that libraries' own threads carry the test their work was asked for. */
class LibraryHandoffsTest {
    private static final String EVENT_LOOP = "io/netty/util/concurrent/SingleThreadEventExecutor";
    private static final String OKHTTP_CALL = "okhttp3/internal/connection/RealCall$AsyncCall";

    @Test
    void nettysEventLoopAndOkHttpsQueuedCallAsTheyShip() {
        assertEquals(EVENT_LOOP, LibraryHandoffs.weaving(EVENT_LOOP));
        assertEquals(OKHTTP_CALL, LibraryHandoffs.weaving(OKHTTP_CALL));
    }

    @Test
    void nettysPromiseAndReactorsPoolAsReactorNettyShadesIt() {
        assertEquals("io/netty/util/concurrent/DefaultPromise",
                LibraryHandoffs.weaving("io/netty/util/concurrent/DefaultPromise"));
        assertEquals("reactor/pool/AbstractPool$Borrower",
                LibraryHandoffs.weaving("reactor/netty/internal/shaded/reactor/pool/AbstractPool$Borrower"));
        assertEquals("reactor/pool/SimpleDequePool",
                LibraryHandoffs.weaving("reactor/netty/internal/shaded/reactor/pool/SimpleDequePool"));
        assertNull(LibraryHandoffs.weaving("reactor/netty/internal/shaded/reactor/pool/SimpleDequePool$Other"));
    }

    @Test
    void vertxsConnectionPool() {
        String pool = "io/vertx/core/net/impl/pool/";
        assertEquals(pool + "PoolWaiter", LibraryHandoffs.weaving(pool + "PoolWaiter"));
        assertEquals(pool + "SimpleConnectionPool", LibraryHandoffs.weaving(pool + "SimpleConnectionPool"));
        assertEquals(pool + "SimpleConnectionPool$LeaseImpl",
                LibraryHandoffs.weaving(pool + "SimpleConnectionPool$LeaseImpl"));
        assertNull(LibraryHandoffs.weaving(pool + "SimpleConnectionPool$Slot"));
        assertNull(LibraryHandoffs.weaving("com/example/pool/PoolWaiter"));
    }

    @Test
    void copiesShadedIntoAnotherPackage() {
        assertEquals(EVENT_LOOP, LibraryHandoffs.weaving("io/grpc/netty/shaded/" + EVENT_LOOP));
        assertEquals(EVENT_LOOP, LibraryHandoffs.weaving("com/example/shaded/" + EVENT_LOOP));
        assertEquals(OKHTTP_CALL, LibraryHandoffs.weaving("com/example/shaded/" + OKHTTP_CALL));
    }

    @Test
    void notClassesThatOnlyEndTheSameWay() {
        assertNull(LibraryHandoffs.weaving("com/example/MySingleThreadEventExecutor"));
        assertNull(LibraryHandoffs.weaving("com/example/io/netty/util/concurrent/NotSingleThreadEventExecutor"));
        assertNull(LibraryHandoffs.weaving("com/example/RealCall$AsyncCall"));
        assertNull(LibraryHandoffs.weaving("okhttp3/RealCall$AsyncCall")); // OkHttp 3's: its run() is final
        assertNull(LibraryHandoffs.weaving("java/lang/String"));
    }
}
