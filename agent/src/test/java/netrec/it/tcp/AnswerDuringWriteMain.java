package netrec.it.tcp;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLSocketFactory;

/**
 * A client whose answer comes while its own write is still going: {@code HOST PORT plain|tls|tls-first|channel
 * ANSWERED} (a socket, an SSLSocket, an SSLSocket whose first write, the one that makes the handshake, is the big one,
 * or a blocking SocketChannel written with {@code write(ByteBuffer)}) greets the
 * server ({@code HI}), then one thread writes {@code BIG} and 256 KiB in one write while this thread reads the answer
 * the server gives at the first bytes ({@code OK}) and makes the file {@code ANSWERED} (the server reads the rest
 * once it is there), then says {@code BYE}. Prints each answer and whether the answer came
 * before the write returned; exit 3 with the failure on stdout.
 */
public final class AnswerDuringWriteMain {
    private AnswerDuringWriteMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Closeable connection = connect(args[0], Integer.parseInt(args[1]), args[2])) {
            BufferedReader in = new BufferedReader(new InputStreamReader(input(connection), StandardCharsets.US_ASCII));
            OutputStream out = output(connection);
            if (!args[2].equals("tls-first")) {
                out.write("HI\n".getBytes(StandardCharsets.US_ASCII));
                System.out.println(in.readLine());
            }
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

    private static Closeable connect(String host, int port, String kind) throws IOException {
        if (kind.equals("channel")) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            return channel;
        }
        Socket socket = kind.startsWith("tls") ? SSLSocketFactory.getDefault().createSocket(host, port)
                : new Socket(host, port);
        socket.setSoTimeout(20_000);
        socket.setSendBufferSize(4096);
        return socket;
    }

    private static InputStream input(Closeable connection) throws IOException {
        return connection instanceof SocketChannel ? Channels.newInputStream((SocketChannel) connection)
                : ((Socket) connection).getInputStream();
    }

    /** A channel is written with its own write(ByteBuffer), which never waits for a read under way. */
    private static OutputStream output(Closeable connection) throws IOException {
        if (!(connection instanceof SocketChannel)) {
            return ((Socket) connection).getOutputStream();
        }
        SocketChannel channel = (SocketChannel) connection;
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    private static byte[] big() {
        byte[] bytes = new byte[4 + 256 * 1024 + 1];
        Arrays.fill(bytes, (byte) 'x');
        System.arraycopy("BIG ".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }
}
