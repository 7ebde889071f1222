package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import netrec.it.support.ChildJvm;
import netrec.it.support.DebianServer;
import netrec.it.support.JdkIndependent;
import netrec.it.tcp.ConnectionsClientMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every replayed connection gets its own conversation, with real servers from Debian's packages and their own
 * clients: connections that begin alike (the same handshake) and part later, closed in another order than they
 * opened, and, where the server sends no nonce the client's later turns depend on (Redis without a password),
 * opened in replay in another order than recorded. Each is recorded, then replayed with the server stopped (in a
 * network namespace with only loopback where the machine allows it), its output identical.
 */
class ConnectionIdentityIT {
    private static final String MAIN = ConnectionsClientMain.class.getName();

    @TempDir
    Path work;

    @Test
    void aSubscriberAndAPublisherThroughLettuceEachGetTheirOwnConversation() throws Exception {
        try (DebianServer redis = DebianServer.redis()) {
            recordThenReplay(redis, List.of("redis-pubsub"), List.of("redis-pubsub"),
                    List.of("published one to 1 subscriber", "heard news: one", "published two to 1 subscriber",
                            "heard news: two", "published three to 1 subscriber", "heard news: three"));
        }
    }

    @JdkIndependent("which recorded conversation a connection gets is netrec's; Jedis's blocking sockets run on both JDKs in "
            + "DatabaseRecordReplayIT, and the pub/sub case above runs here on both")
    @Test
    void redisConnectionsOpenedInReplayInAnotherOrderThanRecordedEachMoveToTheirOwn() throws Exception {
        try (DebianServer redis = DebianServer.redis()) {
            recordThenReplay(redis, List.of("redis", "ab"), List.of("redis", "ba"),
                    List.of("a: OK apples", "b: OK bananas", "a: 42", "b: 3"));
        }
    }

    @JdkIndependent("as above; PostgreSQL's JDBC driver runs on both JDKs in DatabaseRecordReplayIT")
    @Test
    void postgresConnectionsClosedInReverseOrderEachGetTheirOwn() throws Exception {
        try (DebianServer postgres = DebianServer.postgres()) {
            recordThenReplay(postgres, List.of("postgres", "ab"), List.of("postgres", "ab"),
                    List.of("a: apples", "b: bananas", "a: 42"));
        }
    }

    @JdkIndependent("as above; MariaDB's JDBC driver runs on both JDKs in DatabaseRecordReplayIT")
    @Test
    void mariadbConnectionsClosedInReverseOrderEachGetTheirOwn() throws Exception {
        try (DebianServer mariadb = DebianServer.mariadb()) {
            recordThenReplay(mariadb, List.of("mariadb", "ab"), List.of("mariadb", "ab"),
                    List.of("a: apples", "b: bananas", "a: 42"));
        }
    }

    @Test
    void aPoolOfFourPostgresConnectionsSharedByEightThreadsAnswersEveryQuery() throws Exception {
        List<String> answers = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            for (int question = 0; question < 10; question++) {
                answers.add("thread " + thread + " question " + question + ": " + (thread * 100 + question));
            }
        }
        Collections.sort(answers);
        try (DebianServer postgres = DebianServer.postgres()) {
            recordThenReplay(postgres, List.of("postgres-pool"), List.of("postgres-pool"), answers);
        }
    }

    @JdkIndependent("as above; the pool of eight threads runs on both JDKs in the case above")
    @Test
    void countersThatAPoolsConnectionsIncrementedCountAgainInTheOrderTheServerCounted() throws Exception {
        List<String> answers = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            answers.add("counter " + thread + ": 1 2 3 4 5 6 7 8 9 10");
        }
        try (DebianServer redis = DebianServer.redis()) {
            recordThenReplay(redis, List.of("redis-counters"), List.of("redis-counters"), answers);
        }
    }

    /** Records {@code recordArgs}, stops the server, replays {@code replayArgs}: both print {@code answers}. */
    private void recordThenReplay(DebianServer server, List<String> recordArgs, List<String> replayArgs,
            List<String> answers) throws Exception {
        Path cassette = work.resolve("cassette");
        String port = String.valueOf(server.port());
        ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                .main(MAIN, arguments(recordArgs, port)).run(work);
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertEquals(answers, recorded.lines(), recorded.toString());
        server.close();

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette).main(MAIN, arguments(replayArgs, port))
                .run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(answers, replayed.lines(), replayed.toString());
    }

    private static String[] arguments(List<String> args, String port) {
        String[] all = new String[args.size() + 1];
        all[0] = args.get(0);
        all[1] = port;
        for (int i = 1; i < args.size(); i++) {
            all[i + 1] = args.get(i);
        }
        return all;
    }
}
