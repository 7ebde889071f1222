package netrec.it.client;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Map;

/** {@link HttpURLConnection} / HttpsURLConnection, keep-alive on, redirects followed. */
final class UrlConnectionClient implements ClientUnderTest {
    @Override
    public Response execute(String method, String url, Map<String, String> headers, byte[] body) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setRequestMethod(method);
        headers.forEach(connection::setRequestProperty);
        if (body != null) {
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        byte[] bytes;
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            bytes = in == null ? new byte[0] : in.readAllBytes();
        }
        return new Response(status, Headers.watched(connection::getHeaderField), bytes);
    }
}
