package netrec.runtime.replay.match;

import netrec.cassette.MatchRules;
import netrec.runtime.protocol.TurnJudge;

/** The cassette's turn rules, for the unit tests of protocols that follow turns. */
public final class TestTurns {
    private TestTurns() {
    }

    public static TurnJudge underRules(MatchRules.Applied rules) {
        return new TurnRules(rules);
    }
}
