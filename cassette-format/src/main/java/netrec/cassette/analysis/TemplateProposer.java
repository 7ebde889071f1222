package netrec.cassette.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netrec.cassette.Body;
import netrec.cassette.Cassette;
import netrec.cassette.Interaction;

/**
 * Finds what varies between runs of one job in its recorded requests, and proposes placeholders for it.
 *
 * <p>With a second recording of the same job, each interaction is paired with the most alike request of the same
 * shape (method, scheme, authority, number of path segments, query names) in the other recording, in order; every
 * path segment or query value that differs becomes a placeholder, narrowed to the part that differs. In both
 * cases, values recognisable on sight ({@link VolatileValue}) become placeholders too. Request body fields (JSON or
 * form) that differ, or hold such values, are named for a rule that ignores them.
 */
public final class TemplateProposer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateProposer() {
    }

    /** A proposal per interaction of {@code cassette} that would change; {@code other} may be null. */
    public static List<Proposal> propose(Cassette cassette, Cassette other) {
        List<Interaction> unpaired = other == null ? new ArrayList<>() : new ArrayList<>(other.interactions());
        List<Proposal> proposals = new ArrayList<>();
        for (Interaction interaction : cassette.interactions()) {
            Interaction twin = takeTwin(interaction, unpaired);
            Instant at = interaction.recordedAt();
            UriPieces pieces = UriPieces.of(interaction.request().uri());
            String uri;
            if (twin == null) {
                uri = templatizeOnSight(interaction.request().uri(), at);
            } else {
                UriPieces twinPieces = UriPieces.of(twin.request().uri());
                uri = pieces.rewrite(
                        (i, segment) -> placeholderForDifference(segment, twinPieces.segment(i), null, at),
                        (i, value) -> placeholderForDifference(value, twinPieces.queryValue(i), pieces.queryName(i), at));
            }
            List<String> fields = new ArrayList<>(varyingFields(interaction.request().body(),
                    twin == null ? null : twin.request().body(), at));
            if (!uri.equals(interaction.request().uri()) || !fields.isEmpty()) {
                proposals.add(new Proposal(interaction, uri, fields));
            }
        }
        return proposals;
    }

    /** {@code uri} with the values recognisable on sight as placeholders, as record mode writes it when asked. */
    public static String templatizeOnSight(String uri, Instant at) {
        return UriPieces.of(uri).rewrite((i, segment) -> VolatileValue.templatize(segment, at),
                (i, value) -> VolatileValue.templatize(value, at));
    }

    private static Interaction takeTwin(Interaction interaction, List<Interaction> candidates) {
        UriPieces pieces = UriPieces.of(interaction.request().uri());
        Interaction best = null;
        int bestLikeness = -1;
        for (Interaction candidate : candidates) {
            UriPieces other = UriPieces.of(candidate.request().uri());
            if (!candidate.request().method().equalsIgnoreCase(interaction.request().method())
                    || !pieces.sameShape(other)) {
                continue;
            }
            int likeness = pieces.likeness(other);
            if (likeness > bestLikeness) {
                best = candidate;
                bestLikeness = likeness;
            }
        }
        candidates.remove(best);
        return best;
    }

    /**
     * {@code value} with the part that differs from {@code other} (widened to whole words) as a placeholder: the
     * kind's when it is a recognisable value, else named after the query parameter, else {@code {*}}.
     */
    static String placeholderForDifference(String value, String other, String parameterName, Instant at) {
        if (value.equals(other) || value.indexOf('{') >= 0) {
            return VolatileValue.templatize(value, at);
        }
        int start = 0;
        while (start < value.length() && start < other.length() && value.charAt(start) == other.charAt(start)) {
            start++;
        }
        int end = value.length();
        int otherEnd = other.length();
        while (end > start && otherEnd > start && value.charAt(end - 1) == other.charAt(otherEnd - 1)) {
            end--;
            otherEnd--;
        }
        while (start > 0 && Character.isLetterOrDigit(value.charAt(start - 1))) {
            start--;
        }
        while (end < value.length() && Character.isLetterOrDigit(value.charAt(end))) {
            end++;
        }
        String differing = value.substring(start, end);
        VolatileValue kind = VolatileValue.kindOf(differing);
        String placeholder;
        if (kind != null) {
            placeholder = kind.placeholder();
        } else if (start == 0 && end == value.length() && parameterName != null
                && parameterName.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            placeholder = "{" + parameterName + "}";
        } else {
            placeholder = "{*}";
        }
        return VolatileValue.templatize(value.substring(0, start), at) + placeholder
                + VolatileValue.templatize(value.substring(end), at);
    }

    /** Body fields whose values differ from {@code other}'s (null: none to compare) or are volatile on sight. */
    private static Set<String> varyingFields(Body body, Body other, Instant at) {
        Map<String, List<String>> fields = fields(body);
        Map<String, List<String>> otherFields = other == null ? null : fields(other);
        Set<String> varying = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            boolean differs = otherFields != null && !field.getValue().equals(otherFields.get(field.getKey()));
            boolean volatileOnSight = field.getValue().stream()
                    .anyMatch(v -> !VolatileValue.templatize(v, at).equals(v));
            if (differs || volatileOnSight) {
                varying.add(field.getKey());
            }
        }
        return varying;
    }

    /** The leaf values of a JSON or form body by field name (any depth); empty for any other body. */
    private static Map<String, List<String>> fields(Body body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (!body.isText()) {
            return fields;
        }
        String text = body.text().trim();
        if (text.startsWith("{")) {
            try {
                collect(JSON.readTree(text), null, fields);
            } catch (IOException notJson) {
                return fields;
            }
        } else if (text.matches("[^=&\\s]+=[^&\\s]*(&[^=&\\s]+=[^&\\s]*)*")) {
            for (String field : text.split("&")) {
                int equals = field.indexOf('=');
                fields.computeIfAbsent(URLDecoder.decode(field.substring(0, equals), StandardCharsets.UTF_8),
                        k -> new ArrayList<>()).add(field.substring(equals + 1));
            }
        }
        return fields;
    }

    private static void collect(JsonNode node, String name, Map<String, List<String>> fields) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                collect(field.getValue(), field.getKey(), fields);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, name, fields));
        } else if (name != null) {
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(node.asText());
        }
    }
}
