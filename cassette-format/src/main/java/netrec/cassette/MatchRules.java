package netrec.cassette;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import netrec.cassette.template.PathTemplate;
import netrec.cassette.template.TextTemplate;

/**
 * The matching rules of a cassette ({@code rules.yaml}): which query parameters never count, which headers do,
 * and how request bodies are compared. Each rule may be limited to a method, a host and a path (templates
 * allowed); every rule that applies to a request counts, and for {@code body} the last one wins.
 */
public final class MatchRules {
    private static final MatchRules NONE = new MatchRules(List.of());

    private final List<Rule> rules;

    public MatchRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static MatchRules none() {
        return NONE;
    }

    /** These rules, then {@code more}. */
    public MatchRules and(MatchRules more) {
        if (more.rules.isEmpty()) {
            return this;
        }
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(more.rules);
        return new MatchRules(all);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** What the rules say about a request with this method, host and raw path. */
    public Applied forRequest(String method, String host, String path) {
        Set<String> ignoredQuery = new LinkedHashSet<>();
        Set<String> headers = new LinkedHashSet<>();
        Set<String> bodyFields = new LinkedHashSet<>();
        BodyMatch body = BodyMatch.IGNORE;
        for (Rule rule : rules) {
            if (!rule.appliesTo(method, host, path)) {
                continue;
            }
            ignoredQuery.addAll(rule.ignoreQuery);
            headers.addAll(rule.matchHeaders);
            bodyFields.addAll(rule.ignoreBodyFields);
            if (rule.body != null) {
                body = rule.body;
            }
        }
        return new Applied(ignoredQuery, headers, body, bodyFields);
    }

    /** How request bodies are compared. */
    public enum BodyMatch {
        /** Bodies never count (the default). */
        IGNORE,
        /** The same bytes. */
        EXACT,
        /** The same JSON value: key order and whitespace do not count, ignored fields are left out at any depth. */
        JSON,
        /** The same form fields ({@code application/x-www-form-urlencoded}) in any order, ignored fields left out. */
        FORM;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One entry of {@code rules:}. */
    public static final class Rule {
        private final String method;
        private final TextTemplate host;
        private final PathTemplate path;
        private final Set<String> ignoreQuery;
        private final Set<String> matchHeaders;
        private final BodyMatch body;
        private final Set<String> ignoreBodyFields;

        /**
         * {@code method}, {@code host} and {@code path} limit the rule (null: any); {@code body} null leaves body
         * matching as other rules set it.
         */
        public Rule(String method, TextTemplate host, PathTemplate path, List<String> ignoreQuery,
                List<String> matchHeaders, BodyMatch body, List<String> ignoreBodyFields) {
            this.method = method == null ? null : method.toUpperCase(Locale.ROOT);
            this.host = host;
            this.path = path;
            this.ignoreQuery = Set.copyOf(ignoreQuery);
            List<String> lowerCase = new ArrayList<>();
            matchHeaders.forEach(h -> lowerCase.add(h.toLowerCase(Locale.ROOT)));
            this.matchHeaders = Set.copyOf(lowerCase);
            this.body = body;
            this.ignoreBodyFields = Set.copyOf(ignoreBodyFields);
        }

        boolean appliesTo(String requestMethod, String requestHost, String requestPath) {
            return (method == null || method.equalsIgnoreCase(requestMethod))
                    && (host == null || host.matches(requestHost.toLowerCase(Locale.ROOT)))
                    && (path == null || path.matches(requestPath));
        }
    }

    /** The rules that apply to one request, merged. Header names are lower case. */
    public static final class Applied {
        private final Set<String> ignoredQuery;
        private final Set<String> matchedHeaders;
        private final BodyMatch body;
        private final Set<String> ignoredBodyFields;

        Applied(Set<String> ignoredQuery, Set<String> matchedHeaders, BodyMatch body, Set<String> ignoredBodyFields) {
            this.ignoredQuery = ignoredQuery;
            this.matchedHeaders = matchedHeaders;
            this.body = body;
            this.ignoredBodyFields = ignoredBodyFields;
        }

        /** Query parameter names (as sent, still percent-encoded) that never count. */
        public Set<String> ignoredQuery() {
            return ignoredQuery;
        }

        public Set<String> matchedHeaders() {
            return matchedHeaders;
        }

        public BodyMatch body() {
            return body;
        }

        public Set<String> ignoredBodyFields() {
            return ignoredBodyFields;
        }
    }
}
