package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import netrec.cassette.Redacted;
import netrec.it.support.ChildJvm;
import netrec.it.support.DebianServer;
import netrec.it.support.JdkIndependent;
import netrec.it.tcp.DatabaseClientMain;
import netrec.it.tcp.LineProtocolClientMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw TCP conversations with real servers from Debian's packages, each started by the test in a known state: Redis
 * through Jedis, PostgreSQL through its JDBC driver and R2DBC's (SCRAM, its default authentication, and md5) and
 * MariaDB through its own (a server that speaks first). No password, nor anything that proves one, reaches the
 * cassette, and replay logs in with any password. Each workload is recorded as {@code tcp} conversations, then replayed with the server stopped, in a
 * JVM without network; the driver sees the same answers.
 */
class DatabaseRecordReplayIT {
    @TempDir
    Path work;

    @JdkIndependent("raw TCP turns are netrec's; the drivers' blocking sockets are the scenario's on both JDKs; "
            + "MariaDB's driver (a server that speaks first) and a channel greeted through the replay server run on "
            + "both")
    @Test
    void redisThroughJedis() throws Exception {
        try (DebianServer redis = DebianServer.redis()) {
            recordThenReplay("redis", redis, List.of("ping: PONG", "set: OK", "get: ada", "incr: 1 42",
                    "lrange: [a, b, c]", "hgetall: {lang=java, name=ada}", "pipeline: 4 c false", "del: 4"));
        }
    }

    @Test
    void redisPasswordsNeverReachTheCassetteAndAnotherPasswordReplays() throws Exception {
        String password = "hunter2-" + System.nanoTime();
        List<String> answers = List.of("auth: OK, set: OK, get: one", "hello: OK, get: two", "acl: OK, get: two");
        List<String> inlineAnswers = List.of("+OK", "$3", "two", "+OK");
        Path cassette = work.resolve("cassette");
        Path inline = work.resolve("inline");
        String port;
        try (DebianServer redis = DebianServer.redisWithPassword(password)) {
            port = String.valueOf(redis.port());
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(DatabaseClientMain.class.getName(), "redis-password", port, password).run(work);
            assertEquals(answers, recorded.lines(), recorded.toString());
            ChildJvm.Result typed = ChildJvm.withAgent("record,cassette=" + inline)
                    .main(LineProtocolClientMain.class.getName(), "redis-auth", port, password).run(work);
            assertEquals(inlineAnswers, typed.lines(), typed.toString());
        }
        String recording = Files.readString(RecordReplayScenario.onlyRecordingFile(cassette));
        assertFalse(RecordReplayScenario.everythingIn(cassette).contains(password), "the password: " + recording);
        assertFalse(RecordReplayScenario.everythingIn(inline).contains(password), "the inline AUTH's password");
        assertTrue(recording.contains("$4\\r\\nAUTH\\r\\n${redacted}\\r\\n"), "AUTH's password: " + recording);
        assertTrue(recording.contains("$4\\r\\nAUTH\\r\\n$7\\r\\ndefault\\r\\n${redacted}\\r\\n"),
                "HELLO's: " + recording);
        assertTrue(recording.contains("$6\\r\\nnetrec\\r\\n${redacted}\\r\\n"), "the ACL user's: " + recording);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(DatabaseClientMain.class.getName(), "redis-password", port, "another, longer password").run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(answers, replayed.lines(), replayed.toString());
        RecordReplayScenario.assertQuiet(replayed.stderr);
        ChildJvm.Result typedAgain = RecordReplayScenario.replayJvm(inline)
                .main(LineProtocolClientMain.class.getName(), "redis-auth", port, "another").run(work);
        assertEquals(inlineAnswers, typedAgain.lines(), typedAgain.toString());
        RecordReplayScenario.assertQuiet(typedAgain.stderr);
    }

    @JdkIndependent("as above")
    @Test
    void postgresThroughJdbcWithMd5AuthenticationKeepsNoHash() throws Exception {
        try (DebianServer postgres = DebianServer.postgresWithMd5()) {
            recordThenReplay("postgres", postgres, sqlAnswers());
        }
        String cassette = RecordReplayScenario.everythingIn(work.resolve("cassette"));
        assertFalse(Pattern.compile("md5[0-9a-f]{32}").matcher(cassette).find(), "the md5 proof: " + cassette);
        assertTrue(cassette.contains("p\0\0\0\u0018" + Redacted.VALUE), cassette);
    }

    @Test
    void postgresDefaultScramLoginKeepsNoProofAndReplaysWithAnyPasswordThroughJdbcAndR2dbc() throws Exception {
        List<String> answers = new ArrayList<>(sqlAnswers());
        answers.add("r2dbc: [ada 1815, grace 1906]");
        Path cassette = work.resolve("cassette");
        String port;
        try (DebianServer postgres = DebianServer.postgres()) {
            port = String.valueOf(postgres.port());
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(DatabaseClientMain.class.getName(), "postgres-logins", port, DebianServer.PASSWORD)
                    .run(work);
            assertEquals(answers, recorded.lines(), recorded.toString());
        }
        String everything = RecordReplayScenario.everythingIn(cassette);
        assertTrue(everything.contains("SCRAM-SHA-256"), "a login by SCRAM was recorded: " + everything);
        // the client's final message (its proof) begins with c=biws; the server's final step is code 12, then v=
        for (String proof : List.of(DebianServer.PASSWORD, "c=biws", "\0\0\0\u000cv=")) {
            assertFalse(everything.contains(proof), proof + " in " + everything);
        }

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(DatabaseClientMain.class.getName(), "postgres-logins", port, "another password").run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(answers, replayed.lines(), replayed.toString());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }

    @Test
    void mariadbThroughItsJdbcDriverKeepsNoPasswordHashAndReplaysWithAnyPassword() throws Exception {
        Path cassette = work.resolve("cassette");
        String port;
        try (DebianServer mariadb = DebianServer.mariadb()) {
            port = String.valueOf(mariadb.port());
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(DatabaseClientMain.class.getName(), "mariadb", port, DebianServer.PASSWORD).run(work);
            assertEquals(sqlAnswers(), recorded.lines(), recorded.toString());
            RecordReplayScenario.assertQuiet(recorded.stderr);
        }
        // the handshake response: the user, then the length of the password's hash and the hash, redacted
        String everything = RecordReplayScenario.everythingIn(cassette);
        assertTrue(everything.contains(DebianServer.USER + "\0\u0014" + Redacted.VALUE), everything);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(DatabaseClientMain.class.getName(), "mariadb", port, "another password").run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(sqlAnswers(), replayed.lines(), replayed.toString());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }

    @Test
    void aServerThatSpeaksFirstGreetsAChannelThroughTheReplayServer() throws Exception {
        try (DebianServer mariadb = DebianServer.mariadb()) {
            Path cassette = work.resolve("cassette");
            String port = String.valueOf(mariadb.port());
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(DatabaseClientMain.class.getName(), "greeting", port).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertTrue(recorded.stdout.startsWith("protocol 10, server 5.5.5-10.11"), recorded.toString());
            mariadb.close();

            ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                    .main(DatabaseClientMain.class.getName(), "greeting", port).run(work);

            assertEquals(recorded.lines(), replayed.lines(), replayed.toString());
            RecordReplayScenario.assertQuiet(replayed.stderr);
        }
    }

    @JdkIndependent("the miss is netrec's matching of turns")
    @Test
    void aClientTurnTheRecordingLacksIsAMissNamingTheTurnTheByteAndBothValues() throws Exception {
        Path cassette = work.resolve("cassette");
        int port;
        try (DebianServer redis = DebianServer.redis()) {
            port = redis.port();
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(DatabaseClientMain.class.getName(), "redis", String.valueOf(port)).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
        }

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(DatabaseClientMain.class.getName(), "redis", String.valueOf(port), "bob").run(work);

        assertEquals(3, replayed.exitCode, replayed.toString());
        String misses = Files.readString(cassette.resolve(".netrec").resolve("replay-misses.txt"));
        assertTrue(misses.contains("netrec: nothing recorded matches client turn 2 on the conversation with "
                + "localhost:" + port), misses);
        // turn 2 is SET user:1:name ada, in RESP: *3 $3 SET $11 user:1:name $3 ada, each ending in CRLF
        assertTrue(misses.contains("it differs from the recorded turn at byte 35: sent 'bob\\r\\n' (5 bytes), "
                + "recorded 'ada\\r\\n' (5 bytes)"), misses);
    }

    @JdkIndependent("matching rules are netrec's")
    @Test
    void aValueThatChangesEveryRunReplaysOnceARuleFreesIt() throws Exception {
        Path cassette = work.resolve("cassette");
        String port;
        ChildJvm.Result recorded;
        try (DebianServer redis = DebianServer.redis()) {
            port = String.valueOf(redis.port());
            recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(DatabaseClientMain.class.getName(), "redis", port, "now").run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
        }
        ChildJvm.Result strict = RecordReplayScenario.replayJvm(cassette)
                .main(DatabaseClientMain.class.getName(), "redis", port, "now").run(work);
        assertEquals(3, strict.exitCode, "the time differs: " + strict);

        Files.writeString(cassette.resolve("rules.yaml"), "version: 1\nrules:\n  - host: localhost\n"
                + "    free-pattern: ['t[0-9]{13}']\n");
        ChildJvm.Result freed = RecordReplayScenario.replayJvm(cassette)
                .main(DatabaseClientMain.class.getName(), "redis", port, "now").run(work);

        assertEquals(0, freed.exitCode, freed.toString());
        assertEquals(recorded.lines(), freed.lines(), "the server's recorded answers, the recorded time among them");
    }

    private static List<String> sqlAnswers() {
        return List.of("inserted: 3", "updated: 2", "deleted: 1", "row: [1, ada, 1815]", "row: [2, grace, 1906]",
                "count: 2");
    }

    private void recordThenReplay(String client, DebianServer server, List<String> answers) throws Exception {
        Path cassette = work.resolve("cassette");
        String port = String.valueOf(server.port());
        ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                .main(DatabaseClientMain.class.getName(), client, port).run(work);
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertEquals(answers, recorded.lines(), recorded.toString());
        RecordReplayScenario.assertQuiet(recorded.stderr);
        server.close();
        List<String> recording = Files.readAllLines(RecordReplayScenario.onlyRecordingFile(cassette));
        assertTrue(recording.contains("    protocol: tcp"), String.join("\n", recording));
        ChildJvm.Result listed = ChildJvm.netrecCommand("list", cassette.toString()).run(work);
        assertTrue(listed.stdout.contains("  TCP     tcp://localhost:" + port + "  tcp  "), listed.toString());
        ChildJvm.Result verified = ChildJvm.netrecCommand("verify", cassette.toString()).run(work);
        assertEquals(0, verified.exitCode, verified.toString());

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(DatabaseClientMain.class.getName(), client, port).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(answers, replayed.lines(), replayed.toString());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }
}
