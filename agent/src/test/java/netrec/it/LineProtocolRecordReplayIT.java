package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import netrec.it.support.ChildJvm;
import netrec.it.support.DebianServer;
import netrec.it.tcp.LineProtocolClientMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing dropped in silence: line protocols whose first client line is an upper-case word and a space, which only
 * looks like an HTTP request line (Redis' inline {@code PING 0}, SMTP's {@code EHLO}, FTP's {@code USER}), against
 * real servers from Debian's packages (redis-server, python3-aiosmtpd, python3-pyftpdlib). Each is recorded as a raw
 * TCP conversation, then replayed with the server stopped, in a network namespace with only loopback: the client
 * sees the same answers. A line the recording lacks fails at once with netrec's reason, not at the client's timeout.
 * SMTP's and FTP's passwords never reach the cassette, and replay takes any.
 */
class LineProtocolRecordReplayIT {
    @TempDir
    Path work;

    @Test
    void redisInlineCommandsAreRecordedAsRawTcpAndReplayOffline() throws Exception {
        try (DebianServer redis = DebianServer.redis()) {
            List<String> answers = recordThenReplay(redis, "redis", String.valueOf(redis.port()));
            assertEquals(List.of("$1", "0", "+OK", "$5", "hello", "+PONG", "+OK"), answers);
        }
    }

    @Test
    void anSmtpExchangeIsRecordedAsRawTcpAndReplaysOffline() throws Exception {
        try (DebianServer smtp = DebianServer.smtp()) {
            List<String> answers = recordThenReplay(smtp, "smtp", String.valueOf(smtp.port()));
            assertEquals("220 (greeting)", answers.get(0));
            assertTrue(answers.contains("250 OK"), answers.toString());
            assertEquals("221 Bye", answers.get(answers.size() - 1));
        }
    }

    @Test
    void anFtpDownloadThroughTheJdksUrlHandlerIsRecordedAndReplaysOffline() throws Exception {
        try (DebianServer ftp = DebianServer.ftp(Map.of("hello.txt", "hello over FTP"))) {
            List<String> answers = recordThenReplay(ftp, "ftp", "ftp://127.0.0.1:" + ftp.port() + "/hello.txt");
            assertEquals(List.of("ftp: hello over FTP"), answers);
        }
    }

    @Test
    void smtpAndFtpPasswordsNeverReachTheCassetteAndAnotherPasswordReplays() throws Exception {
        String password = "line-s3cret-" + System.nanoTime();
        Path smtpCassette = work.resolve("smtp");
        Path ftpCassette = work.resolve("ftp");
        String smtpPort;
        String ftpAt;
        List<String> smtpAnswers;
        try (DebianServer smtp = DebianServer.smtpWithPassword(password);
                DebianServer ftp = DebianServer.ftpWithPassword(Map.of("hello.txt", "hello, ada"), "ada", password)) {
            smtpPort = String.valueOf(smtp.port());
            ftpAt = "127.0.0.1:" + ftp.port() + "/hello.txt";
            ChildJvm.Result smtpRecorded = ChildJvm.withAgent("record,cassette=" + smtpCassette)
                    .main(LineProtocolClientMain.class.getName(), "smtp-auth", smtpPort, "ada", password).run(work);
            smtpAnswers = smtpRecorded.lines();
            assertEquals(List.of("235", "221", "334", "334", "235", "221"), smtpAnswers.stream()
                    .map(line -> line.substring(0, 3)).collect(Collectors.toList()), smtpRecorded.toString());
            ChildJvm.Result ftpRecorded = ChildJvm.withAgent("record,cassette=" + ftpCassette)
                    .main(LineProtocolClientMain.class.getName(), "ftp", "ftp://ada:" + password + "@" + ftpAt)
                    .run(work);
            assertEquals(List.of("ftp: hello, ada"), ftpRecorded.lines(), ftpRecorded.toString());
        }
        String everything = RecordReplayScenario.everythingIn(smtpCassette)
                + RecordReplayScenario.everythingIn(ftpCassette);
        Base64.Encoder base64 = Base64.getEncoder();
        for (String secret : List.of(password, base64.encodeToString(password.getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(("\0ada\0" + password).getBytes(StandardCharsets.UTF_8)))) {
            assertFalse(everything.contains(secret), secret + " in " + everything);
        }
        assertTrue(everything.contains("PASS <redacted by netrec>"), everything);
        assertTrue(everything.contains("AUTH PLAIN <redacted by netrec>"), everything);

        ChildJvm.Result smtpReplayed = RecordReplayScenario.replayJvm(smtpCassette)
                .main(LineProtocolClientMain.class.getName(), "smtp-auth", smtpPort, "bob", "another").run(work);
        assertEquals(smtpAnswers, smtpReplayed.lines(), smtpReplayed.toString());
        RecordReplayScenario.assertQuiet(smtpReplayed.stderr);
        ChildJvm.Result ftpReplayed = RecordReplayScenario.replayJvm(ftpCassette)
                .main(LineProtocolClientMain.class.getName(), "ftp", "ftp://ada:another@" + ftpAt).run(work);
        assertEquals(List.of("ftp: hello, ada"), ftpReplayed.lines(), ftpReplayed.toString());
        RecordReplayScenario.assertQuiet(ftpReplayed.stderr);
    }

    @Test
    void aLineTheRecordingLacksFailsWithinASecondWithNetrecsReason() throws Exception {
        Path cassette = work.resolve("cassette");
        int port;
        try (DebianServer redis = DebianServer.redis()) {
            port = redis.port();
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(LineProtocolClientMain.class.getName(), "redis", String.valueOf(port)).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
        }
        Path recording = RecordReplayScenario.onlyRecordingFile(cassette);
        Files.writeString(recording, Files.readString(recording).replace("PING 0", "PING 1"));

        long started = System.nanoTime();
        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(LineProtocolClientMain.class.getName(), "redis", String.valueOf(port)).run(work);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertEquals(3, replayed.exitCode, replayed.toString());
        assertTrue(replayed.stdout.contains("netrec"), replayed.toString());
        assertTrue(replayed.stderr.contains("netrec: replay miss"), replayed.toString());
        assertTrue(seconds < 15, "the miss took " + seconds + " s; the client's own timeout is 20 s");
    }

    /** Records the client's exchange with {@code server}, stops the server, replays it offline: the answers. */
    private List<String> recordThenReplay(DebianServer server, String client, String where) throws Exception {
        Path cassette = work.resolve("cassette");
        ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                .main(LineProtocolClientMain.class.getName(), client, where).run(work);
        assertEquals(0, recorded.exitCode, recorded.toString());
        RecordReplayScenario.assertQuiet(recorded.stderr);
        String recording = Files.readString(RecordReplayScenario.onlyRecordingFile(cassette));
        assertTrue(recording.contains("    protocol: tcp"), recording);
        assertTrue(!recording.contains("incomplete:"), recording);
        server.close();

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(LineProtocolClientMain.class.getName(), client, where).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(recorded.lines(), replayed.lines(), replayed.toString());
        RecordReplayScenario.assertQuiet(replayed.stderr);
        return replayed.lines();
    }
}
