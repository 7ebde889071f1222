package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netrec.it.grpc.SimpleServer;
import netrec.it.pace.EventsMain;
import netrec.it.pace.PushesMain;
import netrec.it.pace.StreamMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.MeasuresTime;
import netrec.it.websocket.EchoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams keep their pace: server-sent events recorded 300 ms apart replay 300 ms apart with
 * {@code pace=recorded} (the stream within 75% to 150% of its recorded time), in-process (HttpURLConnection) and through the replay server (the JDK HttpClient), and at
 * once with the default {@code pace=fast}; so do a WebSocket server's pushes (the JDK HttpClient's WebSocket against
 * Java-WebSocket's server) and a gRPC server stream (grpc-netty-shaded, client and server); a long poll's late answer
 * comes as late; replayed offline.
 */
@MeasuresTime
class PaceIT {
    private static final String MAIN = EventsMain.class.getName();
    private static final long GAP = 300;

    @TempDir
    Path work;

    @Test
    void serverSentEventsKeepTheirRecordedPaceInProcess() throws Exception {
        recordThenReplay("urlconnection");
    }

    @Test
    void serverSentEventsKeepTheirRecordedPaceThroughTheReplayServer() throws Exception {
        recordThenReplay("jdkhttp");
    }

    @Test
    void webSocketPushesKeepTheirRecordedPace() throws Exception {
        Path cassette = work.resolve("cassette");
        String url;
        ChildJvm.Result recorded;
        try (EchoServer server = EchoServer.start(false)) {
            url = "ws://localhost:" + server.port() + "/pushes";
            recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(PushesMain.class.getName(), url)
                    .run(work);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertEquals(List.of("push1", "push2", "push3"), events(recorded));
        assertGaps(recorded, EchoServer.PACE_MILLIS);

        assertReplayKeepsThePace(cassette, recorded, EchoServer.PACE_MILLIS, PushesMain.class.getName(), url);
    }

    @Test
    void aGrpcServerStreamKeepsItsRecordedPace() throws Exception {
        Path cassette = work.resolve("cassette");
        String[] call;
        ChildJvm.Result recorded;
        try (SimpleServer server = SimpleServer.start("127.0.0.1", false)) {
            call = new String[] {"localhost", String.valueOf(server.port()), String.valueOf(GAP)};
            recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(StreamMain.class.getName(), call)
                    .run(work);
            assertEquals(1, server.calls());
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertEquals(List.of("every:" + GAP + "-1", "every:" + GAP + "-2", "every:" + GAP + "-3"), events(recorded),
                recorded.toString());
        assertGaps(recorded, GAP);

        assertReplayKeepsThePace(cassette, recorded, GAP, StreamMain.class.getName(), call);
    }

    @Test
    void aLongPollsLateAnswerComesAsLateAtTheRecordedPace() throws Exception {
        Path cassette = work.resolve("cassette");
        ChildJvm.Result recorded;
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> serveEvents(server, List.of("late"), 2 * GAP), "poll");
            serving.setDaemon(true);
            serving.start();
            String url = "http://localhost:" + server.getLocalPort() + "/poll";
            recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(MAIN, "urlconnection", url).run(work);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        String url = recordedUrl(cassette);
        ChildJvm pacing = ChildJvm.withAgent("replay,pace=recorded,cassette=" + cassette);

        ChildJvm.Result paced = (ChildJvm.networkNamespacesWork() ? pacing.offline() : pacing)
                .main(MAIN, "urlconnection", url).run(work);
        ChildJvm.Result fast = RecordReplayScenario.replayJvm(cassette).main(MAIN, "urlconnection", url).run(work);

        assertEquals(0, paced.exitCode, paced.toString());
        assertTrue(times(paced).get(0) - times(fast).get(0) >= 2 * GAP * 0.8, "the answer came "
                + times(paced).get(0) + " ms in with the recorded pace, " + times(fast).get(0) + " ms without");
    }

    private void recordThenReplay(String client) throws Exception {
        Path cassette = work.resolve("cassette");
        ChildJvm.Result recorded;
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> serveEvents(server, List.of("one", "two", "three"), 0), "events");
            serving.setDaemon(true);
            serving.start();
            String url = "http://localhost:" + server.getLocalPort() + "/events";
            recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(MAIN, client, url).run(work);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertGaps(recorded, GAP);

        assertReplayKeepsThePace(cassette, recorded, GAP, MAIN, client, recordedUrl(cassette));
    }

    /**
     * Replays {@code main} offline twice: with {@code pace=recorded} its parts come {@code gap} ms apart, as recorded;
     * with the default pace, at once. Both times they are the recorded ones.
     */
    private void assertReplayKeepsThePace(Path cassette, ChildJvm.Result recorded, long gap, String main,
            String... args) throws Exception {
        ChildJvm pacing = ChildJvm.withAgent("replay,pace=recorded,cassette=" + cassette);
        ChildJvm.Result paced = (ChildJvm.networkNamespacesWork() ? pacing.offline() : pacing).main(main, args)
                .run(work);
        ChildJvm.Result fast = RecordReplayScenario.replayJvm(cassette).main(main, args).run(work);

        assertEquals(0, paced.exitCode, paced.toString());
        assertEquals(events(recorded), events(paced), paced.toString());
        assertGaps(paced, gap);
        assertEquals(0, fast.exitCode, fast.toString());
        assertEquals(events(recorded), events(fast), fast.toString());
        List<Long> at = times(fast);
        assertTrue(at.get(2) - at.get(0) < gap / 2, "at once without pace=recorded: " + fast.lines());
    }

    /**
     * A server of server-sent events, as such servers write them: each connection's request read, and after
     * {@code before} ms (a long poll's wait) a chunked response whose {@code events} go {@link #GAP} ms apart, each
     * in a chunk of its own, flushed.
     */
    private static void serveEvents(ServerSocket server, List<String> events, long before) {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                InputStream in = connection.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    head.append((char) b);
                }
                Thread.sleep(before);
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (String event : events) {
                    byte[] data = ("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8);
                    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(data);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(GAP);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    /** The URL the cassette recorded its events from. */
    private static String recordedUrl(Path cassette) throws IOException {
        for (String line : Files.readAllLines(RecordReplayScenario.onlyRecordingFile(cassette))) {
            if (line.trim().startsWith("uri: ")) {
                return line.trim().substring("uri: ".length());
            }
        }
        throw new AssertionError("no uri in " + cassette);
    }

    /**
     * The events came {@code gap} ms apart: each at least half a gap after the one before, and all of them over
     * 75% to 150% of the time they took when recorded. The client's own delays (a late first event under load,
     * classes loading) shift single events; the pace shows in the whole stream.
     */
    private static void assertGaps(ChildJvm.Result run, long gap) {
        List<Long> at = times(run);
        for (int i = 1; i < at.size(); i++) {
            long apart = at.get(i) - at.get(i - 1);
            assertTrue(apart >= gap / 2, "events " + (i - 1) + " and " + i + " came " + apart + " ms apart, not "
                    + gap + ": " + run.lines());
        }
        long span = at.get(at.size() - 1) - at.get(0);
        long expected = gap * (at.size() - 1);
        assertTrue(span >= expected * 0.75 && span <= expected * 1.5, "the events took " + span + " ms, not "
                + expected + ": " + run.lines());
    }

    private static List<String> events(ChildJvm.Result run) {
        List<String> events = new ArrayList<>();
        run.lines().forEach(line -> events.add(line.split(" ")[0]));
        return events;
    }

    private static List<Long> times(ChildJvm.Result run) {
        List<Long> times = new ArrayList<>();
        run.lines().forEach(line -> times.add(Long.parseLong(line.split(" ")[1])));
        return times;
    }

}
