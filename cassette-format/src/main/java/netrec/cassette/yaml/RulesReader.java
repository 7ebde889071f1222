package netrec.cassette.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.MatchRules;
import netrec.cassette.template.PathTemplate;
import netrec.cassette.template.TemplateException;
import netrec.cassette.template.TextTemplate;

/**
 * Reads a cassette's {@code rules.yaml}. A missing file means no rules. Every error names the file and line. The
 * reader knows the shape (a list of rules, each a mapping) and the keys that limit a rule (method, host, path);
 * every other key is a setting, a value or a list of values, kept as written for the matcher that reads it, which
 * says what is wrong with it (naming the rule's file and line) when the cassette is put to use.
 *
 * <pre>
 * version: 1
 * rules:
 *   - ignore-query: [_, cb]          # everywhere
 *   - host: api.example.org          # limits this rule; method and path (templates allowed) can too
 *     match-headers: [Accept]
 *   - method: POST
 *     path: /v1/events
 *     body: json                     # ignore (default), exact, json or form
 *     ignore-body-fields: [sentAt]   # for json and form bodies
 *   - host: localhost                # raw TCP conversations: parts of the client's turns that may differ
 *     free-bytes: [8-15, 3:20-27]    # FIRST-LAST bytes (from 0) of every client turn, or TURN:FIRST-LAST
 *     free-pattern: ['ts=[0-9]+']    # a Java regex; what it matches in a recorded turn may be anything it matches
 * </pre>
 */
public final class RulesReader {
    /** The format version of {@code rules.yaml}, its first key; the only one there is, and the one this netrec writes. */
    public static final int RULES_VERSION = 1;

    private RulesReader() {
    }

    public static MatchRules read(Path cassette) {
        Path file = new CassetteLayout(cassette).rules();
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return MatchRules.none();
        } catch (IOException e) {
            throw new CassetteException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<MatchRules.Rule> rules = new ArrayList<>();
        try (JsonParser parser = CassetteYamlFactory.FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return MatchRules.none();
            }
            expect(parser.currentToken() == JsonToken.START_OBJECT, file, parser, "a rules file is a YAML mapping "
                    + "that starts with 'version: " + RULES_VERSION + "'");
            expect(parser.nextToken() == JsonToken.FIELD_NAME && "version".equals(parser.currentName()), file, parser,
                    "the first key must be 'version'");
            parser.nextToken();
            expect(String.valueOf(RULES_VERSION).equals(parser.getValueAsString()), file, parser,
                    "version " + parser.getValueAsString() + " is not one this netrec reads (it reads "
                            + RULES_VERSION + ")");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                expect("rules".equals(key), file, parser, "unknown key '" + key + "'; a rules file has 'version' "
                        + "and 'rules'");
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                expect(value == JsonToken.START_ARRAY, file, parser, "'rules' must be a list");
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    int line = parser.currentTokenLocation().getLineNr();
                    rules.add(rule(YamlTree.read(parser), file + ":" + line));
                }
            }
        } catch (JsonProcessingException e) {
            throw new CassetteException(CassetteReader.where(file, e.getLocation()) + "not valid YAML: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CassetteException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new MatchRules(rules);
    }

    private static MatchRules.Rule rule(JsonNode node, String source) {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MatchRules.SCOPE_KEYS.contains(name)) {
                settings.put(name, names(node, name, source));
            }
        }
        try {
            TextTemplate host = node.has("host") ? TextTemplate.parse(text(node, "host", source)
                    .toLowerCase(Locale.ROOT), TextTemplate.Piece.HOST) : null;
            PathTemplate path = node.has("path") ? PathTemplate.parse(text(node, "path", source)) : null;
            return new MatchRules.Rule(node.has("method") ? text(node, "method", source) : null, host, path,
                    settings, source);
        } catch (TemplateException e) {
            throw fail(source, e.getMessage());
        }
    }

    private static List<String> names(JsonNode node, String field, String source) {
        JsonNode value = node.get(field);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (value.isValueNode()) {
            result.add(value.asText());
        } else if (value.isArray()) {
            value.forEach(v -> result.add(v.asText()));
        } else {
            throw fail(source, "'" + field + "' must be a value or a list of values");
        }
        return result;
    }

    private static String text(JsonNode node, String field, String source) {
        JsonNode value = node.get(field);
        if (!value.isValueNode() || value.asText().isEmpty()) {
            throw fail(source, "'" + field + "' must be a single, non-empty value");
        }
        return value.asText();
    }

    private static void expect(boolean condition, Path file, JsonParser parser, String rule) {
        if (!condition) {
            throw new CassetteException(CassetteReader.where(file, parser.currentTokenLocation()) + rule);
        }
    }

    /** A mistake in the rule written at {@code source} ({@code file:line}), said the way every rule error is. */
    public static CassetteException fail(String source, String problem) {
        return new CassetteException(source + ": in the rule starting here, " + problem);
    }
}
