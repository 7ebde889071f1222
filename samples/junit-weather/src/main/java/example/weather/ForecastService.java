package example.weather;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Today's forecast for a city, from the weather API, through the JDK HttpClient. */
public final class ForecastService {
    private static final Pattern SKY = Pattern.compile("\"sky\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpClient client = HttpClient.newHttpClient();
    private final String api;

    public ForecastService(String api) {
        this.api = api;
    }

    public String sky(String city) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/v1/forecast?city=" + city))
                .header("Accept", "application/json").build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("forecast for " + city + ": HTTP " + response.statusCode());
        }
        Matcher sky = SKY.matcher(response.body());
        return sky.find() ? sky.group(1) : "unknown";
    }
}
