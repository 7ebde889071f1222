package netrec.cassette.match;

import netrec.cassette.MatchRules;
import netrec.cassette.RecordedRequest;

/**
 * The path, its placeholders standing for what they accept. A mismatch's distance is how far apart the paths are,
 * segment by segment (each segment's edit distance over its length, plus one for each segment one has and the
 * other lacks; 1 at most), so that the nearest recorded interaction of a miss is the one a person would pick: {@code .../3.13.0/x-3.13.0.jar} is near {@code .../3.14.0/x-3.14.0.jar}, and far from
 * {@code .../maven-metadata.xml}.
 */
final class PathMatcher extends Matcher {
    /** Segments longer than this are compared on their first characters only: distance is for ranking. */
    private static final int LONGEST_SEGMENT = 128;

    PathMatcher() {
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
