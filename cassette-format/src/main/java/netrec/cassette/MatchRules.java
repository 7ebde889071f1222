package netrec.cassette;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import netrec.cassette.template.PathTemplate;
import netrec.cassette.template.TextTemplate;

/**
 * The matching rules of a cassette ({@code rules.yaml}), as the format keeps them: each rule may be limited to a
 * method, a host and a path (templates allowed), and says its settings (such as {@code ignore-query: [_, cb]}) as
 * keys with a list of values (a single value is a list of one). Which keys there are, and what they mean, is up to
 * the matchers that read them: the format knows none, so a new matcher needs no change here. Every rule that applies
 * to a request counts: a key's values from all of them, in order ({@link Applied#values}), or the last one's
 * ({@link Applied#last}).
 */
public final class MatchRules {
    /** The keys that limit a rule rather than set anything. */
    public static final Set<String> SCOPE_KEYS = Set.of("method", "host", "path");

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
        List<Rule> applying = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.appliesTo(method, host, path)) {
                applying.add(rule);
            }
        }
        return new Applied(applying);
    }

    /** One entry of {@code rules:}. */
    public static final class Rule {
        private final String method;
        private final TextTemplate host;
        private final PathTemplate path;
        private final Map<String, List<String>> settings;
        private final String source;

        /**
         * {@code method}, {@code host} and {@code path} limit the rule (null: any); {@code settings} are its other
         * keys with their values, in order; {@code source} says where it was written ({@code rules.yaml:12}), for
         * messages.
         */
        public Rule(String method, TextTemplate host, PathTemplate path, Map<String, List<String>> settings,
                String source) {
            this.method = method == null ? null : method.toUpperCase(Locale.ROOT);
            this.host = host;
            this.path = path;
            Map<String, List<String>> copy = new LinkedHashMap<>();
            settings.forEach((key, values) -> copy.put(key, List.copyOf(values)));
            this.settings = copy;
            this.source = source;
        }

        /** A rule for every request, with {@code settings}, made by a program ({@code source} names it). */
        public static Rule everywhere(Map<String, List<String>> settings, String source) {
            return new Rule(null, null, null, settings, source);
        }

        /** The rule's keys other than method, host and path, with their values. */
        public Map<String, List<String>> settings() {
            return settings;
        }

        /** Where the rule was written, for messages: {@code /path/rules.yaml:12}, or what made it. */
        public String source() {
            return source;
        }

        boolean appliesTo(String requestMethod, String requestHost, String requestPath) {
            return (method == null || method.equalsIgnoreCase(requestMethod))
                    && (host == null || host.matches(requestHost.toLowerCase(Locale.ROOT)))
                    && (path == null || path.matches(requestPath));
        }
    }

    /** The rules that apply to one request, in order. */
    public static final class Applied {
        private final List<Rule> rules;

        Applied(List<Rule> rules) {
            this.rules = rules;
        }

        /** The values of {@code key} in every rule that applies, in order; empty when none says it. */
        public List<String> values(String key) {
            List<String> values = new ArrayList<>();
            for (Rule rule : rules) {
                values.addAll(rule.settings.getOrDefault(key, List.of()));
            }
            return values;
        }

        /** The value of {@code key} in the last rule that says it, or null. */
        public String last(String key) {
            String last = null;
            for (Rule rule : rules) {
                List<String> values = rule.settings.get(key);
                if (values != null && !values.isEmpty()) {
                    last = values.get(values.size() - 1);
                }
            }
            return last;
        }
    }
}
