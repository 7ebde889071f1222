package netrec.runtime.replay.match;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import netrec.cassette.Body;
import netrec.cassette.MatchRules;
import netrec.cassette.Redacted;
import netrec.cassette.RecordedRequest;
import netrec.cassette.template.UriTemplate;

/**
 * One named test of a recorded request (whose URI may hold placeholders) against an actual one, under the rules
 * that apply to the actual one. They run cheapest and most decisive first: method, scheme, host, port, path,
 * query, then headers and body, which count only where a rule says so.
 */
public abstract class Matcher {
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
                new Part("method", RecordedRequest::method, IncomingRequest::method,
                        (recorded, sent) -> recorded.method().equalsIgnoreCase(sent)),
                new Part("scheme", r -> r.template().scheme(), IncomingRequest::scheme,
                        (recorded, sent) -> recorded.template().scheme().equals(sent)),
                new Part("host", r -> r.template().host().text(), IncomingRequest::host,
                        (recorded, sent) -> recorded.template().host().matches(sent)),
                new Part("port", r -> r.template().port().text(), k -> String.valueOf(k.port()),
                        (recorded, sent) -> recorded.template().port().matches(sent)),
                new Path(), new Query(), new HeaderValues(), new RequestBody(bodies));
    }

    /** One part of the request line; the recorded part may hold placeholders. */
    private static final class Part extends Matcher {
        private final Function<RecordedRequest, String> recordedPart;
        private final Function<IncomingRequest, String> sentPart;
        private final BiPredicate<RecordedRequest, String> accepts;

        Part(String name, Function<RecordedRequest, String> recordedPart, Function<IncomingRequest, String> sentPart,
                BiPredicate<RecordedRequest, String> accepts) {
            super(name);
            this.recordedPart = recordedPart;
            this.sentPart = sentPart;
            this.accepts = accepts;
        }

        @Override
        public MatchResult match(RecordedRequest recorded, IncomingRequest actual, MatchRules.Applied rules) {
            String sent = sentPart.apply(actual);
            return accepts.test(recorded, sent) ? MatchResult.match()
                    : MatchResult.mismatch(1, name() + " is " + sent + ", recorded " + recordedPart.apply(recorded));
        }
    }

    /**
     * The path, its placeholders standing for what they accept. A mismatch's distance is how far apart the paths are,
     * segment by segment (each segment's edit distance over its length, plus one for each segment one has and the
     * other lacks; 1 at most), so that the nearest recorded interaction of a miss is the one a person would pick: {@code .../3.13.0/x-3.13.0.jar} is near {@code .../3.14.0/x-3.14.0.jar}, and far from
     * {@code .../maven-metadata.xml}.
     */
    private static final class Path extends Matcher {
        /** Segments longer than this are compared on their first characters only: distance is for ranking. */
        private static final int LONGEST_SEGMENT = 128;

        Path() {
            super("path");
        }

        @Override
        public MatchResult match(RecordedRequest recorded, IncomingRequest actual, MatchRules.Applied rules) {
            String sent = actual.path();
            if (recorded.template().path().matches(sent)) {
                return MatchResult.match();
            }
            String was = recorded.template().path().toString();
            return MatchResult.mismatch(distance(was, sent), "path is " + sent + ", recorded " + was);
        }

        static double distance(String recorded, String sent) {
            String[] a = recorded.split("/", -1);
            String[] b = sent.split("/", -1);
            double total = Math.abs(a.length - b.length);
            for (int i = 0; i < Math.min(a.length, b.length) && total < 1; i++) {
                total += segmentDistance(a[i], b[i]);
            }
            return Math.max(0.01, Math.min(1, total));
        }

        /** Edit distance of two segments over the longer one's length: 0 when equal, 1 when nothing is alike. */
        private static double segmentDistance(String a, String b) {
            if (a.equals(b)) {
                return 0;
            }
            String x = a.length() > LONGEST_SEGMENT ? a.substring(0, LONGEST_SEGMENT) : a;
            String y = b.length() > LONGEST_SEGMENT ? b.substring(0, LONGEST_SEGMENT) : b;
            int[] previous = new int[y.length() + 1];
            int[] current = new int[y.length() + 1];
            for (int j = 0; j <= y.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= x.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= y.length(); j++) {
                    int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                    current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return Math.max(0.05, (double) previous[y.length()] / Math.max(1, Math.max(x.length(), y.length())));
        }
    }

    /**
     * Query parameters as a multiset: order never matters, and every recorded parameter must meet one sent, literal
     * ones first, then those with placeholders. Parameters a rule ignores are left out on both sides.
     */
    private static final class Query extends Matcher {
        Query() {
            super("query");
        }

        @Override
        public MatchResult match(RecordedRequest recorded, IncomingRequest actual, MatchRules.Applied rules) {
            List<UriTemplate.QueryParameter> wanted = new ArrayList<>();
            for (UriTemplate.QueryParameter parameter : recorded.template().query()) {
                if (!rules.ignoredQuery().contains(parameter.name())) {
                    wanted.add(parameter);
                }
            }
            wanted.sort(Comparator.comparingInt(UriTemplate.QueryParameter::placeholders));
            List<String> sent = new ArrayList<>();
            for (String parameter : actual.query()) {
                int equals = parameter.indexOf('=');
                if (!rules.ignoredQuery().contains(equals < 0 ? parameter : parameter.substring(0, equals))) {
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

    /** The headers a rule names (none by default), each with the same values in the same order. */
    private static final class HeaderValues extends Matcher {
        HeaderValues() {
            super("headers");
        }

        @Override
        public MatchResult match(RecordedRequest recorded, IncomingRequest actual, MatchRules.Applied rules) {
            for (String header : rules.matchedHeaders()) {
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
    }

    /** The request body, compared as the rules say (not at all by default). */
    private static final class RequestBody extends Matcher {
        private final RecordedBodies bodies;

        RequestBody(RecordedBodies bodies) {
            super("body");
            this.bodies = bodies;
        }

        @Override
        public MatchResult match(RecordedRequest recorded, IncomingRequest actual, MatchRules.Applied rules) {
            if (rules.body() == MatchRules.BodyMatch.IGNORE) {
                return MatchResult.match();
            }
            byte[] want;
            try {
                want = bodies.read(recorded.body());
            } catch (IOException e) {
                return MatchResult.mismatch(1, "body cannot be compared: the recorded body cannot be read: "
                        + e.getMessage());
            }
            String difference = BodyComparison.difference(rules.body(), want, actual.body(), rules.ignoredBodyFields());
            return difference == null ? MatchResult.match() : MatchResult.mismatch(1, Objects.requireNonNull(difference));
        }
    }
}
