package netrec.runtime.replay.match;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import netrec.cassette.Cassette;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
import netrec.cassette.Message;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.match.IncomingRequest;
import netrec.cassette.match.MatchResult;
import netrec.cassette.match.Matcher;
import netrec.cassette.match.PostgresLogin;
import netrec.cassette.match.RulesCheck;
import netrec.cassette.match.TurnRules;
import netrec.cassette.template.UriTemplate;

/**
 * The interactions of a cassette, ready to answer requests. Among the recorded interactions that every matcher
 * accepts under the cassette's rules, the most specific answer: a literal URI beats a template, fewer placeholders
 * beat more, and a {@code {**}} weighs more than any number of them. Among equally specific ones, each request
 * takes the first not yet used, in recorded order, among those sent with most of the same headers, so repeated
 * requests (to one URI or one template) get the recorded responses in order; once they run out the last one
 * answers again.
 *
 * <p>Interactions whose method, scheme, host, port and path hold no placeholder are filed under those, so a request
 * is tried against the interactions filed under its own and those with placeholders, not against the whole
 * cassette; and a request recorded many times over is tried once, not once per recording.
 */
public final class ReplayIndex {
    private final List<Interaction> interactions;
    private final boolean[] used;
    private final List<Matcher> matchers;
    private final MatchRules rules;
    /** The interactions with no placeholder up to the path, by {@link #requestLine}. */
    private final Map<String, List<Alike>> literal = new HashMap<>();
    /** The others. */
    private final List<Alike> templated = new ArrayList<>();
    /**
     * The raw TCP conversations, by server port, in the order their connections opened (recording file by file,
     * and by connection number within one): asked about at every replayed connect.
     */
    private final Map<Integer, List<Integer>> conversationsByPort = new HashMap<>();
    /** The conversations as replay answers them ({@link #conversation}), by index, once each is asked for. */
    private final Map<Integer, Interaction> conversationsReplayed = new HashMap<>();
    /** Update mode: a PostgreSQL login asks for the password in clear ({@link #conversation}). */
    private final boolean passwordsAsked;
    /** Who follows each conversation now (a replayed connection's turns), by index. */
    private final Map<Integer, Object> followers = new HashMap<>();
    /** The messages of each conversation a replayed connection has taken, by index: each turn is answered once. */
    private final Map<Integer, BitSet> turnsTaken = new HashMap<>();

    /** @throws netrec.cassette.CassetteException when a rule has a key no matcher reads, or a value it does not take */
    public ReplayIndex(Cassette cassette, List<Matcher> matchers, MatchRules rules) {
        this(cassette, matchers, rules, false);
    }

    /**
     * With {@code passwordsAsked} (update mode), a PostgreSQL login asks the client for its password in clear rather
     * than taking it on trust, so that a conversation can go on with the real server ({@link #conversation}).
     */
    public ReplayIndex(Cassette cassette, List<Matcher> matchers, MatchRules rules, boolean passwordsAsked) {
        this.passwordsAsked = passwordsAsked;
        RulesCheck.check(rules, RulesCheck.readers(matchers));
        this.interactions = cassette.interactions();
        this.used = new boolean[interactions.size()];
        this.matchers = matchers;
        this.rules = rules;
        Map<List<Object>, Alike> byRequest = new HashMap<>();
        for (int i = 0; i < interactions.size(); i++) {
            if (interactions.get(i).isTcp()) {
                conversationsByPort.computeIfAbsent(interactions.get(i).server().port(), p -> new ArrayList<>()).add(i);
            }
            RecordedRequest request = interactions.get(i).request();
            Alike alike = byRequest.get(Alike.key(request));
            if (alike == null) {
                alike = new Alike(request);
                byRequest.put(Alike.key(request), alike);
                UriTemplate uri = request.template();
                if (uri.host().isLiteral() && uri.port().isLiteral() && uri.path().isLiteral()) {
                    literal.computeIfAbsent(requestLine(request.method(), uri.scheme(), uri.host().text(),
                            uri.port().text(), uri.path().toString()), line -> new ArrayList<>()).add(alike);
                } else {
                    templated.add(alike);
                }
            }
            alike.interactions.add(i);
        }
        conversationsByPort.values().forEach(this::inOpeningOrder);
    }

    /**
     * Sorts conversation indexes by the order their connections opened: by recording file (each is one JVM's), then
     * by connection number; those with none (recorded before format 5) keep their place, as written at close.
     */
    private void inOpeningOrder(List<Integer> conversations) {
        Map<String, Integer> files = new HashMap<>();
        for (int i : conversations) {
            files.putIfAbsent(fileOf(interactions.get(i)), files.size());
        }
        conversations.sort(Comparator.<Integer>comparingInt(i -> files.get(fileOf(interactions.get(i))))
                .thenComparingInt(i -> interactions.get(i).connection() == 0 ? i : interactions.get(i).connection()));
    }

    /** The recording file an interaction was read from. */
    private static String fileOf(Interaction interaction) {
        String source = interaction.source();
        int colon = source.lastIndexOf(':');
        return colon < 0 ? source : source.substring(0, colon);
    }

    private static String requestLine(String method, String scheme, String host, String port, String path) {
        return method.toUpperCase(Locale.ROOT) + ' ' + scheme + "://" + host + ':' + port + path;
    }

    /** The interaction that answers {@code actual}, or null when none matches. */
    public synchronized Interaction answer(IncomingRequest actual) {
        return answerIf(actual, 0, any -> true);
    }

    /**
     * The interaction that answers {@code actual} on a replayed connection that has followed recorded connection
     * {@code following} so far (0: none yet): of requests recorded alike, one of that connection's when it has one
     * left, so that a connection answered from one recorded connection goes on with it.
     */
    public synchronized Interaction answer(IncomingRequest actual, int following) {
        return answerIf(actual, following, any -> true);
    }

    /**
     * The interaction that answers {@code actual}, as {@link #answer} chooses it, if {@code wanted} accepts it; else
     * null, and nothing is used up.
     */
    public synchronized Interaction answerIf(IncomingRequest actual, Predicate<Interaction> wanted) {
        return answerIf(actual, 0, wanted);
    }

    /**
     * Of the interactions not used yet that answer {@code actual}, the first recorded that {@code fits} accepts, now
     * used; or null. A conversation on a connection (a WebSocket) that parted from the one answering it moves so to
     * another recorded for the same request, whose messages so far were the same.
     */
    public synchronized Interaction anotherAnswer(IncomingRequest actual, Predicate<Interaction> fits) {
        int best = -1;
        for (Alike alike : matching(actual)) {
            for (int i : alike.interactions) {
                if (!used[i] && (best < 0 || i < best) && fits.test(interactions.get(i))) {
                    best = i;
                }
            }
        }
        if (best < 0) {
            return null;
        }
        used[best] = true;
        return interactions.get(best);
    }

    /** The recorded requests that {@code actual} matches, the most literal ones only (a template is a fallback). */
    private List<Alike> matching(IncomingRequest actual) {
        MatchRules.Applied applied = applied(actual);
        List<Alike> candidates = new ArrayList<>();
        int generality = Integer.MAX_VALUE;
        for (List<Alike> tried : List.of(literal.getOrDefault(requestLine(actual.method(), actual.scheme(),
                actual.host(), String.valueOf(actual.port()), actual.path()), List.of()), templated)) {
            for (Alike alike : tried) {
                int g = alike.request.template().generality();
                if (g <= generality && matchesAll(alike.request, actual, applied)) {
                    if (g < generality) {
                        candidates.clear();
                        generality = g;
                    }
                    candidates.add(alike);
                }
            }
        }
        return candidates;
    }

    private Interaction answerIf(IncomingRequest actual, int following, Predicate<Interaction> wanted) {
        List<Alike> candidates = matching(actual);
        if (candidates.isEmpty()) {
            return null;
        }
        if (candidates.size() > 1) {
            keepMostAlikeInHeaders(candidates, actual);
        }
        Alike chosen = candidates.get(0);
        for (Alike candidate : candidates) {
            if (answersBefore(candidate, chosen)) {
                chosen = candidate;
            }
        }
        int index = chosen.next(following);
        Interaction interaction = interactions.get(index);
        if (!wanted.test(interaction)) {
            return null;
        }
        used[index] = true;
        return interaction;
    }

    /** Whether {@code a} answers rather than {@code b}: the first unused in recorded order, else the last recorded. */
    private static boolean answersBefore(Alike a, Alike b) {
        if (a.firstUnused() < 0 && b.firstUnused() < 0) {
            return a.last() > b.last();
        }
        return a.firstUnused() >= 0 && (b.firstUnused() < 0 || a.firstUnused() < b.firstUnused());
    }

    /**
     * Of several recorded requests that all match, those sent with most of the same headers: the same request
     * sent by two clients (a build tool and a test, say, in different JVMs) each gets its own client's response,
     * compressed or not.
     */
    private static void keepMostAlikeInHeaders(List<Alike> candidates, IncomingRequest actual) {
        Set<String> sent = new HashSet<>(headerLines(actual.headers()));
        int best = -1;
        List<Alike> alike = new ArrayList<>();
        for (Alike candidate : candidates) {
            int shared = 0;
            for (String line : candidate.headerLines()) {
                if (sent.contains(line)) {
                    shared++;
                }
            }
            if (shared > best) {
                alike.clear();
                best = shared;
            }
            if (shared == best) {
                alike.add(candidate);
            }
        }
        candidates.retainAll(alike);
    }

    /** Each field as {@code name:value}, the name in lower case. */
    private static List<String> headerLines(Headers headers) {
        List<String> lines = new ArrayList<>(headers.fields().size());
        for (Headers.Field field : headers.fields()) {
            lines.add(field.key() + ':' + field.value());
        }
        return lines;
    }

    /** The recorded interaction closest to {@code actual}, with what each failing matcher said; null if none. */
    public Nearest nearest(IncomingRequest actual) {
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

    /** Recorded interactions some request was answered with. */
    public synchronized List<Interaction> used() {
        List<Interaction> result = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                result.add(interactions.get(i));
            }
        }
        return result;
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

    /**
     * The raw TCP conversations recorded with the server at {@code port}, reached by the name {@code host} or at
     * {@code address}, in recorded order: those not used yet, or all.
     */
    public synchronized List<Interaction> conversations(String host, String address, int port, boolean unusedOnly) {
        List<Interaction> found = new ArrayList<>();
        for (int i : conversationsByPort.getOrDefault(port, List.of())) {
            Interaction interaction = conversation(i);
            if (!(unusedOnly && used[i]) && (interaction.server().host().equalsIgnoreCase(host)
                    || !address.isEmpty() && address.equals(interaction.server().address()))) {
                found.add(interaction);
            }
        }
        return found;
    }

    /**
     * Gives back a conversation {@link #claim} took for a connection that turned out to follow another: it is unused
     * again.
     */
    public synchronized void release(Interaction conversation) {
        int i = position(conversation);
        if (i >= 0) {
            used[i] = false;
            followers.remove(i);
        }
    }

    /** Notes that {@code follower} (a replayed connection's) follows {@code conversation} now. */
    public synchronized void follow(Interaction conversation, Object follower) {
        int i = position(conversation);
        if (i >= 0) {
            followers.put(i, follower);
        }
    }

    /**
     * Takes the messages {@code from} (inclusive) to {@code to} (exclusive) of {@code conversation} for one
     * connection: true when none of them was taken before (and all are now), false otherwise (and none is).
     */
    public synchronized boolean takeTurns(Interaction conversation, int from, int to) {
        BitSet taken = turnsTaken.computeIfAbsent(position(conversation), i -> new BitSet());
        int first = taken.nextSetBit(from);
        if (first >= 0 && first < to) {
            return false;
        }
        taken.set(from, to);
        return true;
    }

    /** True once a connection took the message at {@code index} of {@code conversation} ({@link #takeTurns}). */
    public synchronized boolean turnTaken(Interaction conversation, int index) {
        if (turnsTaken.isEmpty()) {
            return false; // asked for every message replayed: no connection has taken one of another's yet
        }
        BitSet taken = turnsTaken.get(position(conversation));
        return taken != null && taken.get(index);
    }

    /** Gives back the message at {@code index} of {@code conversation} ({@link #takeTurns}): not taken any more. */
    public synchronized void giveBackTurn(Interaction conversation, int index) {
        BitSet taken = turnsTaken.get(position(conversation));
        if (taken != null) {
            taken.clear(index);
        }
    }

    /**
     * The conversation at {@code i} as replay answers it: with its PostgreSQL login answered at once
     * ({@link PostgresLogin}), so that a client logs in with any password and any SCRAM nonce; in update mode, once
     * the client sent its password in clear, which update mode needs to log in to the server again.
     */
    private Interaction conversation(int i) {
        return conversationsReplayed.computeIfAbsent(i, at -> {
            Interaction recorded = interactions.get(at);
            List<Message> messages = recorded.response().messages();
            List<Message> answered = passwordsAsked ? PostgresLogin.passwordAskedInClear(messages)
                    : PostgresLogin.answeredAtOnce(messages);
            return answered == messages ? recorded : recorded.withResponse(RecordedResponse.conversation(answered));
        });
    }

    /** Where {@code conversation} is among the cassette's interactions; -1 when it is none of its conversations. */
    private int position(Interaction conversation) {
        for (int i : conversationsByPort.getOrDefault(conversation.server().port(), List.of())) {
            if (conversation(i) == conversation) {
                return i;
            }
        }
        return -1;
    }

    /** Who follows {@code conversation} now, or null. */
    public synchronized Object follower(Interaction conversation) {
        return followers.get(position(conversation));
    }

    /** Marks a conversation of {@link #conversations} as used; true when it had not been used before. */
    public synchronized boolean claim(Interaction conversation) {
        int i = position(conversation);
        if (i < 0 || used[i]) {
            return false;
        }
        used[i] = true;
        return true;
    }

    /** Turns compared byte for byte, with no rules: when no cassette is in use. */
    public static TurnRules exactTurns() {
        return new TurnRules(MatchRules.none().forRequest("TCP", "", ""));
    }

    /** How the turns of the conversation keyed {@code request} compare, under the rules for it. */
    public TurnRules turns(IncomingRequest request) {
        return new TurnRules(applied(request));
    }

    private MatchRules.Applied applied(IncomingRequest actual) {
        return rules.forRequest(actual.method(), actual.host(), actual.path());
    }

    private boolean matchesAll(RecordedRequest recorded, IncomingRequest actual, MatchRules.Applied applied) {
        for (Matcher matcher : matchers) {
            if (!matcher.match(recorded, actual, applied).matched()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Recorded interactions whose requests no matcher can tell apart (same method, URI, headers and body), in
     * recorded order: the same request made again and again is matched once, and its responses are served in turn.
     */
    private final class Alike {
        final RecordedRequest request;
        final List<Integer> interactions = new ArrayList<>();
        private List<String> headerLines;

        Alike(RecordedRequest request) {
            this.request = request;
        }

        static List<Object> key(RecordedRequest request) {
            return List.of(request.method(), request.uri(), request.headers(), request.body());
        }

        /** The first interaction not yet used, or -1 when all have been. */
        int firstUnused() {
            for (int i : interactions) {
                if (!used[i]) {
                    return i;
                }
            }
            return -1;
        }

        int last() {
            return interactions.get(interactions.size() - 1);
        }

        /**
         * The interaction that answers next: the first not yet used that came on recorded connection
         * {@code following} (when not 0), else the first not yet used, or the last once they all have been.
         */
        int next(int following) {
            if (following != 0) {
                for (int i : interactions) {
                    if (!used[i] && ReplayIndex.this.interactions.get(i).connection() == following) {
                        return i;
                    }
                }
            }
            int unused = firstUnused();
            return unused >= 0 ? unused : last();
        }

        List<String> headerLines() {
            if (headerLines == null) {
                headerLines = ReplayIndex.headerLines(request.headers());
            }
            return headerLines;
        }
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
