package netrec.tools.wiremock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.cassette.Body;
import netrec.cassette.CassetteException;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;
import netrec.tools.command.UsageException;
import netrec.tools.importing.ImportedRecording;

/**
 * {@code java -jar netrec.jar wiremock-import MAPPINGS CASSETTE --base-url URL [--redact NAMES]}: WireMock stub
 * mappings, as WireMock's recorder saves them (a root directory with {@code mappings/} and {@code __files/}, or one
 * JSON file of mappings), into a cassette that replays, for a team moving its recordings over to netrec.
 *
 * <p>A mapping says no host, so {@code --base-url} names the server the client calls. Each mapping with one method
 * and a concrete URL ({@code url}, or {@code urlPath} with {@code equalTo} query parameters) becomes an interaction:
 * its request (headers and body from {@code equalTo} matchers; an {@code equalToJson} body as its JSON) and its
 * response ({@code body}, {@code jsonBody}, {@code base64Body} or {@code bodyFileName}). Mappings of one scenario come
 * in the order the scenario steps through them, so repeated requests replay in that order; the others in the
 * order of their files. What cannot be one recorded request (a URL pattern, any method, a fault, a proxy) is skipped
 * and named. A response without Content-Length or Transfer-Encoding gets a Content-Length, as WireMock would send.
 */
public final class WireMockImport extends Tool {
    private static final ObjectMapper JSON = new ObjectMapper();

    public WireMockImport() {
        super("wiremock-import",
                "wiremock-import MAPPINGS CASSETTE --base-url URL [--redact NAMES]",
                "                      WireMock's recorded mappings (its root directory, or a JSON file) into CASSETTE,",
                "                      for the server at URL");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
        List<String> paths = arguments.read(List.of("--base-url", "--redact"), List.of()).expect(2, "WireMock's "
                + "mappings (its root directory, or a JSON file) and a cassette directory");
        return importInto(Paths.get(paths.get(0)), Paths.get(paths.get(1)), baseUrl(arguments.value("--base-url")),
                arguments.value("--redact"), out);
    }

    /** {@code --base-url}, checked: the server the imported requests go to. */
    static URI baseUrl(String given) {
        if (given == null) {
            throw new UsageException("wiremock-import needs --base-url URL: mappings name no host, so say which "
                    + "server the client calls (https://api.example.com)");
        }
        URI baseUrl;
        try {
            baseUrl = new URI(given.replaceFirst("/+$", ""));
        } catch (URISyntaxException e) {
            throw new UsageException("--base-url " + given + " is not a URL: " + e.getMessage());
        }
        if (baseUrl.getHost() == null || !List.of("http", "https").contains(
                String.valueOf(baseUrl.getScheme()).toLowerCase(Locale.ROOT))) {
            throw new UsageException("--base-url " + given + " needs http:// or https:// and a host");
        }
        return baseUrl;
    }

    /** Imports the mappings of {@code source} into {@code cassette}, saying what was imported and what skipped. */
    static int importInto(Path source, Path cassette, URI baseUrl, String redact, PrintStream out) throws IOException {
        ImportedRecording recording = new ImportedRecording(cassette, redact);
        List<Mapping> mappings = inOrder(read(source));
        int skipped = 0;
        Instant at = Instant.now();
        for (Mapping mapping : mappings) {
            String why = mapping.skipReason();
            if (why != null) {
                out.println("skipped " + mapping.name() + ": " + why);
                skipped++;
                continue;
            }
            recording.add(mapping.interaction(at, baseUrl, recording));
        }
        Path file = recording.write(source.getFileName().toString().replaceFirst("\\.json$", ""));
        out.println("imported " + recording.interactions() + " interactions from " + source + (file == null ? ""
                : " into " + file) + (skipped == 0 ? "" : "; skipped " + skipped + " (see above)"));
        return recording.interactions() == 0 ? 1 : 0;
    }

    /** Every mapping of the source, in the order of its files and, within a file, of its list. */
    private static List<Mapping> read(Path source) throws IOException {
        List<Path> files = new ArrayList<>();
        Path filesDirectory;
        if (Files.isDirectory(source)) {
            Path mappings = Files.isDirectory(source.resolve("mappings")) ? source.resolve("mappings") : source;
            try (Stream<Path> list = Files.list(mappings)) {
                files = list.filter(f -> f.toString().endsWith(".json")).sorted().collect(Collectors.toList());
            }
            filesDirectory = (mappings.equals(source) ? source.getParent() : source).resolve("__files");
        } else if (Files.isRegularFile(source)) {
            files.add(source);
            filesDirectory = source.toAbsolutePath().getParent().resolve("__files");
        } else {
            throw new UsageException(source + " does not exist; give WireMock's root directory (with mappings/) or "
                    + "a JSON file of mappings");
        }
        List<Mapping> mappings = new ArrayList<>();
        for (Path file : files) {
            JsonNode root;
            try {
                root = JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new CassetteException(file + " is not JSON: " + e.getMessage().split("\n", -1)[0]);
            }
            JsonNode list = root.has("mappings") ? root.get("mappings") : root;
            Iterator<JsonNode> each = list.isArray() ? list.elements() : List.of(list).iterator();
            int index = 0;
            while (each.hasNext()) {
                JsonNode node = each.next();
                if (!node.has("request") || !node.has("response")) {
                    throw new CassetteException(file + (list.isArray() ? " mapping " + (index + 1) : "") + " is not a "
                            + "WireMock stub mapping: it needs \"request\" and \"response\"");
                }
                mappings.add(new Mapping(node, file.getFileName() + (list.isArray() ? "#" + (index + 1) : ""),
                        filesDirectory, source));
                index++;
            }
        }
        if (mappings.isEmpty()) {
            throw new CassetteException(source + " holds no WireMock mappings (no .json files with request and "
                    + "response)");
        }
        return mappings;
    }

    /** Mappings of a scenario put where its first one was, in the order the scenario's states lead through them. */
    private static List<Mapping> inOrder(List<Mapping> mappings) {
        Map<String, List<Mapping>> scenarios = new LinkedHashMap<>();
        for (Mapping mapping : mappings) {
            String scenario = mapping.node().path("scenarioName").asText("");
            if (!scenario.isEmpty()) {
                scenarios.computeIfAbsent(scenario, s -> new ArrayList<>()).add(mapping);
            }
        }
        List<Mapping> ordered = new ArrayList<>();
        for (Mapping mapping : mappings) {
            String scenario = mapping.node().path("scenarioName").asText("");
            if (scenario.isEmpty()) {
                ordered.add(mapping);
            } else if (scenarios.containsKey(scenario)) {
                ordered.addAll(byStates(scenarios.remove(scenario)));
            }
        }
        return ordered;
    }

    private static List<Mapping> byStates(List<Mapping> scenario) {
        Map<String, Mapping> byState = new HashMap<>();
        for (Mapping mapping : scenario) {
            byState.putIfAbsent(mapping.node().path("requiredScenarioState").asText("Started"), mapping);
        }
        List<Mapping> ordered = new ArrayList<>();
        Mapping next = byState.get("Started");
        while (next != null && !ordered.contains(next)) {
            ordered.add(next);
            next = byState.get(next.node().path("newScenarioState").asText(""));
        }
        scenario.stream().filter(m -> !ordered.contains(m)).sorted(Comparator.comparing(m -> m.name()))
                .forEach(ordered::add);
        return ordered;
    }

    /**
     * One stub mapping: {@code name} is its file (and place in the file's list), {@code filesDirectory} where its
     * {@code bodyFileName} is, {@code source} what was imported; problems name them.
     */
    private record Mapping(JsonNode node, String name, Path filesDirectory, Path source) {

        String skipReason() {
            JsonNode request = node.get("request");
            JsonNode response = node.get("response");
            String method = request.path("method").asText("ANY");
            if (method.equals("ANY")) {
                return "it matches any method; a recorded request has one";
            }
            if (!request.has("url") && !request.has("urlPath")) {
                return "it matches a URL pattern (urlPattern, urlPathPattern), not one URL; record that request, or "
                        + "write the interaction with a template by hand";
            }
            for (JsonNode parameter : request.path("queryParameters")) {
                if (!parameter.has("equalTo")) {
                    return "a query parameter is matched by a pattern, not equalTo";
                }
            }
            if (response.has("fault") || response.has("proxyBaseUrl")) {
                return "its response is a " + (response.has("fault") ? "fault" : "proxy") + ", not a recorded answer";
            }
            return null;
        }

        Interaction interaction(Instant at, URI baseUrl, ImportedRecording recording) throws IOException {
            JsonNode request = node.get("request");
            JsonNode response = node.get("response");
            String pathAndQuery = request.has("url") ? request.get("url").asText() : request.get("urlPath").asText()
                    + query(request.path("queryParameters"));
            URI uri;
            try {
                uri = new URI(baseUrl + (pathAndQuery.startsWith("/") ? "" : "/") + pathAndQuery);
            } catch (URISyntaxException e) {
                throw problem("its URL " + pathAndQuery + " is not a URL path (" + e.getMessage() + ")");
            }
            List<Headers.Field> requestHeaders = new ArrayList<>();
            request.path("headers").fields().forEachRemaining(h -> {
                if (h.getValue().has("equalTo")) {
                    requestHeaders.add(recording.header(h.getKey(), h.getValue().get("equalTo").asText()));
                }
            });
            RecordedRequest recordedRequest = new RecordedRequest(request.get("method").asText(), uri.toString(),
                    Headers.of(requestHeaders), recording.body(requestBody(request.path("bodyPatterns"))));
            Body body = recording.body(responseBody(response));
            List<Headers.Field> responseHeaders = new ArrayList<>();
            boolean framed = false;
            for (Iterator<Map.Entry<String, JsonNode>> h = response.path("headers").fields(); h.hasNext(); ) {
                Map.Entry<String, JsonNode> header = h.next();
                framed |= header.getKey().equalsIgnoreCase("Content-Length")
                        || header.getKey().equalsIgnoreCase("Transfer-Encoding");
                for (JsonNode value : header.getValue().isArray() ? header.getValue() : List.of(header.getValue())) {
                    responseHeaders.add(recording.header(header.getKey(), value.asText()));
                }
            }
            if (!framed) {
                responseHeaders.add(new Headers.Field("Content-Length", String.valueOf(body.size())));
            }
            RecordedResponse recordedResponse = new RecordedResponse(response.path("status").asInt(200),
                    response.path("statusMessage").asText(""), Headers.of(responseHeaders), body);
            return new Interaction(at, ImportedRecording.server(uri, Interaction.HTTP_1_1, null), recordedRequest,
                    recordedResponse, null);
        }

        private String query(JsonNode parameters) {
            List<String> pairs = new ArrayList<>();
            parameters.fields().forEachRemaining(p -> pairs.add(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(p.getValue().get("equalTo").asText(), StandardCharsets.UTF_8)));
            return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
        }

        private byte[] requestBody(JsonNode patterns) throws IOException {
            for (JsonNode pattern : patterns) {
                for (String kind : new String[] {"equalTo", "equalToJson", "equalToXml", "binaryEqualTo"}) {
                    JsonNode value = pattern.get(kind);
                    if (value == null) {
                        continue;
                    }
                    if (kind.equals("binaryEqualTo")) {
                        return Base64.getDecoder().decode(value.asText());
                    }
                    return (value.isTextual() ? value.asText() : JSON.writeValueAsString(value))
                            .getBytes(StandardCharsets.UTF_8);
                }
            }
            return new byte[0];
        }

        private byte[] responseBody(JsonNode response) throws IOException {
            if (response.has("body")) {
                return response.get("body").asText().getBytes(StandardCharsets.UTF_8);
            }
            if (response.has("jsonBody")) {
                return JSON.writeValueAsBytes(response.get("jsonBody"));
            }
            if (response.has("base64Body")) {
                return Base64.getDecoder().decode(response.get("base64Body").asText());
            }
            if (response.has("bodyFileName")) {
                Path file = filesDirectory.resolve(response.get("bodyFileName").asText());
                if (!Files.isRegularFile(file)) {
                    throw problem("its body file " + file + " is missing (bodyFileName is read from __files beside "
                            + "mappings)");
                }
                return Files.readAllBytes(file);
            }
            return new byte[0];
        }

        private CassetteException problem(String what) {
            return new CassetteException(source + ": mapping " + name + ": " + what);
        }
    }
}
