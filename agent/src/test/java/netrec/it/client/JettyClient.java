package netrec.it.client;

import java.util.Map;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12's HttpClient: NIO selectors and SSLEngine, the JDK's default trust, redirects followed, bodies left as
 * sent (no gzip decoding).
 */
final class JettyClient implements ClientUnderTest {
    private final HttpClient client;

    JettyClient() throws Exception {
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(new SslContextFactory.Client());
        client = new HttpClient(new org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP(connector));
        String proxyHost = System.getProperty("https.proxyHost");
        if (proxyHost != null) {
            client.getProxyConfiguration().addProxy(new HttpProxy(proxyHost,
                    Integer.parseInt(System.getProperty("https.proxyPort"))));
        }
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
