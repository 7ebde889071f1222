package netrec.tools.har;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import netrec.cassette.Body;
import netrec.cassette.CassetteException;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;
import netrec.tools.command.UsageException;
import netrec.tools.importing.ImportedRecording;

/**
 * {@code java -jar netrec.jar har-import HAR CASSETTE [--redact NAMES]}: a HAR file (as a browser's developer tools
 * or {@code netrec har} save it) into a cassette that replays, as one recording file named after the HAR file.
 *
 * <p>Each entry with an HTTP or HTTPS URL and a response becomes an interaction: its request (pseudo-headers of
 * HTTP/2 left out, the body from {@code postData}) and its response. HAR keeps a response's content decoded, so the
 * {@code Content-Encoding} header is taken out and {@code Content-Length}, when present, is set to the content's
 * length. Headers named by {@code --redact} (by default those the agent redacts) are written as netrec's redacted
 * placeholder. {@code startedDateTime} plus {@code time} becomes {@code recorded-at}, when the response was
 * complete. HAR keeps no certificates: HTTPS servers are written with TLS 1.3 and no chain, so a client that checks
 * the server's certificate after the handshake (a hostname verifier) refuses the replayed connection.
 */
public final class HarImport extends Tool {
    public HarImport() {
        super("har-import",
                "har-import HAR CASSETTE [--redact NAMES]",
                "                      a HAR file (a browser's, or har's) into CASSETTE, as one recording file that",
                "                      replays; NAMES (;-separated) are the headers to redact, by default the agent's");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
        List<String> paths = arguments.read(List.of("--redact"), List.of()).expect(2, "a HAR file and a cassette "
                + "directory");
        return importInto(Paths.get(paths.get(0)), Paths.get(paths.get(1)), arguments.value("--redact"), out);
    }

    /** Imports {@code har} into {@code cassette}, saying on {@code out} what was imported and what was skipped. */
    static int importInto(Path har, Path cassette, String redact, PrintStream out) throws IOException {
        if (!Files.isRegularFile(har)) {
            throw new UsageException(har + " is not a file; give the HAR file to import, then the cassette directory");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(har.toFile());
        } catch (IOException e) {
            throw new CassetteException(har + " is not a HAR file: it is not JSON (" + e.getMessage().split("\n", -1)[0]
                    + ")");
        }
        JsonNode entries = root == null ? null : root.path("log").get("entries");
        if (entries == null || !entries.isArray()) {
            throw new CassetteException(har + " is not a HAR file: it has no log.entries list. Save one from a "
                    + "browser's developer tools (Network, \"Save all as HAR\") or with java -jar netrec.jar har");
        }
        ImportedRecording recording = new ImportedRecording(cassette, redact);
        int skipped = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = new Entry(entries.get(i), i, har, recording, out);
            String why = entry.skipReason();
            if (why != null) {
                out.println("skipped entry " + (i + 1) + " (" + entry.method() + " " + entry.url() + "): " + why);
                skipped++;
                continue;
            }
            recording.add(entry.interaction());
        }
        Path file = recording.write(har.getFileName().toString().replaceFirst("\\.har$", ""));
        int imported = recording.interactions();
        out.println("imported " + imported + " interactions from " + har + (file == null ? "" : " into " + file)
                + (skipped == 0 ? "" : "; skipped " + skipped + " (see above)"));
        return imported == 0 ? 1 : 0;
    }

    /** One entry of {@code log.entries}; problems name it by its number and URL. */
    private static final class Entry {
        private final JsonNode node;
        private final int index;
        private final Path har;
        private final ImportedRecording recording;
        private final PrintStream out;

        Entry(JsonNode node, int index, Path har, ImportedRecording recording, PrintStream out) {
            this.node = node;
            this.index = index;
            this.har = har;
            this.recording = recording;
            this.out = out;
        }

        String method() {
            return node.path("request").path("method").asText("?");
        }

        String url() {
            return node.path("request").path("url").asText("?");
        }

        /** Why this entry cannot be an interaction, or null when it can. */
        String skipReason() {
            String url = url().toLowerCase(Locale.ROOT);
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                return "not HTTP or HTTPS";
            }
            if (node.path("response").path("status").asInt(0) <= 0) {
                return "it got no response in the browser (status 0: failed, blocked or cancelled)";
            }
            return null;
        }

        Interaction interaction() throws IOException {
            URI uri;
            try {
                uri = new URI(url());
            } catch (URISyntaxException e) {
                throw problem("request.url '" + url() + "' is not a URL (" + e.getMessage() + ")");
            }
            String version = node.path("response").path("httpVersion").asText(
                    node.path("request").path("httpVersion").asText("")).toLowerCase(Locale.ROOT);
            String protocol = version.equals("h2") || version.startsWith("http/2") ? Interaction.HTTP_2
                    : Interaction.HTTP_1_1;
            String address = node.path("serverIPAddress").asText("").replaceAll("^\\[|\\]$", "");
            Server server = ImportedRecording.server(uri, protocol, address.isEmpty() ? null : address);

            JsonNode postData = node.path("request").path("postData");
            Body requestBody = body(postData.path("text"), postData.path("encoding"));
            RecordedRequest request = new RecordedRequest(requiredMethod(), url(),
                    headers(node.path("request").path("headers"), null), requestBody);

            JsonNode content = node.path("response").path("content");
            Body responseBody = body(content.path("text"), content.path("encoding"));
            if (content.path("text").isMissingNode() && content.path("size").asLong(0) > 0) {
                out.println("note: entry " + (index + 1) + " (" + method() + " " + url() + "): the HAR has no "
                        + "content text (size " + content.path("size").asLong() + "), so it replays with an empty body");
            }
            RecordedResponse response = new RecordedResponse(node.path("response").path("status").asInt(),
                    protocol.equals(Interaction.HTTP_2) ? null : node.path("response").path("statusText").asText(""),
                    headers(node.path("response").path("headers"), responseBody), responseBody);
            return new Interaction(recordedAt(), server, protocol, request, response, null);
        }

        private Instant recordedAt() {
            String started = node.path("startedDateTime").asText("");
            try {
                return OffsetDateTime.parse(started).toInstant()
                        .plusNanos((long) (node.path("time").asDouble(0) * 1_000_000));
            } catch (DateTimeParseException e) {
                throw problem("startedDateTime '" + started + "' is not an ISO 8601 date and time");
            }
        }

        /**
         * The headers as netrec keeps them: HTTP/2 pseudo-headers left out, redacted names replaced. For a response
         * ({@code content} not null): no Content-Encoding, since HAR content is decoded, and Content-Length its size.
         */
        private Headers headers(JsonNode list, Body content) {
            List<Headers.Field> fields = new ArrayList<>();
            for (JsonNode header : list) {
                String name = header.path("name").asText("");
                String value = header.path("value").asText("");
                if (name.isEmpty() || name.startsWith(":")) {
                    continue;
                }
                if (content != null && name.equalsIgnoreCase("Content-Encoding")) {
                    continue;
                }
                if (content != null && name.equalsIgnoreCase("Content-Length")) {
                    value = String.valueOf(content.size());
                }
                fields.add(recording.header(name, value));
            }
            return Headers.of(fields);
        }

        private Body body(JsonNode text, JsonNode encoding) throws IOException {
            if (text.isMissingNode() || text.isNull() || text.asText().isEmpty()) {
                return Body.empty();
            }
            byte[] bytes;
            if ("base64".equalsIgnoreCase(encoding.asText(""))) {
                try {
                    bytes = Base64.getMimeDecoder().decode(text.asText());
                } catch (IllegalArgumentException e) {
                    throw problem("a body says encoding base64 but is not base64 (" + e.getMessage() + ")");
                }
            } else {
                bytes = text.asText().getBytes(StandardCharsets.UTF_8);
            }
            return recording.body(bytes);
        }

        private String requiredMethod() {
            String method = node.path("request").path("method").asText("");
            if (method.isEmpty()) {
                throw problem("request.method is missing");
            }
            return method;
        }

        private CassetteException problem(String what) {
            return new CassetteException(har + ": entry " + (index + 1) + " (log.entries[" + index + "], "
                    + node.path("request").path("url").asText("no URL") + "): " + what
                    + "; fix or remove that entry, or save the HAR again");
        }
    }
}
