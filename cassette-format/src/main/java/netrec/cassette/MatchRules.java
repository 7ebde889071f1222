package netrec.cassette;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import netrec.cassette.template.PathTemplate;
import netrec.cassette.template.TextTemplate;

/**
 * The matching rules of a cassette ({@code rules.yaml}): which query parameters never count, which headers do,
 * how request bodies are compared, and which parts of a raw TCP conversation's client turns are free. Each rule may be limited to a method, a host and a path (templates
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
        List<FreeBytes> freeBytes = new ArrayList<>();
        List<Pattern> freePatterns = new ArrayList<>();
        BodyMatch body = BodyMatch.IGNORE;
        for (Rule rule : rules) {
            if (!rule.appliesTo(method, host, path)) {
                continue;
            }
            freeBytes.addAll(rule.freeBytes);
            freePatterns.addAll(rule.freePatterns);
            ignoredQuery.addAll(rule.ignoreQuery);
            headers.addAll(rule.matchHeaders);
            bodyFields.addAll(rule.ignoreBodyFields);
            if (rule.body != null) {
                body = rule.body;
            }
        }
        return new Applied(ignoredQuery, headers, body, bodyFields, freeBytes, freePatterns);
    }

    /**
     * Bytes {@code first} to {@code last} (inclusive, from 0) of each client turn of a raw TCP conversation, or of
     * turn {@code turn} alone (from 1; 0 for every turn): they may hold anything at replay.
     */
    public static final class FreeBytes {
        private final int turn;
        private final int first;
        private final int last;

        public FreeBytes(int turn, int first, int last) {
            if (turn < 0 || first < 0 || last < first) {
                throw new IllegalArgumentException("a free byte range is FIRST-LAST with 0 <= FIRST <= LAST, "
                        + "optionally after TURN: (turns count from 1)");
            }
            this.turn = turn;
            this.first = first;
            this.last = last;
        }

        /** True when byte {@code offset} of client turn {@code turnNumber} (from 1) is free. */
        public boolean frees(int turnNumber, int offset) {
            return (turn == 0 || turn == turnNumber) && offset >= first && offset <= last;
        }

        @Override
        public String toString() {
            return (turn == 0 ? "" : turn + ":") + first + "-" + last;
        }
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
        private final List<FreeBytes> freeBytes;
        private final List<Pattern> freePatterns;

        /**
         * {@code method}, {@code host} and {@code path} limit the rule (null: any); {@code body} null leaves body
         * matching as other rules set it.
         */
        public Rule(String method, TextTemplate host, PathTemplate path, List<String> ignoreQuery,
                List<String> matchHeaders, BodyMatch body, List<String> ignoreBodyFields) {
            this(method, host, path, ignoreQuery, matchHeaders, body, ignoreBodyFields, List.of(), List.of());
        }

        /** A rule that also frees parts of raw TCP client turns: byte ranges, and what patterns match. */
        public Rule(String method, TextTemplate host, PathTemplate path, List<String> ignoreQuery,
                List<String> matchHeaders, BodyMatch body, List<String> ignoreBodyFields, List<FreeBytes> freeBytes,
                List<Pattern> freePatterns) {
            this.method = method == null ? null : method.toUpperCase(Locale.ROOT);
            this.host = host;
            this.path = path;
            this.ignoreQuery = Set.copyOf(ignoreQuery);
            List<String> lowerCase = new ArrayList<>();
            matchHeaders.forEach(h -> lowerCase.add(h.toLowerCase(Locale.ROOT)));
            this.matchHeaders = Set.copyOf(lowerCase);
            this.body = body;
            this.ignoreBodyFields = Set.copyOf(ignoreBodyFields);
            this.freeBytes = List.copyOf(freeBytes);
            this.freePatterns = List.copyOf(freePatterns);
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
        private final List<FreeBytes> freeBytes;
        private final List<Pattern> freePatterns;

        Applied(Set<String> ignoredQuery, Set<String> matchedHeaders, BodyMatch body, Set<String> ignoredBodyFields,
                List<FreeBytes> freeBytes, List<Pattern> freePatterns) {
            this.ignoredQuery = ignoredQuery;
            this.matchedHeaders = matchedHeaders;
            this.body = body;
            this.ignoredBodyFields = ignoredBodyFields;
            this.freeBytes = freeBytes;
            this.freePatterns = freePatterns;
        }

        /** Byte ranges of raw TCP client turns that may hold anything. */
        public List<FreeBytes> freeBytes() {
            return freeBytes;
        }

        /**
         * Patterns over raw TCP client turns (their bytes read as ISO-8859-1): where one matches in a recorded turn,
         * the turn sent may hold anything the pattern matches instead.
         */
        public List<Pattern> freePatterns() {
            return freePatterns;
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
