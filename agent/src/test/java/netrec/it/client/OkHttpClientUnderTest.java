package netrec.it.client;

import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/** OkHttp 4 with its platform TLS (ALPN offers h2 and http/1.1). */
final class OkHttpClientUnderTest implements ClientUnderTest {
    private final OkHttpClient client = new OkHttpClient();

    @Override
    public Response execute(String method, String url, Map<String, String> headers, byte[] body) throws Exception {
        Request.Builder builder = new Request.Builder().url(url);
        headers.forEach(builder::header);
        builder.method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/octet-stream")));
        try (okhttp3.Response response = client.newCall(builder.build()).execute()) {
            byte[] bytes = response.body() == null ? new byte[0] : response.body().bytes();
            return new Response(response.code(), Headers.watched(response::header), bytes);
        }
    }
}
