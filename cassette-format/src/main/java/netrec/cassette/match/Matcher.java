package netrec.cassette.match;

import java.io.IOException;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedRequest;

/**
 * One named test of a recorded request (whose URI may hold placeholders) against an actual one, under the rules
 * that apply to the actual one: a result with a distance and a reason, never an exception. Each reads its own keys
 * of {@code rules.yaml} ({@link RuleKeys}). They run cheapest and most decisive first: method, scheme, host, port,
 * path, query, then headers and body, which count only where a rule says so. Adding one is its class and a line in
 * {@link #all}.
 */
public abstract class Matcher implements RuleKeys {
    /** Reads a recorded body that lives in a file. */
    public interface RecordedBodies {
        byte[] read(Body body) throws IOException;
    }

    private final String name;

    protected Matcher(String name) {
        this.name = name;
    }

    public final String name() {
        return name;
    }

    public abstract MatchResult match(RecordedRequest recorded, IncomingRequest actual, MatchRules.Applied rules);

    /** Every matcher, in the order they run. */
    public static List<Matcher> all(RecordedBodies bodies) {
        return List.of(
                RequestLinePart.method(), RequestLinePart.scheme(), RequestLinePart.host(), RequestLinePart.port(),
                new PathMatcher(), new QueryMatcher(), new HeaderMatcher(), new BodyMatcher(bodies));
    }
}
