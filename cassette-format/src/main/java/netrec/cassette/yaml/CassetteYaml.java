package netrec.cassette.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.Body;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.Tls;

/**
 * Writes the YAML of a recording file, one piece at a time so that a recorder can append as it goes:
 * {@link #fileStart} once, then one {@code - ...} list entry per interaction, lookup or note, then {@link #FILE_END}.
 *
 * <pre>
 * version: 1
 * recording: {started: ..., pid: ..., java: ...}
 * interactions:
 * - recorded-at: 2026-11-22T03:10:49.123Z
 *   server: {host: localhost, port: 8443, address: 127.0.0.1, tls: {...}}
 *   request: {method: GET, uri: https://localhost:8443/a, headers: {...}, body: ...}
 *   response: {status: 200, reason: OK, headers: {...}, body: ...}
 * - recorded-at: ...
 *   lookup: example.org
 *   addresses: [93.184.215.14]
 * # end of recording
 * </pre>
 */
public final class CassetteYaml {
    /** The last line of a recording file its JVM closed normally; its absence means the recorder was stopped. */
    public static final String FILE_END = "# end of recording\n";

    static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .stringQuotingChecker(new NumberLikeQuoting())
                    .build())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CassetteYaml() {
    }

    /** The lines a recording file starts with, up to and including {@code interactions:}. */
    public static String fileStart(Instant started, long pid, String javaVersion) {
        ObjectNode recording = NODES.objectNode();
        recording.put("started", started.toString());
        recording.put("pid", pid);
        recording.put("java", javaVersion);
        ObjectNode head = NODES.objectNode();
        head.put("version", CassetteLayout.FORMAT_VERSION);
        head.set("recording", recording);
        return write(head) + "interactions:\n";
    }

    public static String entry(Interaction interaction) {
        ObjectNode node = NODES.objectNode();
        node.put("recorded-at", interaction.recordedAt().toString());
        node.set("server", server(interaction.server()));
        node.set("request", request(interaction.request()));
        node.set("response", response(interaction.response()));
        return listEntry(node);
    }

    public static String entry(HostLookup lookup) {
        ObjectNode node = NODES.objectNode();
        node.put("recorded-at", lookup.recordedAt().toString());
        node.put("lookup", lookup.host());
        ArrayNode addresses = node.putArray("addresses");
        lookup.addresses().forEach(addresses::add);
        return listEntry(node);
    }

    /** A note that this recording may lack traffic, and why. */
    public static String incompleteEntry(Instant at, String reason) {
        ObjectNode node = NODES.objectNode();
        node.put("recorded-at", at.toString());
        node.put("incomplete", reason);
        return listEntry(node);
    }

    private static ObjectNode server(Server server) {
        ObjectNode node = NODES.objectNode();
        node.put("host", server.host());
        node.put("port", server.port());
        if (!server.address().isEmpty()) {
            node.put("address", server.address());
        }
        if (!server.via().isEmpty()) {
            node.put("via", server.via());
        }
        Tls tls = server.tls();
        if (tls != null) {
            ObjectNode t = node.putObject("tls");
            t.put("protocol", tls.protocol());
            t.put("cipher-suite", tls.cipherSuite());
            if (!tls.applicationProtocol().isEmpty()) {
                t.put("application-protocol", tls.applicationProtocol());
            }
            if (!tls.certificates().isEmpty()) {
                t.put("certificates", tls.certificates());
            }
        }
        return node;
    }

    private static ObjectNode request(RecordedRequest request) {
        ObjectNode node = NODES.objectNode();
        node.put("method", request.method());
        node.put("uri", request.uri());
        putHeaders(node, request.headers());
        putBody(node, request.body());
        return node;
    }

    private static ObjectNode response(RecordedResponse response) {
        ObjectNode node = NODES.objectNode();
        node.put("status", response.status());
        if (!response.reason().isEmpty()) {
            node.put("reason", response.reason());
        }
        putHeaders(node, response.headers());
        putBody(node, response.body());
        if (response.endedEarly()) {
            node.put("ended-early", true);
        }
        return node;
    }

    private static void putHeaders(ObjectNode node, Headers headers) {
        if (headers.isEmpty()) {
            return;
        }
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Headers.Field field : headers.fields()) {
            byName.computeIfAbsent(field.name(), n -> new java.util.ArrayList<>()).add(field.value());
        }
        ObjectNode out = node.putObject("headers");
        byName.forEach((name, values) -> {
            if (values.size() == 1) {
                out.put(name, values.get(0));
            } else {
                ArrayNode list = out.putArray(name);
                values.forEach(list::add);
            }
        });
    }

    private static void putBody(ObjectNode node, Body body) {
        if (body.isText()) {
            node.put("body", body.text());
        } else if (body.isStored()) {
            ObjectNode stored = node.putObject("body");
            stored.put("sha256", body.sha256());
            stored.put("size", body.size());
        }
    }

    /** {@code key: value} as one line of YAML, without indentation. */
    static String keyValueLine(String key, String value) {
        ObjectNode node = NODES.objectNode();
        node.put(key, value);
        return write(node);
    }

    /** {@code node} as one entry of a YAML list, indented as in a cassette file. */
    static String listEntry(JsonNode node) {
        ArrayNode list = NODES.arrayNode();
        list.add(node);
        return write(list);
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
