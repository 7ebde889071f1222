package netrec.cassette.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import netrec.cassette.MatchRules;

/**
 * How a client's turns compare with the recorded ones, under the cassette's rules for one conversation, as
 * {@code rules.yaml} gives them for its request (a raw TCP conversation's made-up {@code TCP tcp://host:port}, a
 * WebSocket's handshake): {@code free-bytes} and {@code free-pattern} for a stream's turns, and JSON or form
 * comparison of whole messages where {@code body:} says so ({@link BodyMatcher}'s keys).
 */
public final class TurnRules {
    static final String FREE_BYTES = "free-bytes";
    static final String FREE_PATTERN = "free-pattern";

    /** The keys of {@code rules.yaml} that only turns read. */
    static final RuleKeys KEYS = new RuleKeys() {
        @Override
        public List<String> keys() {
            return List.of(FREE_BYTES, FREE_PATTERN);
        }

        @Override
        public String problem(String key, List<String> values) {
            for (String value : values) {
                if (key.equals(FREE_BYTES) && FreeBytes.parse(value) == null) {
                    return "'free-bytes' has '" + value + "'; each is FIRST-LAST (bytes from 0, such as 8-15) or "
                            + "TURN:FIRST-LAST (turns from 1, such as 3:8-15)";
                }
                if (key.equals(FREE_PATTERN)) {
                    try {
                        Pattern.compile(value);
                    } catch (PatternSyntaxException e) {
                        return "'free-pattern' has '" + value + "', which is not a Java regular expression: "
                                + e.getDescription();
                    }
                }
            }
            return null;
        }
    };

    private final MatchRules.Applied rules;
    private final List<FreeBytes> freeBytes = new ArrayList<>();
    private final List<Pattern> freePatterns = new ArrayList<>();

    public TurnRules(MatchRules.Applied rules) {
        this.rules = rules;
        for (String range : rules.values(FREE_BYTES)) {
            freeBytes.add(FreeBytes.parse(range));
        }
        for (String pattern : rules.values(FREE_PATTERN)) {
            freePatterns.add(Pattern.compile(pattern));
        }
    }

    /** A comparison of the client's bytes, as they arrive, with {@code recorded}, its client turn {@code number}. */
    public TurnMatch turn(byte[] recorded, int number) {
        return new TurnMatch(recorded, number, freeBytes, freePatterns);
    }

    /**
     * Null when the whole message {@code actual} is the same as {@code recorded}; else what differs: as
     * {@code body: json} or {@code form} compares bodies, ignoring fields where they say so; else byte for byte.
     */
    public String difference(byte[] recorded, byte[] actual) {
        BodyMatch how = BodyMatcher.how(rules);
        if (how == BodyMatch.JSON || how == BodyMatch.FORM) {
            String difference = BodyComparison.difference(how, recorded, actual,
                    new HashSet<>(rules.values(BodyMatcher.IGNORE_BODY_FIELDS)));
            return difference == null ? null : difference.replaceFirst("^body differs", "it differs");
        }
        return Arrays.equals(recorded, actual) ? null : "it differs: sent " + Preview.of(actual) + ", recorded "
                + Preview.of(recorded);
    }
}
