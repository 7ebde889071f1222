package netrec.runtime.replay.match;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.MatchRules;
import netrec.runtime.protocol.TurnJudge;

/** The cassette's rules as tests write them, and its turn rules for the unit tests of protocols that follow turns. */
public final class TestTurns {
    private TestTurns() {
    }

    /**
     * One rule for every request: keys of {@code rules.yaml} each followed by its values, comma-separated
     * ({@code "match-headers", "Accept", "body", "json"}).
     */
    public static MatchRules everywhere(String... keysAndValues) {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], Arrays.asList(keysAndValues[i + 1].split(",\\s*")));
        }
        return new MatchRules(List.of(MatchRules.Rule.everywhere(settings, "a test")));
    }

    public static TurnJudge underRules(MatchRules.Applied rules) {
        return new TurnRules(rules);
    }
}
