package netrec.it.client;

import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12's HttpClient: NIO selectors and SSLEngine, the JDK's default trust, redirects followed, bodies left as
 * sent (no gzip decoding). On its HTTP/1.1 transport (with the system's HTTPS proxy), or on its HTTP/2 one: h2 by
 * ALPN over TLS, h2c with prior knowledge over plain HTTP.
 */
final class JettyClient implements ClientUnderTest {
    private final HttpClient client;

    private JettyClient(Function<ClientConnector, HttpClientTransport> transport) throws Exception {
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(new SslContextFactory.Client());
        client = new HttpClient(transport.apply(connector));
        String proxyHost = System.getProperty("https.proxyHost");
        if (proxyHost != null) {
            client.getProxyConfiguration().addProxy(new HttpProxy(proxyHost,
                    Integer.parseInt(System.getProperty("https.proxyPort"))));
        }
        client.setFollowRedirects(true);
        client.start();
        client.getContentDecoderFactories().clear();
    }

    static JettyClient overHttp11() throws Exception {
        return new JettyClient(HttpClientTransportOverHTTP::new);
    }

    static JettyClient overHttp2() throws Exception {
        return new JettyClient(connector -> new HttpClientTransportOverHTTP2(new HTTP2Client(connector)));
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
