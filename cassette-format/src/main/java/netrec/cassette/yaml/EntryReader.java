package netrec.cassette.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import netrec.cassette.Body;
import netrec.cassette.CassetteException;
import netrec.cassette.Headers;
import netrec.cassette.ConnectFailure;
import netrec.cassette.Failure;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.Interleaving;
import netrec.cassette.Message;
import netrec.cassette.Pace;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.Tls;
import netrec.cassette.template.TemplateException;

/**
 * Turns one list entry of a recording file into the model, naming the entry's line and field on any error. An
 * interaction's shape comes from its protocol, as the protocols the reader was given declare it; given none (a tool
 * that only reads cassettes), any protocol name is taken, shaped as its fields are.
 */
final class EntryReader {
    private final Path file;
    private final int line;
    /** The protocols that may be named, with their shapes; null: any, shaped as the entry is. */
    private final Map<String, Interaction.Shape> protocols;

    EntryReader(Path file, int line, Map<String, Interaction.Shape> protocols) {
        this.file = file;
        this.line = line;
        this.protocols = protocols;
    }

    /**
     * Hands {@code entry} on as what it records. A value the reader's own checks let through but the cassette model
     * refuses still fails as netrec's error naming the entry, never as the model's bare exception.
     */
    void readInto(JsonNode entry, EntryHandler handler) {
        try {
            readChecked(entry, handler);
        } catch (IllegalArgumentException e) {
            throw fail(null, "cannot be read: " + e.getMessage());
        }
    }

    private void readChecked(JsonNode entry, EntryHandler handler) {
        Instant at = instant(entry, "recorded-at");
        if (entry.has("request") || entry.has("response") || entry.has("messages")) {
            handler.interaction(connection(entry) == 0 ? interaction(entry, at)
                    : interaction(entry, at).inConnection(connection(entry)));
        } else if (entry.has("failed") && entry.has("server")) {
            handler.failure(new ConnectFailure(at, connection(entry), server(required(entry, "server")),
                    failure(entry), file + ":" + line));
        } else if (entry.has("lookup") && entry.has("failed")) {
            handler.lookup(HostLookup.failed(at, text(entry, "lookup"), failure(entry)));
        } else if (entry.has("lookup")) {
            List<String> addresses = new ArrayList<>();
            JsonNode list = required(entry, "addresses");
            if (!list.isArray()) {
                throw fail("addresses", "must be a list of IP addresses");
            }
            list.forEach(a -> addresses.add(a.asText()));
            handler.lookup(new HostLookup(at, text(entry, "lookup"), addresses));
        } else if (entry.has("incomplete")) {
            handler.incomplete(file.getFileName() + ": " + text(entry, "incomplete"));
        } else {
            throw fail(null, "an entry needs 'request' and 'response' (an HTTP exchange), 'messages' (a tcp "
                    + "conversation), 'server' and 'failed' (a connect that failed), 'lookup' (a DNS answer) or "
                    + "'incomplete' (a note)");
        }
    }

    private Interaction interaction(JsonNode entry, Instant at) {
        Server server = server(required(entry, "server"));
        String protocol = text(entry, "protocol");
        Interaction.Shape shape = shape(protocol, entry);
        List<Message> messages = messages(entry.get("messages"));
        if (shape == Interaction.Shape.CONVERSATION) {
            if (entry.has("request") || entry.has("response")) {
                throw fail(null, "a " + protocol + " conversation has 'messages' only, not 'request' or 'response'");
            }
            if (messages.isEmpty()) {
                throw fail("messages", "is missing: a " + protocol + " conversation is its messages");
            }
            return new Interaction(at, server, protocol, Interaction.conversationRequest(protocol, server.host(),
                    server.port()), RecordedResponse.conversation(messages), file + ":" + line);
        }
        if (!messages.isEmpty() && shape != Interaction.Shape.EXCHANGE_WITH_MESSAGES) {
            throw fail("messages", "belong to a conversation or a websocket, not to " + protocol);
        }
        RecordedResponse response = response(required(entry, "response"));
        if (!messages.isEmpty()) {
            response = new RecordedResponse(response.status(), response.reason(), response.headers(),
                    response.body(), response.endedEarly(), response.trailers(), response.interleaving(), messages);
        }
        return new Interaction(at, server, protocol, request(required(entry, "request")), response,
                file + ":" + line);
    }

    private List<Message> messages(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw fail("messages", "must be a list of {from: client|server, at: MILLISECONDS, ...}");
        }
        List<Message> messages = new ArrayList<>();
        int n = 0;
        for (JsonNode message : node) {
            messages.add(message(message, "messages[" + n++ + "]"));
        }
        return messages;
    }

    private Message message(JsonNode node, String field) {
        if (!node.isObject()) {
            throw fail(field, "must be a mapping such as {from: client, at: 0, text: hello}");
        }
        String from = text(node, "from");
        Message.Side side = from.equals("client") ? Message.Side.CLIENT
                : from.equals("server") ? Message.Side.SERVER : null;
        if (side == null) {
            throw fail(field + ".from", "must be client or server, not '" + from + "'");
        }
        String at = text(node, "at");
        long millis;
        try {
            millis = Long.parseLong(at.trim());
        } catch (NumberFormatException e) {
            throw fail(field + ".at", "must be whole milliseconds, not '" + at + "'");
        }
        long order = 0;
        if (node.has("order")) {
            String value = text(node, "order");
            try {
                order = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                order = -1;
            }
            if (order < 1) {
                throw fail(field + ".order", "must be a whole number from 1 (where the turn came among the "
                        + "recording's), not '" + value + "'");
            }
        }
        String type = optional(node, "type");
        Message.Kind kind = type.isEmpty() ? Message.Kind.DATA : Message.Kind.of(type);
        if (kind == null) {
            throw fail(field + ".type", "must be one of text, binary, ping, pong, close, data or end, not '"
                    + type + "'");
        }
        if (order > 0 && (side != Message.Side.CLIENT || kind != Message.Kind.DATA)) {
            throw fail(field + ".order", "belongs to a raw TCP client turn only, not to a " + side.label() + " "
                    + kind.label() + " message");
        }
        int payloads = (node.has("text") ? 1 : 0) + (node.has("base64") ? 1 : 0) + (node.has("body") ? 1 : 0);
        if (payloads > 1) {
            throw fail(field, "has one payload at most: text, base64 or body");
        }
        try {
            if (kind == Message.Kind.CLOSE) {
                return Message.close(side, millis, node.has("code") ? number(node, "code") : -1,
                        optional(node, "text"));
            }
            if (node.has("body")) {
                return Message.stored(side, millis, kind, body(node.get("body"), field + ".body")).withOrder(order);
            }
            if (node.has("base64")) {
                return Message.of(side, millis, kind, Base64.getDecoder().decode(text(node, "base64").trim()))
                        .withOrder(order);
            }
            return Message.of(side, millis, kind, optional(node, "text").getBytes(StandardCharsets.UTF_8))
                    .withOrder(order);
        } catch (IllegalArgumentException e) {
            throw fail(field, e.getMessage());
        }
    }

    /** The shape {@code protocol} declares; with no protocols given, the entry's own. */
    private Interaction.Shape shape(String protocol, JsonNode entry) {
        if (protocols == null) {
            return entry.has("request") || entry.has("response") ? entry.has("messages")
                    ? Interaction.Shape.EXCHANGE_WITH_MESSAGES : Interaction.Shape.EXCHANGE
                    : Interaction.Shape.CONVERSATION;
        }
        Interaction.Shape shape = protocols.get(protocol);
        if (shape == null) {
            throw fail("protocol", "is '" + protocol + "', which this netrec does not replay (it knows "
                    + String.join(", ", new java.util.TreeSet<>(protocols.keySet())) + "); a newer netrec may");
        }
        return shape;
    }

    private Server server(JsonNode node) {
        JsonNode tls = node.get("tls");
        Tls t = tls == null || tls.isNull() ? null : new Tls(text(tls, "protocol"), text(tls, "cipher-suite"),
                optional(tls, "application-protocol"), certificates(optional(tls, "certificates")));
        int port = number(node, "port");
        if (port < 0 || port > 65535) {
            throw fail("server.port", "must be a TCP port, 0 to 65535, not " + port);
        }
        return new Server(text(node, "host"), port, optional(node, "address"), optional(node, "via"), t);
    }

    /** A chain's name: its SHA-256, which names {@code certificates/<sha256>.pem} and can name nothing else. */
    private String certificates(String sha256) {
        if (!sha256.isEmpty() && !sha256.matches("[0-9a-f]{64}")) {
            throw fail("server.tls.certificates", "must be the 64-digit lower-case hex SHA-256 naming "
                    + "certificates/<sha256>.pem in the cassette, not '" + sha256 + "' (netrec reads no file outside "
                    + "the cassette)");
        }
        return sha256;
    }

    private RecordedRequest request(JsonNode node) {
        RecordedRequest request = new RecordedRequest(text(node, "method"), text(node, "uri"),
                headers(node.get("headers"), "request.headers"), body(node.get("body"), "request.body"));
        try {
            request.template();
        } catch (TemplateException e) {
            throw fail("request.uri", e.getMessage());
        }
        return request;
    }

    private RecordedResponse response(JsonNode node) {
        String unanswered = optional(node, "unanswered");
        if (!unanswered.isEmpty() && !unanswered.equals("true") && !unanswered.equals("false")) {
            throw fail("response.unanswered", "must be true or false, not '" + unanswered + "'");
        }
        if (unanswered.equals("true")) {
            if (node.size() > 1) {
                throw fail("response", "an unanswered request has no status, headers or body; remove "
                        + "'unanswered: true', or the rest");
            }
            return RecordedResponse.unanswered();
        }
        int status = number(node, "status");
        if (status < 100 || status > 999) {
            throw fail("response.status", "must be a three-digit HTTP status, not " + status);
        }
        String endedEarly = optional(node, "ended-early");
        if (!endedEarly.isEmpty() && !endedEarly.equals("true") && !endedEarly.equals("false")) {
            throw fail("response.ended-early", "must be true or false, not '" + endedEarly + "'");
        }
        RecordedResponse response = new RecordedResponse(status, optional(node, "reason"),
                headers(node.get("headers"), "response.headers"), body(node.get("body"), "response.body"),
                endedEarly.equals("true"), headers(node.get("trailers"), "response.trailers"),
                interleaving(node.get("interleaved")));
        Pace pace = pace(node.get("pace"));
        return pace.isEmpty() ? response : response.withPace(pace);
    }

    /** The entry's connection number, or 0 when it says none. */
    private int connection(JsonNode entry) {
        if (!entry.has("connection")) {
            return 0;
        }
        int number = number(entry, "connection");
        if (number < 1) {
            throw fail("connection", "is a connection's number, from 1, not " + number);
        }
        return number;
    }

    private Failure failure(JsonNode entry) {
        JsonNode node = required(entry, "failed");
        if (!node.isObject()) {
            throw fail("failed", "must be {error: EXCEPTION CLASS, message: TEXT}");
        }
        return new Failure(text(node, "error"), optional(node, "message"));
    }

    private Pace pace(JsonNode node) {
        if (node == null || node.isNull()) {
            return Pace.none();
        }
        String shape = "must be a list of [BYTES, MILLISECONDS]";
        if (!node.isArray()) {
            throw fail("response.pace", shape);
        }
        List<Pace.Point> points = new ArrayList<>();
        for (JsonNode point : node) {
            if (!point.isArray() || point.size() != 2 || !point.get(0).canConvertToLong()
                    || !point.get(1).canConvertToLong()) {
                throw fail("response.pace", shape + ", not " + point);
            }
            try {
                points.add(new Pace.Point(point.get(0).asLong(), point.get(1).asLong()));
            } catch (IllegalArgumentException e) {
                throw fail("response.pace", e.getMessage());
            }
        }
        try {
            return Pace.of(points);
        } catch (IllegalArgumentException e) {
            throw fail("response.pace", e.getMessage());
        }
    }

    private Interleaving interleaving(JsonNode node) {
        if (node == null || node.isNull()) {
            return Interleaving.none();
        }
        if (!node.isArray()) {
            throw fail("response.interleaved", "must be a list of {request: BYTES, response: BYTES}");
        }
        List<Interleaving.Step> steps = new ArrayList<>();
        for (JsonNode step : node) {
            if (!step.isObject() || !step.path("request").canConvertToLong()
                    || !step.path("response").canConvertToLong()) {
                throw fail("response.interleaved", "each step is {request: BYTES, response: BYTES}, not " + step);
            }
            steps.add(new Interleaving.Step(step.get("request").asLong(), step.get("response").asLong()));
        }
        try {
            return Interleaving.of(steps);
        } catch (IllegalArgumentException e) {
            throw fail("response.interleaved", e.getMessage());
        }
    }

    private Headers headers(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Headers.none();
        }
        if (!node.isObject()) {
            throw fail(field, "must be a mapping of header name to value (or to a list of values)");
        }
        List<Headers.Field> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> fields.add(new Headers.Field(e.getKey(), v.asText())));
            } else {
                fields.add(new Headers.Field(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
            }
        }
        return Headers.of(fields);
    }

    private Body body(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Body.empty();
        }
        if (node.isValueNode()) {
            return Body.text(node.asText());
        }
        if (node.isObject() && node.has("sha256")) {
            try {
                return Body.stored(node.get("sha256").asText(), node.path("size").asLong(-1));
            } catch (IllegalArgumentException e) {
                throw fail(field, e.getMessage());
            }
        }
        throw fail(field, "must be inline text or {sha256: <hash>, size: <bytes>} naming a file in bodies/");
    }

    private Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw fail(field, "'" + value + "' is not an ISO-8601 instant such as 2026-11-22T03:10:49.123Z");
        }
    }

    private JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw fail(field, "is missing");
        }
        return value;
    }

    private String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isValueNode()) {
            throw fail(field, "must be a single value");
        }
        return value.asText();
    }

    private String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private int number(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw fail(field, "must be a whole number, not '" + value + "'");
        }
    }

    private CassetteException fail(String field, String problem) {
        return new CassetteException(file + ":" + line + ": in the entry starting here, "
                + (field == null ? "" : "'" + field + "' ") + problem);
    }
}
