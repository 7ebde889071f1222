package netrec.runtime.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import netrec.cassette.Redacted;

/**
 * A JSON document with the value of every field a name rule calls secret, at any depth, written as
 * {@value Redacted#VALUE}: a request's password or API key, a response's access token. Only single values are
 * taken out (an object or array under such a name is looked into instead); the document is then written compactly.
 */
final class JsonSecrets {
    private JsonSecrets() {
    }

    /**
     * {@code json} without the values of the fields {@code secret} names (strings only, when {@code stringsOnly}: a
     * response's numbers and booleans are its data, whatever their names), which go to {@code taken}; null when it has
     * none, or is not one JSON document (lines of JSON, a stream of them, are left as they are).
     */
    static String out(String json, Predicate<String> secret, boolean stringsOnly, Set<String> taken) {
        if (!namesAnySecret(json, secret)) {
            return null;
        }
        try {
            JsonNode tree = Mapper.JSON.readTree(json);
            return tree != null && out(tree, secret, stringsOnly, taken) ? Mapper.JSON.writeValueAsString(tree) : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /**
     * True when a member name of {@code json} is one {@code secret} calls secret, or may be (a name written with an
     * escape is left to Jackson to read). A body that names none, almost every one, is left as it is without its
     * tree: Jackson's tree model takes some 400 classes to load, which cost a recording JVM about 0.2 s of its wall
     * time (0.4 s of CPU) at its first JSON body. A string is skipped whole, so a name quoted inside a value is no
     * name; text that is not one JSON document names nothing that counts ({@link #out} leaves it as it is).
     */
    static boolean namesAnySecret(String json, Predicate<String> secret) {
        int length = json.length();
        for (int i = 0; i < length; i++) {
            if (json.charAt(i) != '"') {
                continue;
            }
            int end = i + 1;
            boolean escaped = false;
            while (end < length && json.charAt(end) != '"') {
                if (json.charAt(end) == '\\') {
                    escaped = true;
                    end++;
                }
                end++;
            }
            if (end >= length) {
                return false;
            }
            int next = end + 1;
            while (next < length && isWhitespace(json.charAt(next))) {
                next++;
            }
            if (next < length && json.charAt(next) == ':' && (escaped || secret.test(json.substring(i + 1, end)))) {
                return true;
            }
            i = end;
        }
        return false;
    }

    /** JSON's whitespace (RFC 8259): space, tab, line feed, carriage return. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean out(JsonNode node, Predicate<String> secret, boolean stringsOnly, Set<String> taken) {
        boolean changed = false;
        if (node instanceof ObjectNode) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (value.isValueNode() && !value.isNull() && (value.isTextual() || !stringsOnly)
                        && secret.test(field.getKey())
                        && !value.asText().equals(Redacted.VALUE)) {
                    taken.add(value.asText());
                    field.setValue(TextNode.valueOf(Redacted.VALUE));
                    changed = true;
                }
            }
        }
        for (JsonNode child : node) {
            changed |= out(child, secret, stringsOnly, taken);
        }
        return changed;
    }

    /** Made when a body first names a secret ({@link #namesAnySecret}), not as this class loads. */
    private static final class Mapper {
        /** One document, its numbers kept exactly as values go (no rounding through double, no zeros dropped). */
        static final ObjectMapper JSON = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }
}
