package netrec.it.client;

import java.util.Map;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.H2AsyncClientBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;

/**
 * Apache HttpClient 5's async HTTP/2 client: NIO reactor, h2 over TLS by ALPN with the JDK's trust (system
 * properties), h2c with prior knowledge over plain HTTP, redirects followed.
 */
final class Apache5AsyncHttp2Client implements ClientUnderTest {
    private final CloseableHttpAsyncClient client = H2AsyncClientBuilder.create()
            .setTlsStrategy(ClientTlsStrategyBuilder.create().useSystemProperties().build())
            .build();

    Apache5AsyncHttp2Client() {
        client.start();
    }

    @Override
    public Response execute(String method, String url, Map<String, String> headers, byte[] body) throws Exception {
        SimpleHttpRequest request = SimpleHttpRequest.create(method, url);
        headers.forEach(request::addHeader);
        if (body != null) {
            request.setBody(body, ContentType.APPLICATION_OCTET_STREAM);
        }
        SimpleHttpResponse response = client.execute(request, null).get();
        byte[] bytes = response.getBodyBytes() == null ? new byte[0] : response.getBodyBytes();
        return new Response(response.getCode(), Headers.watched(name -> {
            Header header = response.getFirstHeader(name);
            return header == null ? null : header.getValue();
        }), bytes);
    }
}
