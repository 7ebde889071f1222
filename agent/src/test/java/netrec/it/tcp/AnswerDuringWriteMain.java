package netrec.it.tcp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLSocketFactory;

/**
 * A client whose answer comes while its own write is still going: {@code HOST PORT plain|tls ANSWERED} greets the
 * server ({@code HI}), then one thread writes {@code BIG} and 256 KiB in one write while this thread reads the answer
 * the server gives at the first bytes ({@code OK}) and makes the file {@code ANSWERED} (the server reads the rest
 * once it is there), then says {@code BYE}. Prints each answer and whether the answer came
 * before the write returned; exit 3 with the failure on stdout.
 */
public final class AnswerDuringWriteMain {
    private AnswerDuringWriteMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Socket socket = args[2].equals("tls")
                ? SSLSocketFactory.getDefault().createSocket(args[0], Integer.parseInt(args[1]))
                : new Socket(args[0], Integer.parseInt(args[1]))) {
            socket.setSoTimeout(20_000);
            socket.setSendBufferSize(4096);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write("HI\n".getBytes(StandardCharsets.US_ASCII));
            System.out.println(in.readLine());
            CountDownLatch written = new CountDownLatch(1);
            Throwable[] failure = new Throwable[1];
            Thread writer = new Thread(() -> {
                try {
                    out.write(big());
                } catch (Throwable t) {
                    failure[0] = t;
                }
                written.countDown();
            }, "big-writer");
            writer.start();
            System.out.println(in.readLine());
            System.out.println("answered before the write returned: " + (written.getCount() == 1));
            Files.write(Paths.get(args[3]), new byte[0]);
            written.await();
            if (failure[0] != null) {
                throw new IllegalStateException("the big write failed", failure[0]);
            }
            out.write("BYE\n".getBytes(StandardCharsets.US_ASCII));
            System.out.println(in.readLine());
            System.exit(0);
        } catch (Exception e) {
            System.out.println("FAILED: " + e);
            System.out.flush();
            System.exit(3);
        }
    }

    private static byte[] big() {
        byte[] bytes = new byte[4 + 256 * 1024 + 1];
        Arrays.fill(bytes, (byte) 'x');
        System.arraycopy("BIG ".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }
}
