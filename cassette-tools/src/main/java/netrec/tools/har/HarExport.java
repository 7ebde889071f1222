package netrec.tools.har;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.cassette.Pace;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.yaml.CassetteReader;
import netrec.tools.command.Arguments;
import netrec.tools.command.NetrecVersion;
import netrec.tools.command.Tool;

/**
 * {@code java -jar netrec.jar har CASSETTE}: the cassette as HAR 1.2, streamed, one entry per interaction in recorded
 * order. Headers are written as the cassette keeps them, so redacted values stay redacted. Bodies: text as text,
 * anything else base64 ({@code "encoding": "base64"}, in {@code postData} too); a gzip or deflate response is
 * written decoded, as HAR wants its content (other content codings stay as sent, base64). Times: the cassette knows
 * when each response was complete ({@code recorded-at}) and, where it took its time, when its head and the parts of
 * its body came after the request ({@code pace:}, format 5): {@code wait} is the head's time, {@code receive} the
 * body's, {@code time} their sum, and {@code startedDateTime} that much before the response was complete. A response
 * that came at once (no pace) has 0 for each. Interactions that got no response, and raw TCP conversations, are
 * left out (HAR has no place for them), and named on stderr; a WebSocket is its handshake (the 101), without its
 * messages.
 */
public final class HarExport extends Tool {
    public HarExport() {
        super("har",
                "har CASSETTE        the cassette as HAR 1.2 on standard output (java -jar netrec.jar har C > c.har)");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
        Path directory = Arguments.existingDirectory(arguments.read(List.of(), List.of()).expect(1, "one cassette")
                .get(0));
        write(directory, out, err::println, NetrecVersion.get());
        out.flush();
        return 0;
    }

    /** Streams the cassette in {@code directory} to {@code out} as HAR; what HAR cannot hold is said to warnings. */
    static void write(Path directory, OutputStream out, Consumer<String> warnings, String netrecVersion)
            throws IOException {
        BodyStore bodies = new BodyStore(new CassetteLayout(directory));
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeObjectFieldStart("log");
            json.writeStringField("version", "1.2");
            json.writeObjectFieldStart("creator");
            json.writeStringField("name", "netrec");
            json.writeStringField("version", netrecVersion);
            json.writeEndObject();
            json.writeArrayFieldStart("entries");
            int[] left = {0};
            try {
                new CassetteReader(warnings).read(directory, interaction -> {
                    if (interaction.isTcp() || interaction.response().isUnanswered()) {
                        left[0]++;
                    } else {
                        try {
                            entry(json, interaction, bodies);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (left[0] > 0) {
                warnings.accept("netrec: har left out " + left[0] + " interaction(s) HAR has no place for (raw TCP "
                        + "conversations, requests that got no response)");
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    /** Milliseconds from the request sent to the response's head: its pace's first point; 0 without pace. */
    static long wait(RecordedResponse response) {
        List<Pace.Point> points = response.pace().points();
        return points.isEmpty() ? 0 : points.get(0).millis();
    }

    /** Milliseconds from the head to the body's last part; 0 without pace. */
    static long receive(RecordedResponse response) {
        List<Pace.Point> points = response.pace().points();
        return points.isEmpty() ? 0 : points.get(points.size() - 1).millis() - points.get(0).millis();
    }

    private static void entry(JsonGenerator json, Interaction interaction, BodyStore bodies) throws IOException {
        RecordedRequest request = interaction.request();
        RecordedResponse response = interaction.response();
        String version = Interaction.HTTP_2.equals(interaction.protocol()) ? "h2" : "HTTP/1.1";
        long wait = wait(response);
        long receive = receive(response);
        json.writeStartObject();
        json.writeStringField("startedDateTime", interaction.recordedAt().minusMillis(wait + receive).toString());
        json.writeNumberField("time", wait + receive);

        json.writeObjectFieldStart("request");
        json.writeStringField("method", request.method());
        json.writeStringField("url", request.uri());
        json.writeStringField("httpVersion", version);
        json.writeArrayFieldStart("cookies");
        json.writeEndArray();
        headers(json, request.headers());
        json.writeArrayFieldStart("queryString");
        String query = URI.create(request.uri()).getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                json.writeStartObject();
                json.writeStringField("name", decode(eq < 0 ? pair : pair.substring(0, eq)));
                json.writeStringField("value", eq < 0 ? "" : decode(pair.substring(eq + 1)));
                json.writeEndObject();
            }
        }
        json.writeEndArray();
        if (!request.body().isEmpty()) {
            json.writeObjectFieldStart("postData");
            json.writeStringField("mimeType", mimeType(request.headers()));
            text(json, bytes(request.body(), bodies));
            json.writeEndObject();
        }
        json.writeNumberField("headersSize", -1);
        json.writeNumberField("bodySize", request.body().size());
        json.writeEndObject();

        json.writeObjectFieldStart("response");
        json.writeNumberField("status", response.status());
        json.writeStringField("statusText", response.reason() == null ? "" : response.reason());
        json.writeStringField("httpVersion", version);
        json.writeArrayFieldStart("cookies");
        json.writeEndArray();
        headers(json, response.headers());
        json.writeObjectFieldStart("content");
        byte[] content = decoded(bytes(response.body(), bodies), response.headers().first("Content-Encoding"));
        json.writeNumberField("size", content.length);
        json.writeStringField("mimeType", mimeType(response.headers()));
        if (content.length > 0) {
            text(json, content);
        }
        json.writeEndObject();
        String location = response.headers().first("Location");
        json.writeStringField("redirectURL", location == null ? "" : location);
        json.writeNumberField("headersSize", -1);
        json.writeNumberField("bodySize", response.body().size());
        json.writeEndObject();

        json.writeObjectFieldStart("cache");
        json.writeEndObject();
        json.writeObjectFieldStart("timings");
        json.writeNumberField("send", 0);
        json.writeNumberField("wait", wait);
        json.writeNumberField("receive", receive);
        json.writeEndObject();
        if (interaction.server().address() != null && !interaction.server().address().isEmpty()) {
            json.writeStringField("serverIPAddress", interaction.server().address());
        }
        json.writeStringField("comment", interaction.source());
        json.writeEndObject();
    }

    private static void headers(JsonGenerator json, Headers headers) throws IOException {
        json.writeArrayFieldStart("headers");
        for (Headers.Field field : headers.fields()) {
            json.writeStartObject();
            json.writeStringField("name", field.name());
            json.writeStringField("value", field.value());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** {@code text}, with {@code "encoding": "base64"} unless the bytes are UTF-8 text. */
    private static void text(JsonGenerator json, byte[] bytes) throws IOException {
        String text = Message.readable(bytes);
        if (text != null) {
            json.writeStringField("text", text);
        } else {
            json.writeStringField("text", Base64.getEncoder().encodeToString(bytes));
            json.writeStringField("encoding", "base64");
        }
    }

    private static byte[] bytes(Body body, BodyStore bodies) throws IOException {
        try (InputStream in = bodies.open(body)) {
            return in.readAllBytes();
        }
    }

    /** The body with a gzip or deflate content coding taken off; as it is for any other coding, or a broken one. */
    private static byte[] decoded(byte[] body, String contentEncoding) {
        String coding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (body.length == 0 || !(coding.equals("gzip") || coding.equals("deflate"))) {
            return body;
        }
        try (InputStream in = coding.equals("gzip") ? new GZIPInputStream(new ByteArrayInputStream(body))
                : new InflaterInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            return body;
        }
    }

    private static String mimeType(Headers headers) {
        String type = headers.first("Content-Type");
        return type == null ? "" : type;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
