package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.DebianServer;
import netrec.it.support.JdkIndependent;
import netrec.it.support.TestServer;
import netrec.it.tcp.DatabaseClientMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Update mode keeps the cassette and adds what it lacks, fetched from the real server: HTTP in the version the client
 * spoke (HTTP/1.1 for HttpURLConnection, HTTP/2 for the JDK HttpClient over TLS), and a raw TCP conversation that
 * parts from the recorded ones goes on with the server, its login made again (Redis through Jedis with a password,
 * PostgreSQL with SCRAM and md5, MariaDB). The whole set then replays with the server stopped, where the machine
 * allows it in a network namespace with only loopback, on JDK 17 and 25 (WebSocket: WebSocketRecordReplayIT).
 */
class UpdateModeIT {
    private static final String MAIN = ClientMain.class.getName();

    @TempDir
    Path work;

    @Test
    void aRawTcpConversationThatPartsFromTheCassetteGoesOnWithTheServerAndTheWholeSetReplaysOffline()
            throws Exception {
        String password = "update-" + System.nanoTime();
        Path cassette = work.resolve("cassette");
        String main = DatabaseClientMain.class.getName();
        List<String> all = List.of("a: OK A", "b: OK B", "c: OK C");
        String port;
        ChildJvm.Result updated;
        try (DebianServer redis = DebianServer.redisWithPassword(password)) {
            port = String.valueOf(redis.port());
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(main, "redis-keys", port, password, "a,b").run(work);
            assertEquals(List.of("a: OK A", "b: OK B"), recorded.lines(), recorded.toString());
            try (Jedis jedis = new Jedis("localhost", redis.port())) {
                jedis.auth(password);
                jedis.del("a", "b");
            }

            updated = ChildJvm.withAgent("update,cassette=" + cassette).main(main, "redis-keys", port, password,
                    "a,b,c").run(work);

            assertEquals(0, updated.exitCode, updated.toString());
            assertEquals(all, updated.lines(), updated.toString());
            try (Jedis jedis = new Jedis("localhost", redis.port())) {
                jedis.auth(password);
                assertEquals(List.of("A", "B", "C"), jedis.mget("a", "b", "c"),
                        "the server was sent the client's turns so far again, then the new one");
            }
        }
        RecordReplayScenario.assertQuiet(updated.stderr);
        assertFalse(RecordReplayScenario.everythingIn(cassette).contains(password), "no password in the cassette");

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(main, "redis-keys", port, "another password", "a,b,c").run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(all, replayed.lines(), replayed.toString());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }

    @Test
    void aPostgresConversationLoggedInWithScramGoesOnWithTheServerAndTheWholeSetReplaysOffline() throws Exception {
        try (DebianServer postgres = DebianServer.postgres()) {
            updatePostgres(postgres);
        }
    }

    @JdkIndependent("as the SCRAM case, on both JDKs; md5 is netrec's own computing")
    @Test
    void aPostgresConversationLoggedInWithMd5GoesOnWithTheServerAndTheWholeSetReplaysOffline() throws Exception {
        try (DebianServer postgres = DebianServer.postgresWithMd5()) {
            updatePostgres(postgres);
        }
    }

    @JdkIndependent("update mode's going on with the server is netrec's; MariaDB's driver runs on both JDKs in "
            + "DatabaseRecordReplayIT, and update over raw TCP and PostgreSQL runs here on both")
    @Test
    void aMariadbConversationGoesOnWithTheServerItsLoginAnsweringTheRealGreetingAndReplaysOffline()
            throws Exception {
        try (DebianServer mariadb = DebianServer.mariadb()) {
            updateSql(mariadb, "mariadb-queries", "SELECT @mark := 'kept'", "SELECT @mark");
        }
    }

    private void updatePostgres(DebianServer postgres) throws Exception {
        updateSql(postgres, "postgres-queries", "SELECT set_config('netrec.mark', 'kept', false)",
                "SELECT current_setting('netrec.mark')");
    }

    /**
     * Records two queries, updates with a third (the server is logged in to again, sent the first two again, then
     * the third), then stops the server and replays all three offline with another password. The third query reads
     * what the first set in the session ({@code first}, {@code third}): the server was sent the first two again.
     */
    private void updateSql(DebianServer server, String client, String first, String third) throws Exception {
        Path cassette = work.resolve("cassette");
        String main = DatabaseClientMain.class.getName();
        List<String> all = List.of(first + ": kept", "SELECT 2: 2", third + ": kept");
        String port = String.valueOf(server.port());
        ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                .main(main, client, port, DebianServer.PASSWORD, first + ";SELECT 2").run(work);
        assertEquals(all.subList(0, 2), recorded.lines(), recorded.toString());

        ChildJvm.Result updated = ChildJvm.withAgent("update,cassette=" + cassette).main(main, client,
                port, DebianServer.PASSWORD, first + ";SELECT 2;" + third).run(work);

        Path misses = cassette.resolve(".netrec").resolve("replay-misses.txt");
        assertEquals(0, updated.exitCode, updated + (Files.exists(misses) ? Files.readString(misses) : ""));
        assertEquals(all, updated.lines(), updated.toString());
        RecordReplayScenario.assertQuiet(updated.stderr);
        server.close(); // replay runs with the server stopped
        String everything = RecordReplayScenario.everythingIn(cassette);
        assertFalse(everything.contains(DebianServer.PASSWORD), "no password in the cassette: " + everything);
        assertFalse(everything.contains("c=biws"), "no SCRAM proof in the cassette: " + everything);
        assertFalse(java.util.regex.Pattern.compile("md5[0-9a-f]{32}").matcher(everything).find(),
                "no md5 proof in the cassette: " + everything);
        assertTrue(everything.contains(third), "the update recorded the new query: " + everything);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette).main(main, client, port,
                "another password", first + ";SELECT 2;" + third).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(all, replayed.lines(), replayed.toString());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }

    @Test
    void updateFetchesOverHttp2WhatTheCassetteLacksAndTheWholeSetReplaysOffline() throws Exception {
        updateThenReplay("jdkhttp", "h2");
    }

    @Test
    void updateFetchesOverHttp11WhatTheCassetteLacksAndTheWholeSetReplaysOffline() throws Exception {
        updateThenReplay("urlconnection", "http/1.1");
    }

    private void updateThenReplay(String client, String protocol) throws Exception {
        Path cassette = work.resolve("cassette");
        String all;
        List<String> live;
        ChildJvm.Result updated;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            String base = server.https();
            String first = String.join("; ", "GET " + base + "/json", "GET " + base + "/binary");
            all = String.join("; ", first, "GET " + base + "/chunked", "POST " + base + "/echo body:name=netrec&n=1",
                    "GET " + base + "/gzip header:Accept-Encoding=gzip");
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(MAIN, client, first)
                    .run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            live = ChildJvm.withoutAgent().main(MAIN, client, all).run(work).lines();
            int before = server.requestCount();

            updated = ChildJvm.withAgent("update,cassette=" + cassette).main(MAIN, client, all).run(work);

            assertEquals(0, updated.exitCode, updated.toString());
            assertEquals(live, updated.lines(), "update answers as the server does");
            assertEquals(3, server.requestCount() - before, "only what the cassette lacked reached the server");
        }
        RecordReplayScenario.assertQuiet(updated.stderr);
        List<String> protocols = recordingLines(cassette).stream().filter(line -> line.startsWith("    protocol: "))
                .distinct().collect(Collectors.toList());
        assertEquals(List.of("    protocol: " + protocol), protocols, "the fetches were recorded as the client spoke");

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette).main(MAIN, client, all).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(live, replayed.lines());
    }

    /** Every line of every recording file of the cassette. */
    private static List<String> recordingLines(Path cassette) throws Exception {
        try (var files = Files.walk(cassette.resolve("interactions"))) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).collect(Collectors.toList());
            assertTrue(yaml.size() >= 2, "a recording file for the record run and one for the update: " + yaml);
            List<String> lines = new java.util.ArrayList<>();
            for (Path file : yaml) {
                lines.addAll(Files.readAllLines(file));
            }
            return lines;
        }
    }
}
