package netrec.it.pace;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

/**
 * Reads server-sent events from a URL, through HttpURLConnection ({@code urlconnection}) or the JDK HttpClient
 * ({@code jdkhttp}), printing each event's data and the milliseconds since the request was sent.
 */
public final class EventsMain {
    private EventsMain() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        if (args[0].equals("jdkhttp")) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(URI.create(args[1])).build(),
                    HttpResponse.BodyHandlers.ofLines());
            response.body().forEach(line -> print(line, start));
        } else {
            try (InputStream in = new URL(args[1]).openStream()) {
                StringBuilder line = new StringBuilder();
                byte[] buffer = new byte[1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            print(line.toString(), start);
                            line.setLength(0);
                        } else {
                            line.append((char) buffer[i]);
                        }
                    }
                }
            }
        }
    }

    private static void print(String line, long start) {
        if (line.startsWith("data: ")) {
            System.out.println(line.substring(6) + " " + (System.nanoTime() - start) / 1_000_000L);
            System.out.flush();
        }
    }
}
