package netrec.it.tcp;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Redis over an {@code AsynchronousSocketChannel}, in every form its operations take: a connect and a gathering write
 * completed through handlers, a scattering read and single-buffer reads and writes through futures
 * ({@code AsyncChannelRedisMain PORT}). Prints each answer; exit 3 with the failure on stdout.
 */
public final class AsyncChannelRedisMain {
    private AsyncChannelRedisMain() {
    }

    public static void main(String[] args) throws Exception {
        try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
            CompletableFuture<Void> connected = new CompletableFuture<>();
            channel.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), null,
                    new CompletionHandler<Void, Void>() {
                        @Override
                        public void completed(Void result, Void attachment) {
                            connected.complete(null);
                        }

                        @Override
                        public void failed(Throwable failure, Void attachment) {
                            connected.completeExceptionally(failure);
                        }
                    });
            connected.get(20, TimeUnit.SECONDS);

            CompletableFuture<Long> written = new CompletableFuture<>();
            ByteBuffer[] command = {bytes("*3\r\n$3\r\nSET\r\n"), bytes("$4\r\nlang\r\n"), bytes("$4\r\njava\r\n")};
            channel.write(command, 0, command.length, 20, TimeUnit.SECONDS, null, new CompletionHandler<Long, Void>() {
                @Override
                public void completed(Long result, Void attachment) {
                    written.complete(result);
                }

                @Override
                public void failed(Throwable failure, Void attachment) {
                    written.completeExceptionally(failure);
                }
            });
            System.out.println("gathering write: " + written.get(20, TimeUnit.SECONDS) + " bytes");
            System.out.println("set: " + answer(channel));

            channel.write(bytes("*2\r\n$3\r\nGET\r\n$4\r\nlang\r\n")).get(20, TimeUnit.SECONDS);
            ByteBuffer[] parts = {ByteBuffer.allocate(4), ByteBuffer.allocate(64)};
            CompletableFuture<Long> read = new CompletableFuture<>();
            channel.read(parts, 0, 2, 20, TimeUnit.SECONDS, null, new CompletionHandler<Long, Void>() {
                @Override
                public void completed(Long result, Void attachment) {
                    read.complete(result);
                }

                @Override
                public void failed(Throwable failure, Void attachment) {
                    read.completeExceptionally(failure);
                }
            });
            read.get(20, TimeUnit.SECONDS);
            String got = (text(parts[0]) + text(parts[1])).trim().replace("\r\n", " ");
            System.out.println("get (scattering read): " + got);

            channel.write(bytes("*1\r\n$4\r\nPING\r\n")).get(20, TimeUnit.SECONDS);
            System.out.println("ping: " + answer(channel));
            System.exit(0);
        } catch (Exception e) {
            System.out.println("FAILED: " + e);
            System.exit(3);
        }
    }

    private static String answer(AsynchronousSocketChannel channel) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        channel.read(buffer).get(20, TimeUnit.SECONDS);
        return text(buffer).trim();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(ByteBuffer buffer) {
        buffer.flip();
        return StandardCharsets.ISO_8859_1.decode(buffer).toString();
    }
}
