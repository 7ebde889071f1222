import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.protocol.http1.Http1;
import netrec.runtime.record.RecordedConnection;
import netrec.runtime.record.Recorder;

/**
 * A stream of HTTP interactions fed to netrec's recorder as the hooks would feed it (request bytes sent, response
 * bytes received in 64 KiB reads, on keep-alive connections), at a tunable rate, to see how many interactions per
 * second the writer persists and how much heap it takes. Arguments: CASSETTE COUNT BODY_BYTES RATE DISTINCT
 * (RATE 0: as fast as the recorder takes them; DISTINCT true: every body differs, else all are the same).
 * Prints interactions per second from the first byte offered to the last interaction written, and the peak heap.
 */
public final class RecorderStream {
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[1]);
        int bodyBytes = Integer.parseInt(args[2]);
        double rate = Double.parseDouble(args[3]);
        boolean distinct = Boolean.parseBoolean(args[4]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] peak = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        Recorder recorder = new Recorder(AgentOptions.parse("record,cassette=" + args[0], Map.of()),
                List.of(new Http1()));
        byte[] body = new byte[bodyBytes];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bodyBytes
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        RecordedConnection[] connections = new RecordedConnection[8];
        for (int c = 0; c < connections.length; c++) {
            connections[c] = new RecordedConnection("localhost", 8080, "127.0.0.1", false);
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
            }
            RecordedConnection connection = connections[i % connections.length];
            recorder.sent(connection, ("GET /items/" + (i % 100) + " HTTP/1.1\r\nHost: localhost:8080\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII), 0); // 0: a write whose start was not numbered
            recorder.received(connection, head.clone());
            for (int offset = 0; offset < bodyBytes; offset += 64 * 1024) {
                byte[] read = java.util.Arrays.copyOfRange(body, offset, Math.min(bodyBytes, offset + 64 * 1024));
                if (distinct && offset == 0) {
                    byte[] stamp = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(stamp, 0, read, 0, Math.min(stamp.length, read.length));
                }
                recorder.received(connection, read);
            }
        }
        long offered = System.nanoTime();
        recorder.stop();
        long written = System.nanoTime();
        sampler.interrupt();
        System.out.printf("interactions %d body-bytes %d offered-per-second %.0f persisted-per-second %.0f "
                + "peak-heap-mb %d max-heap-mb %d%n", count, bodyBytes, count / ((offered - start) / 1e9),
                count / ((written - start) / 1e9), peak[0] >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
