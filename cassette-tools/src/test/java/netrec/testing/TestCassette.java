package netrec.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.tools.importing.ImportedRecording;

/**
 * A cassette written by a test, entry by entry as a recorder writes them (the format's own entry writer, bodies in
 * the cassette's store: short text inline, anything else a body file), into {@code interactions/NAME.yaml}.
 */
public final class TestCassette {
    /** When the test's interactions were recorded, one second apart from this on. */
    public static final Instant RECORDED = Instant.parse("2026-12-01T10:00:00Z");

    private final Path directory;
    private final ImportedRecording recording;
    private final List<Interaction> added = new ArrayList<>();

    public TestCassette(Path directory) {
        this.directory = directory;
        this.recording = new ImportedRecording(directory, "none");
    }

    /** Adds an HTTP/1.1 exchange; headers are name, value, name, value...; a body of null or "" is none. */
    public TestCassette exchange(String method, String uri, List<String> requestHeaders, byte[] requestBody,
            int status, List<String> responseHeaders, byte[] responseBody) throws IOException {
        RecordedRequest request = new RecordedRequest(method, uri, headers(requestHeaders), body(requestBody));
        RecordedResponse response = new RecordedResponse(status, reason(status), headers(responseHeaders),
                body(responseBody));
        return add(new Interaction(RECORDED.plusSeconds(added.size()),
                ImportedRecording.server(URI.create(uri), Interaction.HTTP_1_1, null), request, response, null));
    }

    /** A GET answered 200 with {@code body} of {@code contentType}. */
    public TestCassette get(String uri, String contentType, String body) throws IOException {
        return exchange("GET", uri, List.of(), null, 200, List.of("Content-Type", contentType),
                body.getBytes(StandardCharsets.UTF_8));
    }

    public TestCassette add(Interaction interaction) {
        recording.add(interaction);
        added.add(interaction);
        return this;
    }

    /** The body as a recorder keeps it: inline text when short and textual, else in {@code bodies/}. */
    public Body body(byte[] bytes) throws IOException {
        return bytes == null ? Body.empty() : recording.body(bytes);
    }

    /** Writes what was added as {@code interactions/NAME.yaml}; returns the cassette directory. */
    public Path write(String name) throws IOException {
        recording.write(name);
        return directory;
    }

    public static Headers headers(List<String> namesAndValues) {
        List<Headers.Field> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            fields.add(new Headers.Field(namesAndValues.get(i), namesAndValues.get(i + 1)));
        }
        return Headers.of(fields);
    }

    private static String reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 201:
                return "Created";
            case 404:
                return "Not Found";
            default:
                return "";
        }
    }
}
