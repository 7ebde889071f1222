package netrec.it.client;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Arrays;
import netrec.it.support.GeneratedBodies;

/**
 * Asks for every request of a generated cassette with HttpURLConnection, in order, and checks each body byte for
 * byte. Arguments: PORT COUNT EVERY BODY_BYTES. Prints {@code answered N wrong N peak-heap-mb N live-heap-mb N
 * max-heap-mb N}: the most heap in use seen after any request, and what is left in use after a collection at the
 * end.
 */
public final class EveryGeneratedRequest {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        int every = Integer.parseInt(args[2]);
        int bodyBytes = Integer.parseInt(args[3]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long peak = 0;
        int answered = 0;
        int wrong = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < count; i++) {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + port
                    + GeneratedBodies.path(i)).toURL().openConnection();
            byte[] expected = GeneratedBodies.body(i, every, bodyBytes);
            int at = 0;
            boolean same = connection.getResponseCode() == 200;
            try (InputStream in = connection.getInputStream()) {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    same &= at + n <= expected.length
                            && Arrays.equals(buffer, 0, n, expected, at, at + n);
                    at += n;
                }
            }
            answered++;
            if (!same || at != expected.length) {
                wrong++;
                System.err.println("wrong answer to " + GeneratedBodies.path(i) + ": " + at + " bytes");
            }
            peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        }
        System.gc();
        System.out.println("answered " + answered + " wrong " + wrong + " peak-heap-mb " + (peak >> 20)
                + " live-heap-mb " + (memory.getHeapMemoryUsage().getUsed() >> 20)
                + " max-heap-mb " + (Runtime.getRuntime().maxMemory() >> 20));
    }
}
