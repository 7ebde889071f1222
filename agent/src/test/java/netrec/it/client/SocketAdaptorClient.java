package netrec.it.client;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Plain HTTP/1.0 over a blocking SocketChannel's {@code socket()} adaptor, as older libraries written against
 * {@code java.net.Socket} do when handed a channel: connect, write and read all go through the adaptor's streams.
 */
final class SocketAdaptorClient implements ClientUnderTest {
    @Override
    public Response execute(String method, String url, Map<String, String> headers, byte[] body) throws Exception {
        URI uri = URI.create(url);
        try (SocketChannel channel = SocketChannel.open()) {
            Socket socket = channel.socket();
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + uri.getRawPath() + " HTTP/1.0\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            int status = Integer.parseInt(text.substring(9, 12));
            byte[] content = text.substring(headEnd + 4).getBytes(StandardCharsets.ISO_8859_1);
            return new Response(status, Map.of(), content);
        }
    }
}
