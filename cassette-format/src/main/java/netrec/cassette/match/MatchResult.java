package netrec.cassette.match;

/**
 * What one matcher says of a recorded request against an actual one: a match, or a mismatch with a distance
 * (0 exclusive to 1, how different) and a reason a person can act on.
 */
public final class MatchResult {
    private static final MatchResult MATCH = new MatchResult(0, "");

    private final double distance;
    private final String reason;

    private MatchResult(double distance, String reason) {
        this.distance = distance;
        this.reason = reason;
    }

    public static MatchResult match() {
        return MATCH;
    }

    public static MatchResult mismatch(double distance, String reason) {
        return new MatchResult(Math.max(Double.MIN_VALUE, Math.min(1, distance)), reason);
    }

    public boolean matched() {
        return distance == 0;
    }

    public double distance() {
        return distance;
    }

    public String reason() {
        return reason;
    }
}
