package netrec.it.client;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

/**
 * Reactor Netty's HttpClient asked for HTTP/2: h2 over TLS by ALPN, h2c with prior knowledge over plain HTTP; Netty's
 * event loops and SslHandler, redirects followed.
 */
final class ReactorNettyHttp2Client implements ClientUnderTest {
    private final HttpClient client = HttpClient.create().protocol(HttpProtocol.H2, HttpProtocol.H2C)
            .followRedirect(true);

    @Override
    public Response execute(String method, String url, Map<String, String> headers, byte[] body) throws Exception {
        return client.headers(h -> headers.forEach(h::set))
                .request(HttpMethod.valueOf(method))
                .uri(url)
                .send(body == null ? Mono.empty() : ByteBufMono.fromString(Mono.just(
                        new String(body, StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1,
                        ByteBufAllocator.DEFAULT))
                .responseSingle((head, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new Response(head.status().code(),
                                Headers.watched(name -> head.responseHeaders().get(name)), bytes)))
                .block(Duration.ofMinutes(1));
    }
}
