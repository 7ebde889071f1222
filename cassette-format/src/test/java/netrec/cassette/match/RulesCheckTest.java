package netrec.cassette.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.CassetteException;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedRequest;
import netrec.cassette.yaml.RulesReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys of {@code rules.yaml} are the matchers': a mistake is found when the cassette is put to use, naming the
 * rule's file and line and the fix, and a new matcher's keys are valid once it is in the list, with nothing else
 * changed.
 */
class RulesCheckTest {
    @TempDir
    Path dir;

    @Test
    void mistakesNameTheFileTheLineAndTheFix() throws IOException {
        assertEquals(dir.resolve("rules.yaml") + ":3: in the rule starting here, unknown key 'ignore-queries'; a rule "
                + "has body, free-bytes, free-pattern, host, ignore-body-fields, ignore-query, match-headers, method, "
                + "path",
                error("version: 1\nrules:\n  - ignore-queries: [a]\n", MATCHERS));
        assertEquals(dir.resolve("rules.yaml") + ":4: in the rule starting here, 'body' is 'xml'; it must be ignore, "
                + "exact, json or form", error("version: 1\nrules:\n  - body: json\n  - body: xml\n", MATCHERS));
        assertEquals(dir.resolve("rules.yaml") + ":3: in the rule starting here, 'free-bytes' has '9-2'; each is "
                + "FIRST-LAST (bytes from 0, such as 8-15) or TURN:FIRST-LAST (turns from 1, such as 3:8-15)",
                error("version: 1\nrules:\n  - free-bytes: [9-2]\n", MATCHERS));
        assertTrue(error("version: 1\nrules:\n  - free-pattern: ['ts=(']\n", MATCHERS).startsWith(
                dir.resolve("rules.yaml") + ":3: in the rule starting here, 'free-pattern' has 'ts=(', which is not a "
                + "Java regular expression"));
    }

    @Test
    void aNewMatchersKeysAreValidOnceItIsInTheList() throws IOException {
        String rules = "version: 1\nrules:\n  - match-cookies: [session]\n";
        assertTrue(error(rules, MATCHERS).contains("unknown key 'match-cookies'"));

        List<Matcher> withCookies = new ArrayList<>(MATCHERS);
        withCookies.add(new Matcher("cookies") {
            @Override
            public MatchResult match(RecordedRequest recorded, IncomingRequest actual, MatchRules.Applied applied) {
                return MatchResult.match();
            }

            @Override
            public List<String> keys() {
                return List.of("match-cookies");
            }
        });
        RulesCheck.check(RulesReader.read(dir), RulesCheck.readers(withCookies));
    }

    private static final List<Matcher> MATCHERS = Matcher.all(body -> new byte[0]);

    private String error(String rules, List<Matcher> matchers) throws IOException {
        Files.writeString(dir.resolve("rules.yaml"), rules);
        MatchRules read = RulesReader.read(dir);
        return assertThrows(CassetteException.class, () -> RulesCheck.check(read, RulesCheck.readers(matchers)))
                .getMessage();
    }
}
