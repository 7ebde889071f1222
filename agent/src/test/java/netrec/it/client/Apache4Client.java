package netrec.it.client;

import java.util.Map;
import org.apache.http.Header;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/** Apache HttpClient 4.5 with its pooling connection manager; bodies left as sent (no decompression). */
final class Apache4Client implements ClientUnderTest {
    private final CloseableHttpClient client = HttpClients.custom().useSystemProperties().disableContentCompression()
            .build();

    @Override
    public Response execute(String method, String url, Map<String, String> headers, byte[] body) throws Exception {
        RequestBuilder builder = RequestBuilder.create(method).setUri(url);
        headers.forEach(builder::addHeader);
        if (body != null) {
            builder.setEntity(new ByteArrayEntity(body));
        }
        try (CloseableHttpResponse response = client.execute(builder.build())) {
            byte[] bytes = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            return new Response(response.getStatusLine().getStatusCode(), Headers.watched(name -> {
                Header header = response.getFirstHeader(name);
                return header == null ? null : header.getValue();
            }), bytes);
        }
    }

}
