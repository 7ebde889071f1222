package netrec.cassette.match;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedRequest;
import netrec.cassette.Redacted;

/** The headers a rule names ({@code match-headers}; none by default), each with the same values in the same order. */
final class HeaderMatcher extends Matcher {
    /** Headers (by name, in any case) whose values count. */
    static final String MATCH_HEADERS = "match-headers";

    HeaderMatcher() {
        super("headers");
    }

    @Override
    public MatchResult match(RecordedRequest recorded, IncomingRequest actual, MatchRules.Applied rules) {
        for (String header : matched(rules)) {
            List<String> want = recorded.headers().all(header);
            List<String> got = actual.headers().all(header);
            if (!sameOrRedacted(want, got)) {
                return MatchResult.mismatch(1, "header " + header + " is " + describe(got) + ", recorded "
                        + describe(want));
            }
        }
        return MatchResult.match();
    }

    /** Equal values, a recorded value that was redacted standing for any value. */
    private static boolean sameOrRedacted(List<String> want, List<String> got) {
        if (want.size() != got.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            if (!want.get(i).equals(got.get(i)) && !want.get(i).equals(Redacted.VALUE)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<String> values) {
        return values.isEmpty() ? "absent" : values.size() == 1 ? "'" + values.get(0) + "'" : values.toString();
    }

    @Override
    public List<String> keys() {
        return List.of(MATCH_HEADERS);
    }

    /** The headers the rules name, lower case. */
    private static Set<String> matched(MatchRules.Applied rules) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : rules.values(MATCH_HEADERS)) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
