package netrec.cassette.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netrec.cassette.Redacted;

/** Compares a recorded request body with an actual one the way a rule asks; says what differs when they do. */
final class BodyComparison {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REDACTED_FORM_VALUE = java.net.URLEncoder.encode(Redacted.VALUE, StandardCharsets.UTF_8);

    private BodyComparison() {
    }

    /** Null when the bodies are the same under {@code match}; otherwise why not. */
    static String difference(BodyMatch match, byte[] recorded, byte[] actual, Set<String> ignoredFields) {
        switch (match) {
            case IGNORE:
                return null;
            case EXACT:
                return Arrays.equals(recorded, actual) ? null : "body differs: " + actual.length + " bytes, recorded "
                        + recorded.length + " bytes with other content";
            case JSON:
                return jsonDifference(recorded, actual, ignoredFields);
            case FORM:
                List<String> want = formFields(recorded, ignoredFields);
                List<String> got = redactedLike(want, formFields(actual, ignoredFields));
                return want.equals(got) ? null : "body differs (form): " + String.join("&", got) + ", recorded "
                        + String.join("&", want);
            default:
                throw new IllegalArgumentException(match.toString());
        }
    }

    private static String jsonDifference(byte[] recorded, byte[] actual, Set<String> ignoredFields) {
        JsonNode want;
        JsonNode got;
        try {
            want = parse(recorded);
        } catch (IOException e) {
            return "body differs: the recorded body is not JSON, but a rule compares this request's body as json";
        }
        try {
            got = parse(actual);
        } catch (IOException e) {
            return "body differs: the body sent is not JSON, but a rule compares this request's body as json";
        }
        removeFields(want, ignoredFields);
        removeFields(got, ignoredFields);
        Difference difference = firstDifference(want, got, "");
        return difference == null ? null : "body differs (json) at "
                + (difference.path.isEmpty() ? "the top level" : difference.path) + ": " + shorten(difference.actual)
                + ", recorded " + shorten(difference.recorded);
    }

    private static JsonNode parse(byte[] body) throws IOException {
        JsonNode node = body.length == 0 ? null : JSON.readTree(body);
        if (node == null) {
            throw new IOException("empty body");
        }
        return node;
    }

    private static void removeFields(JsonNode node, Set<String> names) {
        if (names.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode) {
            ((ObjectNode) node).remove(names);
        }
        node.forEach(child -> removeFields(child, names));
    }

    /** Where {@code recorded} and {@code actual} first differ, or null when they are equal. */
    private static Difference firstDifference(JsonNode recorded, JsonNode actual, String path) {
        if (recorded.equals(actual) || (actual != null && recorded.isTextual()
                && recorded.textValue().equals(Redacted.VALUE))) {
            return null;
        }
        if (recorded.isObject() && actual.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = recorded.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = actual.get(field.getKey());
                String childPath = path + "." + field.getKey();
                Difference inner = other == null ? new Difference(childPath, field.getValue(), null)
                        : firstDifference(field.getValue(), other, childPath);
                if (inner != null) {
                    return inner;
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!recorded.has(field.getKey())) {
                    return new Difference(path + "." + field.getKey(), null, field.getValue());
                }
            }
            return null; // equal but for redacted values
        }
        if (recorded.isArray() && actual.isArray() && recorded.size() == actual.size()) {
            for (int i = 0; i < recorded.size(); i++) {
                Difference inner = firstDifference(recorded.get(i), actual.get(i), path + "[" + i + "]");
                if (inner != null) {
                    return inner;
                }
            }
            return null; // equal but for redacted values
        }
        return new Difference(path, recorded, actual);
    }

    private static String shorten(JsonNode node) {
        if (node == null) {
            return "absent";
        }
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static List<String> formFields(byte[] body, Set<String> ignoredFields) {
        List<String> fields = new ArrayList<>();
        for (String field : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            if (field.isEmpty()) {
                continue;
            }
            int equals = field.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? field : field.substring(0, equals), StandardCharsets.UTF_8);
            if (!ignoredFields.contains(name)) {
                fields.add(field);
            }
        }
        Collections.sort(fields);
        return fields;
    }

    /** {@code got} with the value of each field that {@code want} has redacted made the same redacted value. */
    private static List<String> redactedLike(List<String> want, List<String> got) {
        Set<String> redacted = new java.util.HashSet<>();
        for (String field : want) {
            int equals = field.indexOf('=');
            if (equals > 0 && REDACTED_FORM_VALUE.equals(field.substring(equals + 1))) {
                redacted.add(field.substring(0, equals));
            }
        }
        if (redacted.isEmpty()) {
            return got;
        }
        List<String> like = new ArrayList<>();
        for (String field : got) {
            int equals = field.indexOf('=');
            like.add(equals > 0 && redacted.contains(field.substring(0, equals))
                    ? field.substring(0, equals + 1) + REDACTED_FORM_VALUE : field);
        }
        Collections.sort(like);
        return like;
    }

    private static final class Difference {
        final String path;
        final JsonNode recorded;
        final JsonNode actual;

        Difference(String path, JsonNode recorded, JsonNode actual) {
            this.path = path;
            this.recorded = recorded;
            this.actual = actual;
        }
    }
}
