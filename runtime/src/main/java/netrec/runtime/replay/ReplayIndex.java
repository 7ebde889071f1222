package netrec.runtime.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.Cassette;
import netrec.cassette.Interaction;

/**
 * The interactions of a cassette, ready to answer requests. Among the recorded interactions that every matcher
 * accepts, repeated identical requests get them in recorded order; once they run out the last one answers again.
 */
public final class ReplayIndex {
    private final List<Interaction> interactions;
    private final List<RequestKey> keys;
    private final boolean[] used;
    private final List<Matcher> matchers;
    private final Map<String, Integer> timesAsked = new HashMap<>();

    public ReplayIndex(Cassette cassette, List<Matcher> matchers) {
        this.interactions = cassette.interactions();
        this.keys = new ArrayList<>(interactions.size());
        for (Interaction interaction : interactions) {
            keys.add(RequestKey.of(interaction.request().method(), interaction.request().uri()));
        }
        this.used = new boolean[interactions.size()];
        this.matchers = matchers;
    }

    /** The interaction that answers {@code actual}, or null when none matches. */
    public synchronized Interaction answer(RequestKey actual) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (matchesAll(keys.get(i), actual)) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        String signature = actual.method() + " " + actual.scheme() + "://" + actual.host() + ":" + actual.port()
                + actual.path() + "?" + actual.query();
        int asked = timesAsked.merge(signature, 1, Integer::sum) - 1;
        int chosen = candidates.get(Math.min(asked, candidates.size() - 1));
        used[chosen] = true;
        return interactions.get(chosen);
    }

    /** The recorded interaction closest to {@code actual}, with what each failing matcher said; null if none. */
    public Nearest nearest(RequestKey actual) {
        Nearest best = null;
        for (int i = 0; i < keys.size(); i++) {
            double distance = 0;
            List<String> reasons = new ArrayList<>();
            for (Matcher matcher : matchers) {
                MatchResult result = matcher.match(keys.get(i), actual);
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

    private boolean matchesAll(RequestKey recorded, RequestKey actual) {
        for (Matcher matcher : matchers) {
            if (!matcher.match(recorded, actual).matched()) {
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
