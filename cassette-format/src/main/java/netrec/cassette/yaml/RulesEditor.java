package netrec.cassette.yaml;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;

/**
 * Adds rules at the end of a cassette's {@code rules.yaml}, creating it when there is none, and leaves what is
 * there untouched. When the result would not load, the file is put back as it was and the error says why.
 */
public final class RulesEditor {
    private static final String NEW_FILE = "version: " + RulesReader.RULES_VERSION + "\n"
            + "# Matching rules for this cassette; see netrec's README, \"Matching\".\n"
            + "rules:\n";

    private RulesEditor() {
    }

    /** Appends a rule ignoring {@code fields} of the bodies of requests with this method, host and path. */
    public static void ignoreBodyFields(Path cassette, String method, String host, String path,
            Collection<String> fields) {
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        rule.put("method", method);
        rule.put("host", host);
        rule.put("path", path);
        ArrayNode names = rule.putArray("ignore-body-fields");
        fields.forEach(names::add);
        append(cassette, CassetteYaml.listEntry(rule));
    }

    private static void append(Path cassette, String ruleText) {
        Path file = new CassetteLayout(cassette).rules();
        try {
            byte[] before = Files.exists(file) ? Files.readAllBytes(file) : null;
            String text = before == null ? NEW_FILE : new String(before, StandardCharsets.UTF_8);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                text += "\n";
            }
            Files.write(file, (text + ruleText).getBytes(StandardCharsets.UTF_8));
            try {
                RulesReader.read(cassette);
            } catch (CassetteException e) {
                if (before == null) {
                    Files.delete(file);
                } else {
                    Files.write(file, before);
                }
                throw new CassetteException("cannot add a rule to " + file + " (left as it was): " + e.getMessage()
                        + "; a rule can be added only to a file whose 'rules:' list comes last", e);
            }
        } catch (IOException e) {
            throw new CassetteException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
