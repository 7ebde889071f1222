package netrec.tools.wiremock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.yaml.CassetteReader;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;
import netrec.tools.command.UsageException;

/**
 * {@code java -jar netrec.jar wiremock-export CASSETTE DIR}: the cassette as WireMock stub mappings, for WireMock to
 * serve to clients netrec cannot be attached to ({@code java -jar wiremock-standalone.jar --root-dir DIR}). One file
 * per interaction in {@code DIR/mappings}, bodies that are not text in {@code DIR/__files}.
 *
 * <p>Requests match as netrec matches them by default: method, path, and query parameters in any order (WireMock's
 * {@code urlPath} and {@code queryParameters}; a query that repeats a name is matched whole, as {@code url}), not the
 * host, headers or body. A request recorded more than once gets its responses in recorded order, the last one
 * repeating, through a WireMock scenario, as netrec's replay does. Hop-by-hop and framing headers
 * ({@code Transfer-Encoding}, {@code Content-Length}, {@code Connection}, {@code Keep-Alive}) are left to WireMock.
 * WebSocket and raw TCP conversations, and requests that got no response, are left out and counted on stderr.
 */
public final class WireMockExport extends Tool {
    private static final Set<String> FRAMING = Set.of("transfer-encoding", "content-length", "connection", "keep-alive");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public WireMockExport() {
        super("wiremock-export",
                "wiremock-export CASSETTE DIR",
                "                      the cassette as WireMock stub mappings in DIR (mappings/, __files/)");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
        List<String> paths = arguments.read(List.of(), List.of()).expect(2, "a cassette and a directory to write");
        return export(Arguments.existingDirectory(paths.get(0)), Paths.get(paths.get(1)), out, err::println);
    }

    /** Writes the mappings of {@code cassette} under {@code target}; what WireMock cannot serve is said to warnings. */
    static int export(Path cassette, Path target, PrintStream out, Consumer<String> warnings) throws IOException {
        Path mappings = target.resolve("mappings");
        if (Files.isDirectory(mappings)) {
            try (Stream<Path> files = Files.list(mappings)) {
                if (files.findAny().isPresent()) {
                    throw new UsageException(mappings + " already holds mappings; give a new or empty directory");
                }
            }
        }
        List<Interaction> interactions = new ArrayList<>();
        int[] left = {0};
        new CassetteReader(warnings).read(cassette, interaction -> {
            if (interaction.isTcp() || Interaction.WEBSOCKET.equals(interaction.protocol())
                    || interaction.response().isUnanswered()) {
                left[0]++;
            } else {
                interactions.add(interaction);
            }
        });
        if (left[0] > 0) {
            warnings.accept("netrec: wiremock-export left out " + left[0] + " interaction(s) WireMock cannot serve "
                    + "(WebSocket and raw TCP conversations, requests that got no response)");
        }
        Map<String, Integer> times = new HashMap<>();
        for (Interaction interaction : interactions) {
            times.merge(key(interaction.request()), 1, Integer::sum);
        }
        Files.createDirectories(mappings);
        BodyStore bodies = new BodyStore(new CassetteLayout(cassette));
        Map<String, Integer> seen = new HashMap<>();
        int n = 0;
        for (Interaction interaction : interactions) {
            n++;
            String key = key(interaction.request());
            int occurrence = seen.merge(key, 1, Integer::sum);
            ObjectNode mapping = JSON.createObjectNode();
            mapping.put("name", interaction.request().method() + " " + interaction.request().uri());
            mapping.set("request", request(interaction.request()));
            mapping.set("response", response(interaction.response(), bodies, target));
            if (times.get(key) > 1) {
                mapping.put("scenarioName", key);
                mapping.put("requiredScenarioState", occurrence == 1 ? "Started" : "call-" + occurrence);
                if (occurrence < times.get(key)) {
                    mapping.put("newScenarioState", "call-" + (occurrence + 1));
                }
            }
            mapping.putObject("metadata").put("netrec-source", interaction.source());
            String path = URI.create(interaction.request().uri()).getRawPath();
            String name = String.format("%04d-%s%s.json", n, interaction.request().method().toLowerCase(Locale.ROOT),
                    (path == null ? "" : path).replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", ""));
            JSON.writeValue(mappings.resolve(name).toFile(), mapping);
        }
        out.println("wrote " + n + " stub mappings to " + mappings + (Files.isDirectory(target.resolve("__files"))
                ? " and their bodies to " + target.resolve("__files") : "") + "; serve them with WireMock: "
                + "java -jar wiremock-standalone.jar --root-dir " + target);
        return 0;
    }

    /** What makes two requests the same request for netrec's default matching (the host aside). */
    private static String key(RecordedRequest request) {
        URI uri = URI.create(request.uri());
        List<String> query = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            query.addAll(List.of(uri.getRawQuery().split("&")));
            query.sort(null);
        }
        return request.method() + " " + uri.getRawPath() + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }

    private static ObjectNode request(RecordedRequest request) {
        ObjectNode node = JSON.createObjectNode();
        node.put("method", request.method());
        URI uri = URI.create(request.uri());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            node.put("urlPath", path);
            return node;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        boolean repeated = false;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            repeated |= !names.add(name);
            parameters.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        if (repeated) {
            node.put("url", path + "?" + query);
            return node;
        }
        node.put("urlPath", path);
        ObjectNode matchers = node.putObject("queryParameters");
        parameters.forEach((name, value) -> matchers.putObject(name).put("equalTo", value));
        return node;
    }

    private static ObjectNode response(RecordedResponse response, BodyStore bodies, Path target) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", response.status());
        if (response.reason() != null && !response.reason().isEmpty()) {
            node.put("statusMessage", response.reason());
        }
        ObjectNode headers = JSON.createObjectNode();
        for (Headers.Field field : response.headers().fields()) {
            if (FRAMING.contains(field.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (headers.has(field.name())) {
                ArrayNode values = headers.get(field.name()).isArray() ? (ArrayNode) headers.get(field.name())
                        : JSON.createArrayNode().add(headers.get(field.name()).asText());
                headers.set(field.name(), values.add(field.value()));
            } else {
                headers.put(field.name(), field.value());
            }
        }
        if (!headers.isEmpty()) {
            node.set("headers", headers);
        }
        Body body = response.body();
        if (body.isText()) {
            node.put("body", body.text());
        } else if (body.isStored()) {
            Path files = target.resolve("__files");
            Files.createDirectories(files);
            try (InputStream in = bodies.open(body)) {
                Files.copy(in, files.resolve(body.sha256()), StandardCopyOption.REPLACE_EXISTING);
            }
            node.put("bodyFileName", body.sha256());
        }
        return node;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
