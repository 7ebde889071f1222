package example.weather;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Weather alerts for a region, from the weather API, through OkHttp. */
public final class AlertService {
    private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"([^\"]*)\"");

    private final OkHttpClient client = new OkHttpClient();
    private final String api;

    public AlertService(String api) {
        this.api = api;
    }

    public List<String> alerts(String region) throws IOException {
        Request request = new Request.Builder().url(api + "/v1/alerts?region=" + region).build();
        try (Response response = client.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new IOException("alerts for " + region + ": HTTP " + response.code());
            }
            List<String> titles = new ArrayList<>();
            Matcher title = TITLE.matcher(response.body().string());
            while (title.find()) {
                titles.add(title.group(1));
            }
            return titles;
        }
    }
}
