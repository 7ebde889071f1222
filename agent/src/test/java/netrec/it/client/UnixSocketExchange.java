package netrec.it.client;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A ping and its answer over a Unix domain socket channel, as a local IPC client and server would exchange. */
final class UnixSocketExchange {
    private UnixSocketExchange() {
    }

    static String pingPong() throws IOException {
        Path folder = Files.createTempDirectory("netrec-unix");
        Path path = folder.resolve("socket");
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address);
            try (SocketChannel client = SocketChannel.open(address); SocketChannel accepted = server.accept()) {
                client.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer received = ByteBuffer.allocate(4);
                accepted.read(received);
                accepted.write(ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer answer = ByteBuffer.allocate(4);
                client.read(answer);
                return new String(received.array(), StandardCharsets.US_ASCII) + "/"
                        + new String(answer.array(), StandardCharsets.US_ASCII);
            }
        } finally {
            Files.deleteIfExists(path);
            Files.deleteIfExists(folder);
        }
    }
}
