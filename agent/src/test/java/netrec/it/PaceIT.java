package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netrec.it.pace.EventsMain;
import netrec.it.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams keep their pace: server-sent events recorded 300 ms apart replay 300 ms apart (within 20%) with
 * {@code pace=recorded}, in-process (HttpURLConnection) and through the replay server (the JDK HttpClient), and at
 * once with the default {@code pace=fast}; replayed offline.
 */
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

    private void recordThenReplay(String client) throws Exception {
        Path cassette = work.resolve("cassette");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/events", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String event : List.of("one", "two", "three")) {
                    out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sleep(GAP);
                }
            }
        });
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort() + "/events";
        ChildJvm.Result recorded;
        try {
            recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(MAIN, client, url).run(work);
        } finally {
            server.stop(0);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertGaps(recorded, GAP);

        ChildJvm pacing = ChildJvm.withAgent("replay,pace=recorded,cassette=" + cassette);
        ChildJvm.Result paced = (ChildJvm.networkNamespacesWork() ? pacing.offline() : pacing).main(MAIN, client, url)
                .run(work);
        ChildJvm.Result fast = RecordReplayScenario.replayJvm(cassette).main(MAIN, client, url).run(work);

        assertEquals(0, paced.exitCode, paced.toString());
        assertEquals(events(recorded), events(paced));
        assertGaps(paced, GAP);
        assertEquals(0, fast.exitCode, fast.toString());
        assertEquals(events(recorded), events(fast));
        List<Long> at = times(fast);
        assertTrue(at.get(2) - at.get(0) < GAP / 2, "at once without pace=recorded: " + fast.lines());
    }

    /** Each event came {@code gap} ms after the one before, within 20%. */
    private static void assertGaps(ChildJvm.Result run, long gap) {
        List<Long> at = times(run);
        for (int i = 1; i < at.size(); i++) {
            long apart = at.get(i) - at.get(i - 1);
            assertTrue(apart >= gap * 0.8 && apart <= gap * 1.2, "events " + (i - 1) + " and " + i + " came " + apart
                    + " ms apart, not " + gap + ": " + run.lines());
        }
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
