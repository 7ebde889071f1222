package netrec.cassette.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedRequest;
import netrec.cassette.template.UriTemplate;

/**
 * Query parameters as a multiset: order never matters, and every recorded parameter must meet one sent, literal
 * ones first, then those with placeholders. Parameters a rule ignores are left out on both sides.
 */
final class QueryMatcher extends Matcher {
    /** Query parameters (by name) that never count. */
    static final String IGNORE_QUERY = "ignore-query";

    QueryMatcher() {
        super("query");
    }

    @Override
    public MatchResult match(RecordedRequest recorded, IncomingRequest actual, MatchRules.Applied rules) {
        Set<String> ignored = new HashSet<>(rules.values(IGNORE_QUERY));
        List<UriTemplate.QueryParameter> wanted = new ArrayList<>();
        for (UriTemplate.QueryParameter parameter : recorded.template().query()) {
            if (!ignored.contains(parameter.name())) {
                wanted.add(parameter);
            }
        }
        wanted.sort(Comparator.comparingInt(UriTemplate.QueryParameter::placeholders));
        List<String> sent = new ArrayList<>();
        for (String parameter : actual.query()) {
            int equals = parameter.indexOf('=');
            if (!ignored.contains(equals < 0 ? parameter : parameter.substring(0, equals))) {
                sent.add(parameter);
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>(sent);
        for (UriTemplate.QueryParameter parameter : wanted) {
            if (!extra.removeIf(new FirstMatch(parameter))) {
                missing.add(parameter.toString());
            }
        }
        if (missing.isEmpty() && extra.isEmpty()) {
            return MatchResult.match();
        }
        int total = Math.max(1, wanted.size() + sent.size());
        StringBuilder reason = new StringBuilder("query differs:");
        if (!extra.isEmpty()) {
            reason.append(" not recorded ").append(String.join("&", extra));
        }
        if (!missing.isEmpty()) {
            reason.append(extra.isEmpty() ? "" : ";").append(" recorded but absent ").append(String.join("&", missing));
        }
        return MatchResult.mismatch((double) (missing.size() + extra.size()) / total, reason.toString());
    }

    @Override
    public List<String> keys() {
        return List.of(IGNORE_QUERY);
    }

    /** Accepts the first sent parameter a recorded one stands for, and no other: removes one from a multiset. */
    private static final class FirstMatch implements Predicate<String> {
        private final UriTemplate.QueryParameter parameter;
        private boolean found;

        FirstMatch(UriTemplate.QueryParameter parameter) {
            this.parameter = parameter;
        }

        @Override
        public boolean test(String sent) {
            if (found || !parameter.matches(sent)) {
                return false;
            }
            found = true;
            return true;
        }
    }
}
