package netrec.runtime.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One named test of a recorded request against an actual one. The default matchers run cheapest and most decisive
 * first: method, scheme, host, port, path, query.
 */
public abstract class Matcher {
    private final String name;

    protected Matcher(String name) {
        this.name = name;
    }

    public final String name() {
        return name;
    }

    public abstract MatchResult match(RequestKey recorded, RequestKey actual);

    /** The matchers replay uses unless told otherwise. */
    public static List<Matcher> defaults() {
        return List.of(new Field("method", RequestKey::method), new Field("scheme", RequestKey::scheme),
                new Field("host", RequestKey::host), new Field("port", r -> String.valueOf(r.port())),
                new Field("path", RequestKey::path), new Query());
    }

    private static final class Field extends Matcher {
        private final java.util.function.Function<RequestKey, String> part;

        Field(String name, java.util.function.Function<RequestKey, String> part) {
            super(name);
            this.part = part;
        }

        @Override
        public MatchResult match(RequestKey recorded, RequestKey actual) {
            String want = part.apply(recorded);
            String got = part.apply(actual);
            return Objects.equals(want, got) ? MatchResult.match()
                    : MatchResult.mismatch(1, name() + " is " + got + ", recorded " + want);
        }
    }

    /** Query parameters as a multiset: order never matters, every name=value must be there as often. */
    private static final class Query extends Matcher {
        Query() {
            super("query");
        }

        @Override
        public MatchResult match(RequestKey recorded, RequestKey actual) {
            if (recorded.query().equals(actual.query())) {
                return MatchResult.match();
            }
            List<String> missing = new ArrayList<>(recorded.query());
            List<String> extra = new ArrayList<>();
            for (String parameter : actual.query()) {
                if (!missing.remove(parameter)) {
                    extra.add(parameter);
                }
            }
            int total = Math.max(1, recorded.query().size() + actual.query().size());
            StringBuilder reason = new StringBuilder("query differs:");
            if (!extra.isEmpty()) {
                reason.append(" not recorded ").append(String.join("&", extra));
            }
            if (!missing.isEmpty()) {
                reason.append(extra.isEmpty() ? "" : ";").append(" recorded but absent ").append(String.join("&", missing));
            }
            return MatchResult.mismatch((double) (missing.size() + extra.size()) / total, reason.toString());
        }
    }
}
