package netrec.runtime.replay.match;

import java.util.Arrays;
import netrec.cassette.MatchRules;
import netrec.runtime.protocol.Preview;
import netrec.runtime.protocol.TurnComparison;
import netrec.runtime.protocol.TurnJudge;

/**
 * The cassette's rules for the turns of one conversation, as {@code rules.yaml} gives them for its request (a raw
 * TCP conversation's made-up {@code TCP tcp://host:port}, a WebSocket's handshake): free bytes and free patterns for
 * a stream's turns, and JSON or form comparison of whole messages where {@code body:} says so.
 */
final class TurnRules implements TurnJudge {
    private final MatchRules.Applied rules;

    TurnRules(MatchRules.Applied rules) {
        this.rules = rules;
    }

    @Override
    public TurnComparison turn(byte[] recorded, int number) {
        return new TurnMatch(recorded, number, rules);
    }

    /** As {@code body: json} or {@code form} compares bodies, ignoring fields where they say so; else byte for byte. */
    @Override
    public String difference(byte[] recorded, byte[] actual) {
        if (rules.body() == MatchRules.BodyMatch.JSON || rules.body() == MatchRules.BodyMatch.FORM) {
            String difference = BodyComparison.difference(rules.body(), recorded, actual, rules.ignoredBodyFields());
            return difference == null ? null : difference.replaceFirst("^body differs", "it differs");
        }
        return Arrays.equals(recorded, actual) ? null : "it differs: sent " + Preview.of(actual) + ", recorded "
                + Preview.of(recorded);
    }
}
