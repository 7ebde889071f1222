package netrec.runtime.replay;

import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Cassette;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedRequest;

/**
 * The interactions of a cassette, ready to answer requests. Among the recorded interactions that every matcher
 * accepts under the cassette's rules, the most specific answer: a literal URI beats a template, fewer placeholders
 * beat more, and a {@code {**}} weighs more than any number of them. Among equally specific ones, each request
 * takes the first not yet used, in recorded order, so repeated requests (to one URI or one template) get the
 * recorded responses in order; once they run out the last one answers again.
 */
public final class ReplayIndex {
    private final List<Interaction> interactions;
    private final boolean[] used;
    private final List<Matcher> matchers;
    private final MatchRules rules;

    public ReplayIndex(Cassette cassette, List<Matcher> matchers, MatchRules rules) {
        this.interactions = cassette.interactions();
        this.used = new boolean[interactions.size()];
        this.matchers = matchers;
        this.rules = rules;
    }

    /** The interaction that answers {@code actual}, or null when none matches. */
    public synchronized Interaction answer(RequestKey actual) {
        MatchRules.Applied applied = applied(actual);
        int chosen = -1;
        int chosenGenerality = Integer.MAX_VALUE;
        for (int i = 0; i < interactions.size(); i++) {
            int generality = interactions.get(i).request().template().generality();
            boolean better = generality < chosenGenerality || (generality == chosenGenerality && used[chosen]);
            if (better && matchesAll(interactions.get(i).request(), actual, applied)) {
                chosen = i;
                chosenGenerality = generality;
            }
        }
        if (chosen < 0) {
            return null;
        }
        used[chosen] = true;
        return interactions.get(chosen);
    }

    /** The recorded interaction closest to {@code actual}, with what each failing matcher said; null if none. */
    public Nearest nearest(RequestKey actual) {
        MatchRules.Applied applied = applied(actual);
        Nearest best = null;
        for (int i = 0; i < interactions.size(); i++) {
            double distance = 0;
            List<String> reasons = new ArrayList<>();
            for (Matcher matcher : matchers) {
                MatchResult result = matcher.match(interactions.get(i).request(), actual, applied);
                if (!result.matched()) {
                    distance += result.distance();
                    reasons.add(result.reason());
                }
            }
            if (best == null || distance < best.distance) {
                best = new Nearest(interactions.get(i), distance, reasons);
            }
        }
        return best;
    }

    public int size() {
        return interactions.size();
    }

    /** Recorded interactions no request asked for. */
    public synchronized List<Interaction> unused() {
        List<Interaction> result = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                result.add(interactions.get(i));
            }
        }
        return result;
    }

    private MatchRules.Applied applied(RequestKey actual) {
        return rules.forRequest(actual.method(), actual.host(), actual.path());
    }

    private boolean matchesAll(RecordedRequest recorded, RequestKey actual, MatchRules.Applied applied) {
        for (Matcher matcher : matchers) {
            if (!matcher.match(recorded, actual, applied).matched()) {
                return false;
            }
        }
        return true;
    }

    /** A near miss: the recorded interaction and why it did not match. */
    public static final class Nearest {
        private final Interaction interaction;
        private final double distance;
        private final List<String> reasons;

        Nearest(Interaction interaction, double distance, List<String> reasons) {
            this.interaction = interaction;
            this.distance = distance;
            this.reasons = reasons;
        }

        public Interaction interaction() {
            return interaction;
        }

        public List<String> reasons() {
            return reasons;
        }
    }
}
