package netrec.cassette.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.Body;
import netrec.cassette.ConnectFailure;
import netrec.cassette.Failure;
import netrec.cassette.Headers;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.Interleaving;
import netrec.cassette.Message;
import netrec.cassette.Pace;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.Tls;

/**
 * Writes the YAML of a recording file, one piece at a time so that a recorder can append as it goes:
 * {@link #fileStart} once, then one {@code - ...} list entry per interaction, lookup or note, then {@link #FILE_END}.
 *
 * <pre>
 * version: 3
 * recording: {started: ..., pid: ..., java: ...}
 * interactions:
 * - recorded-at: 2026-11-22T03:10:49.123Z
 *   server: {host: localhost, port: 8443, address: 127.0.0.1, tls: {...}}
 *   protocol: http/1.1
 *   request: {method: GET, uri: https://localhost:8443/a, headers: {...}, body: ...}
 *   response: {status: 200, reason: OK, headers: {...}, body: ..., trailers: {...}}
 * - recorded-at: ...
 *   server: {host: localhost, port: 6379, address: 127.0.0.1}
 *   protocol: tcp
 *   messages:
 *   - {from: client, at: 0, text: "PING\r\n"}
 *   - {from: server, at: 1, text: "+PONG\r\n"}
 * - recorded-at: ...
 *   lookup: example.org
 *   addresses: [93.184.215.14]
 * # end of recording
 * </pre>
 */
public final class CassetteYaml {
    /**
     * The format version of the recording files this netrec writes, the first key of each. It reads every version
     * from 1 up to this one, bringing older entries up to date as it reads them ({@link RecordingUpgrades}).
     * Version 2 added {@code protocol} to every interaction; version 3 added the {@code h2} protocol, a response's
     * {@code trailers} and the unanswered request; version 4 added {@code messages}, with the {@code websocket} and
     * {@code tcp} protocols; version 5 added each interaction's {@code connection}, a response's {@code pace}, and
     * connects and lookups that {@code failed}. {@code rules.yaml} has a version of its own,
     * {@link RulesReader#RULES_VERSION}.
     */
    public static final int RECORDING_VERSION = 6;

    /** The last line of a recording file its JVM closed normally; its absence means the recorder was stopped. */
    public static final String FILE_END = "# end of recording\n";

    /**
     * The line a recorder writes after each batch of entries it appends: every entry above it is whole. In a file
     * whose recorder was killed (no {@link #FILE_END}), an entry is known whole when another entry or this line
     * follows it; the last entry, when nothing follows it, may have been cut by the kill, and is not loaded.
     */
    public static final String BATCH_END = "# flushed\n";

    private static final NumberLikeQuoting QUOTING = new NumberLikeQuoting();
    private static final StringQuotingChecker DEFAULT_QUOTING = new StringQuotingChecker.Default();


    private CassetteYaml() {
    }

    /**
     * The lines a recording file starts with, up to and including {@code interactions:}. Written by hand, as the
     * entries are: a recording JVM's first write then loads no YAML library at all (Jackson's mapper took a quarter
     * of a second of its writer's first batch, a window in which a killed JVM lost what it had received).
     */
    public static String fileStart(Instant started, long pid, String javaVersion) {
        StringBuilder out = new StringBuilder(128);
        out.append("version: ").append(RECORDING_VERSION).append("\nrecording:\n");
        pair(out, "  ", "started", IsoInstant.format(started));
        out.append("  pid: ").append(pid).append('\n');
        pair(out, "  ", "java", javaVersion);
        return out.append("interactions:\n").toString();
    }

    /**
     * One interaction as a list entry. Written by hand where values are plain scalars (the recorder writes thousands
     * a second, and SnakeYAML's emitter was most of its cost); a value that needs quoting or a block is written by
     * Jackson, and so is the whole entry when a repeated header has such a value, so the text is the same either way.
     */
    public static String entry(Interaction interaction) {
        if (!interaction.response().messages().isEmpty() || interaction.isTcp()) {
            return entryByJackson(interaction);
        }
        for (Headers headers : List.of(interaction.request().headers(), interaction.response().headers(),
                interaction.response().trailers())) {
            for (Headers.Field field : headers.fields()) {
                if (!(plain(field.name()) && !QUOTING.needToQuoteName(field.name()) && plain(field.value()))
                        && headers.all(field.name()).size() > 1) {
                    return entryByJackson(interaction);
                }
            }
        }
        StringBuilder out = new StringBuilder(1024);
        out.append("  - ");
        pair(out, "", "recorded-at", IsoInstant.format(interaction.recordedAt()));
        if (interaction.connection() > 0) {
            out.append("    connection: ").append(interaction.connection()).append('\n');
        }
        Server server = interaction.server();
        out.append("    server:\n");
        pair(out, "      ", "host", server.host());
        out.append("      port: ").append(server.port()).append('\n');
        if (!server.address().isEmpty()) {
            pair(out, "      ", "address", server.address());
        }
        if (!server.via().isEmpty()) {
            pair(out, "      ", "via", server.via());
        }
        Tls tls = server.tls();
        if (tls != null) {
            out.append("      tls:\n");
            pair(out, "        ", "protocol", tls.protocol());
            pair(out, "        ", "cipher-suite", tls.cipherSuite());
            if (!tls.applicationProtocol().isEmpty()) {
                pair(out, "        ", "application-protocol", tls.applicationProtocol());
            }
            if (!tls.certificates().isEmpty()) {
                pair(out, "        ", "certificates", tls.certificates());
            }
        }
        pair(out, "    ", "protocol", interaction.protocol());
        RecordedRequest request = interaction.request();
        out.append("    request:\n");
        pair(out, "      ", "method", request.method());
        pair(out, "      ", "uri", request.uri());
        fields(out, "headers", request.headers());
        body(out, request.body());
        RecordedResponse response = interaction.response();
        out.append("    response:\n");
        if (response.isUnanswered()) {
            out.append("      unanswered: true\n");
            return out.toString();
        }
        out.append("      status: ").append(response.status()).append('\n');
        if (!response.reason().isEmpty()) {
            pair(out, "      ", "reason", response.reason());
        }
        fields(out, "headers", response.headers());
        body(out, response.body());
        fields(out, "trailers", response.trailers());
        if (!response.interleaving().isEmpty()) {
            out.append("      interleaved:\n");
            for (Interleaving.Step step : response.interleaving().steps()) {
                out.append("        - {request: ").append(step.request()).append(", response: ")
                        .append(step.response()).append("}\n");
            }
        }
        if (response.endedEarly()) {
            out.append("      ended-early: true\n");
        }
        if (!response.pace().isEmpty()) {
            out.append("      pace: ").append(response.pace().points()).append('\n');
        }
        return out.toString();
    }

    static String entryByJackson(Interaction interaction) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("recorded-at", interaction.recordedAt().toString());
        if (interaction.connection() > 0) {
            node.put("connection", interaction.connection());
        }
        node.set("server", server(interaction.server()));
        node.put("protocol", interaction.protocol());
        RecordedResponse response = interaction.response();
        if (!interaction.isTcp()) {
            node.set("request", request(interaction.request()));
            node.set("response", response(response));
        }
        if (!response.messages().isEmpty()) {
            ArrayNode messages = node.putArray("messages");
            response.messages().forEach(m -> messages.add(message(m)));
        }
        return listEntry(node);
    }

    /**
     * One message: who sent it, when, where a TCP client turn came among the recording's ({@code order}), its
     * kind (left out for a TCP turn's bytes) and its payload, as {@code text},
     * {@code base64} or a {@code body} file.
     */
    private static ObjectNode message(Message message) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("from", message.from().label());
        node.put("at", message.at());
        if (message.order() > 0) {
            node.put("order", message.order());
        }
        if (message.kind() != Message.Kind.DATA) {
            node.put("type", message.kind().label());
        }
        if (message.closeCode() >= 0) {
            node.put("code", message.closeCode());
        }
        if (message.isStored()) {
            putBody(node, message.stored());
        } else if (message.size() > 0) {
            String text = message.text();
            if (text != null) {
                node.put("text", text);
            } else {
                node.put("base64", Base64.getEncoder().encodeToString(message.bytes()));
            }
        }
        return node;
    }

    /** Header fields ({@code headers} or {@code trailers}): a name's values in a list when it has several. */
    private static void fields(StringBuilder out, String key, Headers headers) {
        if (headers.isEmpty()) {
            return;
        }
        out.append("      ").append(key).append(":\n");
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Headers.Field field : headers.fields()) {
            byName.computeIfAbsent(field.name(), n -> new java.util.ArrayList<>()).add(field.value());
        }
        for (Map.Entry<String, List<String>> header : byName.entrySet()) {
            if (header.getValue().size() == 1) {
                pair(out, "        ", header.getKey(), header.getValue().get(0));
                continue;
            }
            out.append("        ").append(header.getKey()).append(":\n");
            for (String value : header.getValue()) {
                out.append("          - ").append(value).append('\n');
            }
        }
    }

    private static void body(StringBuilder out, Body body) {
        if (body.isText()) {
            pair(out, "      ", "body", body.text());
        } else if (body.isStored()) {
            out.append("      body:\n");
            pair(out, "        ", "sha256", body.sha256());
            out.append("        size: ").append(body.size()).append('\n');
        }
    }

    /** {@code key: value} at {@code indent}: plain when it can be, else as Jackson writes it (quoted, or a block). */
    private static void pair(StringBuilder out, String indent, String key, String value) {
        if (plain(key) && !QUOTING.needToQuoteName(key)) {
            if (plain(value)) {
                out.append(indent).append(key).append(": ").append(value).append('\n');
                return;
            }
            if ((QUOTING.needToQuoteValue(value) || startsWithIndicator(value)) && singleQuotable(value)) {
                out.append(indent).append(key).append(": '").append(value).append("'\n");
                return;
            }
            if (QUOTING.needToQuoteValue(value) && printableAscii(value)) {
                doubleQuoted(out.append(indent).append(key).append(": "), value).append('\n');
                return;
            }
            if (literalAsIs(value)) {
                literal(out.append(indent).append(key).append(": |"), indent + "  ", value);
                return;
            }
        }
        String[] lines = keyValueLine(key, value).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            out.append(i == 0 ? indent : lines[i].isEmpty() ? "" : indent).append(lines[i]).append('\n');
        }
    }

    /** True for a value YAML reads back unchanged as a plain scalar, and that Jackson would write plain. */
    private static boolean plain(String text) {
        if (text.isEmpty() || !(Character.isLetterOrDigit(text.charAt(0)) || text.charAt(0) == '_')
                || text.charAt(0) > 0x7e || text.endsWith(" ") || text.endsWith(":")) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || " ._/:;,=+%&?@()*~$!-".indexOf(c) >= 0;
            if (!allowed || c == ' ' && (text.charAt(i - 1) == ':' || i + 1 < text.length() && text.charAt(i + 1) == '#')) {
                return false;
            }
        }
        boolean maybeNumber = text.charAt(0) >= '0' && text.charAt(0) <= '9';
        return !(maybeNumber ? QUOTING.needToQuoteValue(text) : DEFAULT_QUOTING.needToQuoteValue(text));
    }

    /**
     * True for a value whose first character YAML reads as an indicator wherever it stands, and that Jackson's quoting
     * check lets through ({@code *} an alias, {@code &} an anchor, {@code !} a tag, {@code |} and {@code >} blocks,
     * {@code %} a directive, {@code @} and the backtick reserved): Jackson asks for it plain, SnakeYAML cannot write
     * it so and single-quotes it where it can. {@code Accept: '*}{@code /*'}, which JDK 25's HttpURLConnection sends
     * with every request, is one. (The check catches the other indicators, {@code # , [ ] { }}.)
     */
    private static boolean startsWithIndicator(String text) {
        return !text.isEmpty() && "&*!|>%@`".indexOf(text.charAt(0)) >= 0;
    }

    /**
     * True for text netrec writes in single quotes as it is: printable ASCII without a quote, on one line. (Jackson
     * writes such a value in double quotes; netrec's recordings have written {@code '5'} since before Jackson wrote
     * any entry, and a re-recorded cassette keeps its text.)
     */
    private static boolean singleQuotable(String text) {
        if (text.isEmpty() || text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '\'' || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * True for text of several lines that Jackson writes as a literal block ({@code |}) with no indentation hint:
     * printable ASCII lines, the first not blank at its start, none ending in a space, and at most one line break at
     * the end (a text body of a few lines). Other text of several lines is left to Jackson.
     */
    private static boolean literalAsIs(String text) {
        int length = text.length();
        if (length < 2 || text.indexOf('\n') < 0 || text.charAt(0) == ' ' || text.charAt(0) == '\n'
                || text.charAt(length - 1) == ' ' || text.endsWith("\n\n")) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n' ? text.charAt(i - 1) == ' ' : c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} as a literal block after its key: the header ({@code |}, or {@code |-} without a final line break), then its lines. */
    private static void literal(StringBuilder out, String indent, String text) {
        boolean endsWithBreak = text.charAt(text.length() - 1) == '\n';
        out.append(endsWithBreak ? "\n" : "-\n");
        int start = 0;
        int end = endsWithBreak ? text.length() - 1 : text.length();
        while (start <= end) {
            int lineEnd = text.indexOf('\n', start);
            if (lineEnd < 0 || lineEnd > end) {
                lineEnd = end;
            }
            if (lineEnd > start) {
                out.append(indent).append(text, start, lineEnd);
            }
            out.append('\n');
            start = lineEnd + 1;
        }
    }

    /** True for text of printable ASCII characters alone, on one line (a JSON body, an ETag). */
    private static boolean printableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code text}, printable ASCII with a quote or a backslash in it, in double quotes as Jackson writes a value that
     * needs quoting: only {@code "} and {@code \} escaped (a JSON body would otherwise cost a YAML emitter per entry).
     */
    private static StringBuilder doubleQuoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"');
    }

    /** A name looked up, and its addresses or why it has none: by hand when every address is plain. */
    public static String entry(HostLookup lookup) {
        if (lookup.failure() == null && !lookup.addresses().isEmpty()
                && lookup.addresses().stream().allMatch(CassetteYaml::plainAddress)) {
            StringBuilder out = new StringBuilder(128);
            out.append("  - ");
            pair(out, "", "recorded-at", IsoInstant.format(lookup.recordedAt()));
            pair(out, "    ", "lookup", lookup.host());
            out.append("    addresses:\n");
            lookup.addresses().forEach(address -> out.append("      - ").append(address).append('\n'));
            return out.toString();
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("recorded-at", lookup.recordedAt().toString());
        node.put("lookup", lookup.host());
        if (lookup.failure() != null) {
            node.set("failed", failure(lookup.failure()));
        } else {
            ArrayNode addresses = node.putArray("addresses");
            lookup.addresses().forEach(addresses::add);
        }
        return listEntry(node);
    }

    /** True for an IP address YAML reads back unchanged as a plain scalar ({@code ::1} is one, {@code 1:2:3:4} not). */
    private static boolean plainAddress(String address) {
        if (plain(address)) {
            return true;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                return false;
            }
        }
        return !address.isEmpty() && !QUOTING.needToQuoteValue(address);
    }

    /** A connect that failed: where to, and how. */
    public static String entry(ConnectFailure failed) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("recorded-at", failed.recordedAt().toString());
        if (failed.connection() > 0) {
            node.put("connection", failed.connection());
        }
        node.set("server", server(failed.server()));
        node.set("failed", failure(failed.failure()));
        return listEntry(node);
    }

    private static ObjectNode failure(Failure failure) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("error", failure.error());
        if (!failure.message().isEmpty()) {
            node.put("message", failure.message());
        }
        return node;
    }

    /** A note that this recording may lack traffic, and why. */
    public static String incompleteEntry(Instant at, String reason) {
        StringBuilder out = new StringBuilder(128);
        out.append("  - ");
        pair(out, "", "recorded-at", IsoInstant.format(at));
        pair(out, "    ", "incomplete", reason);
        return out.toString();
    }

    private static ObjectNode server(Server server) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
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
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("method", request.method());
        node.put("uri", request.uri());
        putHeaders(node, "headers", request.headers());
        putBody(node, request.body());
        return node;
    }

    private static ObjectNode response(RecordedResponse response) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (response.isUnanswered()) {
            node.put("unanswered", true);
            return node;
        }
        node.put("status", response.status());
        if (!response.reason().isEmpty()) {
            node.put("reason", response.reason());
        }
        putHeaders(node, "headers", response.headers());
        putBody(node, response.body());
        putHeaders(node, "trailers", response.trailers());
        if (!response.interleaving().isEmpty()) {
            ArrayNode steps = node.putArray("interleaved");
            for (Interleaving.Step step : response.interleaving().steps()) {
                steps.addObject().put("request", step.request()).put("response", step.response());
            }
        }
        if (response.endedEarly()) {
            node.put("ended-early", true);
        }
        if (!response.pace().isEmpty()) {
            ArrayNode points = node.putArray("pace");
            for (Pace.Point point : response.pace().points()) {
                points.addArray().add(point.bytes()).add(point.millis());
            }
        }
        return node;
    }

    private static void putHeaders(ObjectNode node, String key, Headers headers) {
        if (headers.isEmpty()) {
            return;
        }
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Headers.Field field : headers.fields()) {
            byName.computeIfAbsent(field.name(), n -> new java.util.ArrayList<>()).add(field.value());
        }
        ObjectNode out = node.putObject(key);
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
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(key, value);
        return write(node);
    }

    /** {@code node} as one entry of a YAML list, indented as in a cassette file. */
    static String listEntry(JsonNode node) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        list.add(node);
        return write(list);
    }

    private static String write(JsonNode node) {
        try {
            return CassetteMapper.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
