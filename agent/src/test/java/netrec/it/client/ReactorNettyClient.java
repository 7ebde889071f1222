package netrec.it.client;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;

/**
 * Reactor Netty's HttpClient (the engine under Spring WebClient) with its defaults: Netty's event loops, Netty's own
 * DNS resolver, TLS from Netty's SslHandler, the system proxy settings, redirects followed.
 */
final class ReactorNettyClient implements ClientUnderTest {
    private final HttpClient client = HttpClient.create().followRedirect(true).proxyWithSystemProperties();

    @Override
    public Response execute(String method, String url, Map<String, String> headers, byte[] body) throws Exception {
        Response response = client.headers(h -> headers.forEach(h::set))
                .request(HttpMethod.valueOf(method))
                .uri(url)
                .send(body == null ? Mono.empty() : ByteBufMono.fromString(Mono.just(
                        new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)),
                        java.nio.charset.StandardCharsets.ISO_8859_1, io.netty.buffer.ByteBufAllocator.DEFAULT))
                .responseSingle((head, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new Response(head.status().code(),
                                Headers.watched(name -> head.responseHeaders().get(name)), bytes)))
                .block(Duration.ofMinutes(1));
        return response;
    }
}
