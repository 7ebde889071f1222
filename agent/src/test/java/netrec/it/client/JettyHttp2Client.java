package netrec.it.client;

import java.util.Map;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12's HttpClient on its HTTP/2 transport: h2 over TLS by ALPN, and h2c with prior knowledge over plain HTTP;
 * the JDK's default trust, redirects followed, bodies left as sent.
 */
final class JettyHttp2Client implements ClientUnderTest {
    private final HttpClient client;

    JettyHttp2Client() throws Exception {
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(new SslContextFactory.Client());
        client = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client(connector)));
        client.setFollowRedirects(true);
        client.start();
        client.getContentDecoderFactories().clear();
    }

    @Override
    public Response execute(String method, String url, Map<String, String> headers, byte[] body) throws Exception {
        Request request = client.newRequest(url).method(method);
        request.headers(h -> headers.forEach(h::put));
        if (body != null) {
            request.body(new BytesRequestContent(body));
        }
        ContentResponse response = new CompletableResponseListener(request, 16 * 1024 * 1024).send().get();
        return new Response(response.getStatus(), Headers.watched(name -> response.getHeaders().get(name)),
                response.getContent());
    }
}
