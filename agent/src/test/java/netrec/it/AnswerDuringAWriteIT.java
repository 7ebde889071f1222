package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import netrec.it.support.ChildJvm;
import netrec.it.support.TestCertificates;
import netrec.it.tcp.AnswerDuringWriteMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer the application reads on one thread while another thread is still inside the write it answers (the
 * server answered the write's first bytes; gRPC's and HTTP/2 clients read and write on different threads) is
 * recorded after what that write sent, over a plain socket, over an SSLSocket (once its handshake is done, and by the
 * write that makes it) and over a SocketChannel (those two writes' bytes are known only as they return: what is read
 * meanwhile is held until then). Taken
 * as the write returned, the answer came first in the recording whenever the writing thread came back from the kernel
 * late, as on a busy machine (a WebSocket's last message went missing, recorded after the server's close), and here
 * always: the server reads the rest only after it answered.
 */
class AnswerDuringAWriteIT {
    private static final List<String> ANSWERS = List.of("HI", "OK", "answered before the write returned: true", "BYE");

    @TempDir
    Path work;

    @Test
    void overAPlainSocket() throws Exception {
        recordThenReplay("plain");
    }

    @Test
    void overAnSslSocket() throws Exception {
        recordThenReplay("tls");
    }

    @Test
    void overAnSslSocketWhoseFirstWriteMakesTheHandshake() throws Exception {
        recordThenReplay("tls-first");
    }

    @Test
    void overASocketChannel() throws Exception {
        recordThenReplay("channel");
    }

    private void recordThenReplay(String kind) throws Exception {
        boolean tls = kind.startsWith("tls");
        boolean greets = !kind.equals("tls-first");
        List<String> answers = greets ? ANSWERS : ANSWERS.subList(1, ANSWERS.size());
        Path cassette = work.resolve("cassette");
        String[] arguments;
        try (ServerSocket server = tls ? TestCertificates.serverContext().getServerSocketFactory().createServerSocket()
                : new ServerSocket()) {
            server.setReceiveBufferSize(4096); // the big write waits for the server to read it
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Path answered = work.resolve("answered");
            Thread serving = new Thread(() -> serve(server, answered, greets), "answer-during-write-server");
            serving.setDaemon(true);
            serving.start();
            arguments = new String[] {"localhost", String.valueOf(server.getLocalPort()), kind,
                answered.toString()};
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(AnswerDuringWriteMain.class.getName(), arguments).run(work);
            assertEquals(answers, recorded.lines(), recorded.toString());
        }
        String recording = Files.readString(RecordReplayScenario.onlyRecordingFile(cassette));
        List<String> turns = List.of("client", "server", "client", "server", "client", "server");
        assertEquals(greets ? turns : turns.subList(2, turns.size()), turns(recording),
                "BIG before the OK that answered it: " + recording);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(AnswerDuringWriteMain.class.getName(), arguments).run(work);
        int ok = answers.indexOf("OK");
        assertEquals(answers.subList(0, ok + 1), replayed.lines().subList(0, ok + 1), replayed.toString());
        assertEquals("BYE", replayed.lines().get(ok + 2), replayed.toString());
    }

    /** Who spoke, turn by turn: a side's messages in a row are one turn. */
    private static List<String> turns(String recording) {
        List<String> turns = new ArrayList<>();
        for (String line : recording.split("\n")) {
            if (line.startsWith("      - from: ")) {
                String side = line.substring("      - from: ".length());
                if (turns.isEmpty() || !turns.get(turns.size() - 1).equals(side)) {
                    turns.add(side);
                }
            }
        }
        return turns;
    }

    /**
     * HI (when the client {@code greets}), then OK at the first bytes of BIG, and the rest of it read only once the
     * client has the OK; then BYE.
     */
    private static void serve(ServerSocket server, Path answered, boolean greets) {
        try (Socket client = server.accept()) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (greets) {
                expect(in, "HI\n");
                out.write("HI\n".getBytes(StandardCharsets.US_ASCII));
            }
            expect(in, "BIG ");
            out.write("OK\n".getBytes(StandardCharsets.US_ASCII));
            awaitFile(answered);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return;
                }
            }
            expect(in, "BYE\n");
            out.write("BYE\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | InterruptedException e) {
            // the client's failure says what went wrong
        }
    }

    /** Waits until {@code file} is made (by the client, in another JVM), at most 20 s. */
    private static void awaitFile(Path file) throws IOException, InterruptedException {
        try (WatchService watch = file.getFileSystem().newWatchService()) {
            file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            while (!Files.exists(file)) {
                WatchKey key = watch.poll(20, TimeUnit.SECONDS);
                if (key == null) {
                    throw new IOException(file + " was not made in 20 s");
                }
                key.pollEvents();
                key.reset();
            }
        }
    }

    private static void expect(InputStream in, String text) throws IOException {
        byte[] read = in.readNBytes(text.length());
        if (!new String(read, StandardCharsets.US_ASCII).equals(text)) {
            throw new IOException("expected " + text + " but got " + new String(read, StandardCharsets.US_ASCII));
        }
    }
}
