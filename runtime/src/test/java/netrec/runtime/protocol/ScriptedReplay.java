package netrec.runtime.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedResponse;
import netrec.cassette.match.TurnRules;

/**
 * Both halves a protocol is given, for its unit tests: a connection to localhost:6379 whose answers are collected and
 * whose failure is kept, and a cassette whose raw TCP conversations are those given, compared under the rules given,
 * whose misses are kept. HTTP is a subclass's to script.
 */
public class ScriptedReplay implements ClientConnection, CassetteAnswers {
    public final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    public final List<String> misses = new ArrayList<>();
    public final List<Interaction> claimed = new ArrayList<>();
    /** A conversation another connection takes just after this one listed it unused, as this one chooses. */
    public Interaction takenMeanwhile;
    /** For each answer sent, whether its bytes were due at once (an answer kept to a recorded pace is not). */
    public final List<Boolean> due = new ArrayList<>();
    private final java.util.Map<Interaction, Object> followers = new java.util.HashMap<>();
    private final java.util.Map<Interaction, java.util.BitSet> turnsTaken = new java.util.HashMap<>();
    private final List<Interaction> conversations;
    private final MatchRules rules;
    private final BodyStore bodies;
    public String failure;
    /** Whether the cassette keeps its recorded pace ({@code pace=recorded}). */
    public boolean keepsPace;

    public ScriptedReplay(List<Interaction> conversations, MatchRules rules, Path bodies) {
        this.conversations = conversations;
        this.rules = rules;
        this.bodies = new BodyStore(new CassetteLayout(bodies));
    }

    /** What was sent since the last call, and forgets it. */
    public byte[] takeSent() {
        byte[] bytes = sent.toByteArray();
        sent.reset();
        return bytes;
    }

    // ---- the connection ----

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return 6379;
    }

    @Override
    public String address() {
        return "127.0.0.1";
    }

    @Override
    public boolean tls() {
        return false;
    }

    @Override
    public void send(Answer answer) throws IOException {
        due.add(answer.available() > 0);
        try (Answer sending = answer) {
            sending.transferTo(sent);
        }
    }

    @Override
    public void fail(String explanation) {
        failure = explanation;
    }

    @Override
    public ConnectionAnswering switchProtocols(String token, UpgradedRequest request, String uri,
            RecordedResponse switching) {
        throw new AssertionError("no upgrade here");
    }

    @Override
    public String toString() {
        return host() + ":" + port();
    }

    // ---- the cassette ----

    @Override
    public boolean inUse() {
        return true;
    }

    @Override
    public Found http(ReplayedRequest request) {
        throw new AssertionError("no HTTP here");
    }

    @Override
    public RecordedResponse httpAlongside(ReplayedRequest head) {
        throw new AssertionError("no HTTP here");
    }

    @Override
    public Conversations conversations(ClientConnection connection) {
        return new Conversations() {
            @Override
            public List<Interaction> unused() {
                List<Interaction> found = new ArrayList<>();
                for (Interaction conversation : conversations) {
                    if (!claimed.contains(conversation)) {
                        found.add(conversation);
                    }
                }
                if (takenMeanwhile != null && !claimed.contains(takenMeanwhile)) {
                    claimed.add(takenMeanwhile); // another connection takes it as soon as it is listed here
                }
                return found;
            }

            @Override
            public List<Interaction> all() {
                return conversations;
            }

            @Override
            public boolean take(Interaction conversation) {
                boolean unused = !claimed.contains(conversation);
                claimed.add(conversation);
                return unused;
            }

            @Override
            public boolean takeUnused(Interaction conversation) {
                if (claimed.contains(conversation)) {
                    return false;
                }
                claimed.add(conversation);
                return true;
            }

            @Override
            public void giveBack(Interaction conversation) {
                claimed.remove(conversation);
                followers.remove(conversation);
            }

            @Override
            public void follow(Interaction conversation, Object follower) {
                followers.put(conversation, follower);
            }

            @Override
            public Object follower(Interaction conversation) {
                return followers.get(conversation);
            }

            @Override
            public boolean takeTurns(Interaction conversation, int from, int to) {
                java.util.BitSet taken = turnsTaken.computeIfAbsent(conversation, c -> new java.util.BitSet());
                int first = taken.nextSetBit(from);
                if (first >= 0 && first < to) {
                    return false;
                }
                taken.set(from, to);
                return true;
            }

            @Override
            public boolean turnTaken(Interaction conversation, int index) {
                java.util.BitSet taken = turnsTaken.get(conversation);
                return taken != null && taken.get(index);
            }

            @Override
            public void giveBackTurn(Interaction conversation, int index) {
                java.util.BitSet taken = turnsTaken.get(conversation);
                if (taken != null) {
                    taken.clear(index);
                }
            }
        };
    }

    /** The rules as given. */
    @Override
    public TurnRules turns(String method, String uri) {
        return new TurnRules(rules.forRequest(method, host(), ""));
    }

    @Override
    public boolean keepsPace() {
        return keepsPace;
    }

    @Override
    public BodyStore bodies() {
        return bodies;
    }

    @Override
    public Miss missed(String what, String why) {
        misses.add(what + ": " + why);
        return new Miss(what + ": " + why);
    }

    @Override
    public Miss cannotAnswer(String request, String why) {
        misses.add(request + ": " + why);
        return new Miss(request + ": " + why);
    }
}
