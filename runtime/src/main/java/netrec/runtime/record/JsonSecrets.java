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
    /** One document, its numbers kept exactly as far as values go (no rounding through double, no zeros dropped). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private JsonSecrets() {
    }

    /**
     * {@code json} without the values of the fields {@code secret} names (strings only, when {@code stringsOnly}: a
     * response's numbers and booleans are its data, whatever their names), which go to {@code taken}; null when it has
     * none, or is not one JSON document (lines of JSON, a stream of them, are left as they are).
     */
    static String out(String json, Predicate<String> secret, boolean stringsOnly, Set<String> taken) {
        try {
            JsonNode tree = JSON.readTree(json);
            return tree != null && out(tree, secret, stringsOnly, taken) ? JSON.writeValueAsString(tree) : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
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
}
