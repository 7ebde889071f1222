package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
