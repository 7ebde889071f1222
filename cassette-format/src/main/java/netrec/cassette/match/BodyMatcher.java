package netrec.cassette.match;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedRequest;

/**
 * The request body, compared as {@code body:} says (not at all by default), leaving out {@code ignore-body-fields}
 * of JSON and form bodies. A conversation's whole messages (a WebSocket's) are compared the same way.
 */
final class BodyMatcher extends Matcher {
    static final String BODY = "body";
    static final String IGNORE_BODY_FIELDS = "ignore-body-fields";

    private final RecordedBodies bodies;

    BodyMatcher(RecordedBodies bodies) {
        super("body");
        this.bodies = bodies;
    }

    @Override
    public MatchResult match(RecordedRequest recorded, IncomingRequest actual, MatchRules.Applied rules) {
        BodyMatch how = how(rules);
        if (how == BodyMatch.IGNORE) {
            return MatchResult.match();
        }
        byte[] want;
        try {
            want = bodies.read(recorded.body());
        } catch (IOException e) {
            return MatchResult.mismatch(1, "body cannot be compared: the recorded body cannot be read: "
                    + e.getMessage());
        }
        String difference = BodyComparison.difference(how, want, actual.body(),
                new HashSet<>(rules.values(IGNORE_BODY_FIELDS)));
        return difference == null ? MatchResult.match() : MatchResult.mismatch(1, Objects.requireNonNull(difference));
    }

    /** How the rules compare bodies: the last {@code body:} that applies, else not at all. */
    static BodyMatch how(MatchRules.Applied rules) {
        BodyMatch how = BodyMatch.of(rules.last(BODY));
        return how == null ? BodyMatch.IGNORE : how;
    }

    @Override
    public List<String> keys() {
        return List.of(BODY, IGNORE_BODY_FIELDS);
    }

    @Override
    public String problem(String key, List<String> values) {
        if (key.equals(BODY)) {
            if (values.size() != 1) {
                return "'body' must be a single value: ignore, exact, json or form";
            }
            if (BodyMatch.of(values.get(0)) == null) {
                return "'body' is '" + values.get(0) + "'; it must be ignore, exact, json or form";
            }
        }
        return null;
    }
}
