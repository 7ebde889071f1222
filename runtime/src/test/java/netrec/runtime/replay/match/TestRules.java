package netrec.runtime.replay.match;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.MatchRules;

/** The cassette's rules as tests write them. */
public final class TestRules {
    private TestRules() {
    }

    /**
     * One rule for every request: keys of {@code rules.yaml} each followed by its values, comma-separated
     * ({@code "free-bytes", "2:3-6", "free-pattern", "ts=[0-9]+"}).
     */
    public static MatchRules everywhere(String... keysAndValues) {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], Arrays.asList(keysAndValues[i + 1].split(",\\s*")));
        }
        return new MatchRules(List.of(MatchRules.Rule.everywhere(settings, "a test")));
    }
}
