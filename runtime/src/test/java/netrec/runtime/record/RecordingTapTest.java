package netrec.runtime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import netrec.cassette.yaml.CassetteReader;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.protocol.http1.Http1;
import netrec.runtime.protocol.tcp.RawTcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the tap of a plain socket or channel hands the recorder, in whatever order the client's threads report. */
class RecordingTapTest {
    private static final byte[] CLIENT_HELLO = {0x16, 0x03, 0x01, 0x00, 0x02, 0x01, 0x00};
    private static final byte[] SERVER_HELLO = {0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x00};

    @TempDir
    Path cassette;

    @Test
    void aServerHelloThatOvertakesTheClientHellosHookIsTlsAndNotAConversation() throws Exception {
        Recorder recorder = new Recorder(AgentOptions.parse("record,cassette=" + cassette, Map.of()),
                List.of(new Http1(), new RawTcp()));
        Routes routes = new Routes();
        routes.noteJdkTls("h", 443);
        RecordedConnection connection = new RecordedConnection("h", 443, "127.0.0.1", false);
        RecordingTap tap = RecordingTap.of(new Object(), connection, () -> recorder, routes);

        tap.received(SERVER_HELLO, 0, SERVER_HELLO.length);
        tap.sent(CLIENT_HELLO, 0, CLIENT_HELLO.length);
        tap.received("ciphertext".getBytes(StandardCharsets.US_ASCII), 0, 10);
        tap.closed();
        recorder.stop();

        assertTrue(connection.carriesTls());
        assertEquals(List.of(), new CassetteReader(w -> { throw new AssertionError(w); }).load(cassette)
                .interactions(), "the plaintext is recorded one layer up, by the engine's tap: " + recordingFiles());
    }

    @Test
    void aServerHelloSeenWhileTheClientHellosHookRunsIsNeverAConversation() throws Exception {
        Recorder recorder = new Recorder(AgentOptions.parse("record,cassette=" + cassette, Map.of()),
                List.of(new Http1(), new RawTcp()));
        Routes routes = new Routes();
        routes.noteJdkTls("h", 443);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 3_000; i++) {
                RecordedConnection connection = new RecordedConnection("h", 443, "127.0.0.1", false);
                RecordingTap tap = RecordingTap.of(new Object(), connection, () -> recorder, routes);
                CyclicBarrier both = new CyclicBarrier(2);
                Future<?> received = reader.submit(() -> {
                    both.await();
                    tap.received(SERVER_HELLO, 0, SERVER_HELLO.length);
                    return null;
                });
                both.await();
                tap.sent(CLIENT_HELLO, 0, CLIENT_HELLO.length);
                received.get();
                tap.closed();
            }
        } finally {
            reader.shutdownNow();
        }
        recorder.stop();

        assertEquals(List.of(), new CassetteReader(w -> { throw new AssertionError(w); }).load(cassette)
                .interactions(), "a server hello recorded as a plain conversation: " + recordingFiles());
    }

    @Test
    void aWriteUnderWayAsItsTestEndsIsRecordedInThatTestsCassetteWithItsAnswer() throws Exception {
        Recorder recorder = new Recorder(AgentOptions.parse("record,cassette=" + cassette, Map.of()),
                List.of(new Http1(), new RawTcp()));
        AtomicReference<Recorder> testsRecorder = new AtomicReference<>(recorder);
        RecordedConnection connection = new RecordedConnection("h", 80, "127.0.0.1", false);
        RecordingTap tap = RecordingTap.of(new Object(), connection, testsRecorder::get, new Routes());
        byte[] request = "GET /last HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

        tap.writeBegins();
        tap.received(answer, 0, answer.length); // another thread gave the client its answer; the test ends
        testsRecorder.set(null);
        Thread stopping = new Thread(recorder::stop, "test-end");
        stopping.start();
        while (stopping.isAlive() && stopping.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        tap.written(request, 0, request.length); // the writing thread's hook returns
        tap.closed();
        stopping.join();

        assertEquals(List.of("http://h:80/last"), new CassetteReader(w -> { throw new AssertionError(w); }).load(cassette)
                .interactions().stream().map(i -> i.request().uri()).toList(), recordingFiles().toString());
    }

    private String recordingFiles() throws Exception {
        try (Stream<Path> files = Files.walk(cassette)) {
            return files.filter(Files::isRegularFile).map(Path::toString).toList().toString();
        }
    }
}
