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
import java.util.Set;
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
        assertEquals(Set.of("_", "cb", "nonce"), events.ignoredQuery());
        assertEquals(Set.of("accept"), events.matchedHeaders());
        assertEquals(MatchRules.BodyMatch.JSON, events.body());
        assertEquals(Set.of("sentAt", "requestId"), events.ignoredBodyFields());

        MatchRules.Applied elsewhere = rules.forRequest("GET", "other.example.org", "/v1/events/42");
        assertEquals(Set.of("_", "cb"), elsewhere.ignoredQuery());
        assertEquals(Set.of(), elsewhere.matchedHeaders());
        assertEquals(MatchRules.BodyMatch.IGNORE, elsewhere.body());
    }

    @Test
    void mistakesNameTheFileTheLineAndTheFix() throws IOException {
        assertEquals(dir.resolve("rules.yaml") + ":3: in the rule starting here, unknown key 'ignore-queries'; a rule "
                + "has body, free-bytes, free-pattern, host, ignore-body-fields, ignore-query, match-headers, method, "
                + "path",
                error("version: 1\nrules:\n  - ignore-queries: [a]\n"));
        assertEquals(dir.resolve("rules.yaml") + ":4: in the rule starting here, 'body' is 'xml'; it must be ignore, "
                + "exact, json or form", error("version: 1\nrules:\n  - body: json\n  - body: xml\n"));
        assertTrue(error("version: 1\nrules:\n  - path: /a/{id\n").startsWith(dir.resolve("rules.yaml")
                + ":3: in the rule starting here, the placeholder at column 1 of '{id' is not closed"));
        assertTrue(error("rules: []\n").contains("the first key must be 'version'"));
        assertEquals(dir.resolve("rules.yaml") + ":3: in the rule starting here, 'free-bytes' has '9-2'; each is "
                + "FIRST-LAST (bytes from 0, such as 8-15) or TURN:FIRST-LAST (turns from 1, such as 3:8-15)",
                error("version: 1\nrules:\n  - free-bytes: [9-2]\n"));
        assertTrue(error("version: 1\nrules:\n  - free-pattern: ['ts=(']\n").startsWith(dir.resolve("rules.yaml")
                + ":3: in the rule starting here, 'free-pattern' has 'ts=(', which is not a Java regular expression"));
    }

    @Test
    void freeBytesAndPatternsApplyToTheConversationsOfTheirHost() throws IOException {
        Files.writeString(dir.resolve("rules.yaml"), "version: 1\nrules:\n  - host: localhost\n"
                + "    free-bytes: [8-15, 3:20-27]\n    free-pattern: ['ts=[0-9]+']\n");
        MatchRules.Applied local = RulesReader.read(dir).forRequest("TCP", "localhost", "");
        assertEquals("[8-15, 3:20-27]", local.freeBytes().toString());
        assertTrue(local.freeBytes().get(1).frees(3, 20));
        assertTrue(!local.freeBytes().get(1).frees(2, 20));
        assertEquals("ts=[0-9]+", local.freePatterns().get(0).pattern());
        assertEquals(List.of(), RulesReader.read(dir).forRequest("TCP", "db.example.org", "").freeBytes());
    }

    private String error(String rules) throws IOException {
        Files.writeString(dir.resolve("rules.yaml"), rules);
        return assertThrows(CassetteException.class, () -> RulesReader.read(dir)).getMessage();
    }
}
