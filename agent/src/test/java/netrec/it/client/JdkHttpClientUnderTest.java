package netrec.it.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The JDK's {@link HttpClient} as most code uses it: its defaults (HTTP/2 preferred, so it tries ALPN h2 over TLS and
 * the h2c upgrade over plain HTTP), redirects followed, the system proxy settings, synchronous calls on its own executor.
 */
final class JdkHttpClientUnderTest implements ClientUnderTest {
    final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .proxy(java.net.ProxySelector.getDefault()).build();

    @Override
    public Response execute(String method, String url, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(),
                Headers.watched(name -> response.headers().firstValue(name).orElse(null)), response.body());
    }
}
