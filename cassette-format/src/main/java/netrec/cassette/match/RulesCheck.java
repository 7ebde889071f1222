package netrec.cassette.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import netrec.cassette.MatchRules;
import netrec.cassette.yaml.RulesReader;

/**
 * Checks a cassette's rules against what reads them, when it is put to use: every key must be one a matcher (or the
 * rules of turns) reads, with values it takes. A mistake names the rule's file and line, and the fix.
 */
public final class RulesCheck {
    private RulesCheck() {
    }

    /**
     * Checks {@code rules} against every matcher netrec has.
     *
     * @throws netrec.cassette.CassetteException naming the first mistake
     */
    public static void check(MatchRules rules) {
        check(rules, readers(Matcher.all(null)));
    }

    /** @throws netrec.cassette.CassetteException naming the first mistake */
    public static void check(MatchRules rules, List<? extends RuleKeys> readers) {
        for (MatchRules.Rule rule : rules.rules()) {
            for (Map.Entry<String, List<String>> setting : rule.settings().entrySet()) {
                RuleKeys reader = readerOf(setting.getKey(), readers);
                if (reader == null) {
                    throw RulesReader.fail(rule.source(), "unknown key '" + setting.getKey() + "'; a rule has "
                            + String.join(", ", known(readers)));
                }
                String problem = reader.problem(setting.getKey(), setting.getValue());
                if (problem != null) {
                    throw RulesReader.fail(rule.source(), problem);
                }
            }
        }
    }

    private static RuleKeys readerOf(String key, List<? extends RuleKeys> readers) {
        for (RuleKeys reader : readers) {
            if (reader.keys().contains(key)) {
                return reader;
            }
        }
        return null;
    }

    private static TreeSet<String> known(List<? extends RuleKeys> readers) {
        TreeSet<String> keys = new TreeSet<>(MatchRules.SCOPE_KEYS);
        for (RuleKeys reader : readers) {
            keys.addAll(reader.keys());
        }
        return keys;
    }

    /** The matchers' keys and the turns'. */
    public static List<RuleKeys> readers(List<Matcher> matchers) {
        List<RuleKeys> readers = new ArrayList<>(matchers);
        readers.add(TurnRules.KEYS);
        return readers;
    }
}
