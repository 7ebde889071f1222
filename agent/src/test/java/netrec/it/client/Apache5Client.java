package netrec.it.client;

import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Apache HttpClient 5 classic, pooled, with system properties (trust store) and no decompression. */
final class Apache5Client implements ClientUnderTest {
    private final CloseableHttpClient client = HttpClients.custom().useSystemProperties().disableContentCompression()
            .build();

    @Override
    public Response execute(String method, String url, Map<String, String> headers, byte[] body) throws Exception {
        HttpUriRequestBase request = new HttpUriRequestBase(method, java.net.URI.create(url));
        headers.forEach(request::addHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, null));
        }
        return client.execute(request, (ClassicHttpResponse response) -> {
            byte[] bytes = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            return new Response(response.getCode(), Headers.watched(name -> {
                Header header = response.getFirstHeader(name);
                return header == null ? null : header.getValue();
            }), bytes);
        });
    }
}
