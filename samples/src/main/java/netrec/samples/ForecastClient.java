package netrec.samples;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * An ordinary program that calls an HTTPS API with HttpsURLConnection and prints what it gets. It knows nothing of
 * netrec: the demo runs it under {@code -javaagent:netrec.jar=record} and then {@code =replay}.
 * Arguments: BASE_URL CITY...
 */
public final class ForecastClient {
    private ForecastClient() {
    }

    public static void main(String[] args) throws IOException {
        for (int i = 1; i < args.length; i++) {
            HttpURLConnection connection = (HttpURLConnection) new URL(args[0] + "/forecast?city=" + args[i])
                    .openConnection();
            try (InputStream in = connection.getInputStream()) {
                System.out.print(connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }
}
