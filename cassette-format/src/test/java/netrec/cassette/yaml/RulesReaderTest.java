package netrec.cassette.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netrec.cassette.CassetteException;
import netrec.cassette.MatchRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesReaderTest {
    @TempDir
    Path dir;

    @Test
    void noRulesFileMeansNoRules() {
        assertEquals(List.of(), RulesReader.read(dir).rules());
    }

    @Test
    void goldenRulesApplyByMethodHostAndPath() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/rules-v1.yaml")) {
            Files.write(dir.resolve("rules.yaml"), in.readAllBytes());
        }
        MatchRules rules = RulesReader.read(dir);
        assertEquals(4, rules.rules().size());

        MatchRules.Applied events = rules.forRequest("POST", "API.example.org", "/v1/events/42");
        assertEquals(List.of("_", "cb", "nonce"), events.values("ignore-query"));
        assertEquals(List.of("Accept"), events.values("match-headers"));
        assertEquals("json", events.last("body"));
        assertEquals(List.of("sentAt", "requestId"), events.values("ignore-body-fields"));

        MatchRules.Applied elsewhere = rules.forRequest("GET", "other.example.org", "/v1/events/42");
        assertEquals(List.of("_", "cb"), elsewhere.values("ignore-query"));
        assertEquals(List.of(), elsewhere.values("match-headers"));
        assertEquals(null, elsewhere.last("body"));
    }

    @Test
    void mistakesOfShapeNameTheFileTheLineAndTheFix() throws IOException {
        assertTrue(error("version: 1\nrules:\n  - path: /a/{id\n").startsWith(dir.resolve("rules.yaml")
                + ":3: in the rule starting here, the placeholder at column 1 of '{id' is not closed"));
        assertTrue(error("rules: []\n").contains("the first key must be 'version'"));
        assertEquals(dir.resolve("rules.yaml") + ":3: in the rule starting here, 'ignore-query' must be a value or a "
                + "list of values", error("version: 1\nrules:\n  - ignore-query: {a: b}\n"));
    }

    @Test
    void everyKeyButMethodHostAndPathIsASettingKeptForTheMatcherThatReadsIt() throws IOException {
        Files.writeString(dir.resolve("rules.yaml"), "version: 1\nrules:\n  - host: localhost\n"
                + "    free-bytes: [8-15, 3:20-27]\n    free-pattern: 'ts=[0-9]+'\n    match-cookies: [session]\n");
        MatchRules.Rule rule = RulesReader.read(dir).rules().get(0);
        assertEquals(dir.resolve("rules.yaml") + ":3", rule.source());
        assertEquals(List.of("free-bytes", "free-pattern", "match-cookies"), List.copyOf(rule.settings().keySet()));
        MatchRules.Applied local = RulesReader.read(dir).forRequest("TCP", "localhost", "");
        assertEquals(List.of("8-15", "3:20-27"), local.values("free-bytes"));
        assertEquals(List.of("ts=[0-9]+"), local.values("free-pattern"));
        assertEquals(List.of(), RulesReader.read(dir).forRequest("TCP", "db.example.org", "").values("free-bytes"));
    }

    private String error(String rules) throws IOException {
        Files.writeString(dir.resolve("rules.yaml"), rules);
        return assertThrows(CassetteException.class, () -> RulesReader.read(dir)).getMessage();
    }
}
