package netrec.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.Tls;
import netrec.cassette.yaml.CassetteYaml;
import netrec.cassette.yaml.RecordingFile;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.record.Recorder;

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
final class HarImport {
    private final Path har;
    private final Path cassette;
    private final AgentOptions redaction;
    private final PrintStream out;

    HarImport(Path har, Path cassette, String redact, PrintStream out) {
        this.har = har;
        this.cassette = cassette;
        this.redaction = AgentOptions.parse(redact == null ? "off" : "off,redact=" + redact, java.util.Map.of());
        this.out = out;
    }

    int run() throws IOException {
        if (!Files.isRegularFile(har)) {
            throw new UsageException(har + " is not a file; give the HAR file to import, then the cassette directory");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(har.toFile());
        } catch (IOException e) {
            throw new CassetteException(har + " is not a HAR file: it is not JSON (" + e.getMessage().split("\n")[0]
                    + ")");
        }
        JsonNode entries = root == null ? null : root.path("log").get("entries");
        if (entries == null || !entries.isArray()) {
            throw new CassetteException(har + " is not a HAR file: it has no log.entries list. Save one from a "
                    + "browser's developer tools (Network, \"Save all as HAR\") or with java -jar netrec.jar har");
        }
        CassetteLayout layout = new CassetteLayout(cassette);
        BodyStore bodies = new BodyStore(layout);
        List<String> yaml = new ArrayList<>();
        Set<String> looked = new HashSet<>();
        int skipped = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = new Entry(entries.get(i), i);
            String why = entry.skipReason();
            if (why != null) {
                out.println("skipped entry " + (i + 1) + " (" + entry.method() + " " + entry.url() + "): " + why);
                skipped++;
                continue;
            }
            Interaction interaction = entry.interaction(bodies);
            String host = interaction.server().host();
            String address = interaction.server().address();
            if (address != null && !host.equals(address) && looked.add(host)) {
                yaml.add(CassetteYaml.entry(new HostLookup(interaction.recordedAt(), host, List.of(address))));
            }
            yaml.add(CassetteYaml.entry(interaction));
        }
        String name = har.getFileName().toString().replaceFirst("\\.har$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        RecordingFile file = RecordingFile.named(layout, Instant.now(), name.isEmpty() ? "har" : name);
        yaml.forEach(file::append);
        file.close();
        int imported = yaml.size() - looked.size();
        out.println("imported " + imported + " interactions from " + har + (file.path() == null ? ""
                : " into " + file.path()) + (skipped == 0 ? "" : "; skipped " + skipped + " (see above)"));
        return imported == 0 ? 1 : 0;
    }

    /** One entry of {@code log.entries}; problems name it by its number and URL. */
    private final class Entry {
        private final JsonNode node;
        private final int index;

        Entry(JsonNode node, int index) {
            this.node = node;
            this.index = index;
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

        Interaction interaction(BodyStore bodies) throws IOException {
            URI uri;
            try {
                uri = new URI(url());
            } catch (URISyntaxException e) {
                throw problem("request.url '" + url() + "' is not a URL (" + e.getMessage() + ")");
            }
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
            String version = node.path("response").path("httpVersion").asText(
                    node.path("request").path("httpVersion").asText("")).toLowerCase(Locale.ROOT);
            String protocol = version.equals("h2") || version.startsWith("http/2") ? Interaction.HTTP_2
                    : Interaction.HTTP_1_1;
            String address = node.path("serverIPAddress").asText("").replaceAll("^\\[|\\]$", "");
            Tls tls = https ? new Tls("TLSv1.3", "TLS_AES_128_GCM_SHA256",
                    protocol.equals(Interaction.HTTP_2) ? "h2" : "http/1.1", null) : null;
            Server server = new Server(uri.getHost(), port, address.isEmpty() ? null : address, null, tls);

            JsonNode postData = node.path("request").path("postData");
            Body requestBody = body(bodies, postData.path("text"), postData.path("encoding"));
            RecordedRequest request = new RecordedRequest(requiredMethod(), url(),
                    headers(node.path("request").path("headers"), null), requestBody);

            JsonNode content = node.path("response").path("content");
            Body responseBody = body(bodies, content.path("text"), content.path("encoding"));
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
                fields.add(new Headers.Field(name, redaction.redacts(name) ? Recorder.REDACTED : value));
            }
            return Headers.of(fields);
        }

        private Body body(BodyStore bodies, JsonNode text, JsonNode encoding) throws IOException {
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
            BodyStore.BodyWriter writer = bodies.newBody();
            writer.write(bytes, 0, bytes.length);
            return writer.finish();
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
