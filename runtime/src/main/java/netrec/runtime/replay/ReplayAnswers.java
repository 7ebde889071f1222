package netrec.runtime.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import netrec.cassette.BodyStore;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedResponse;
import netrec.runtime.base.Log;
import netrec.runtime.base.Mode;
import netrec.runtime.base.SentRequest;
import netrec.runtime.base.SentRequests;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.Conversations;
import netrec.runtime.protocol.Found;
import netrec.runtime.protocol.Miss;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.protocol.ReplayedRequest;
import netrec.cassette.match.TurnRules;
import netrec.cassette.match.IncomingRequest;
import netrec.runtime.replay.match.ReplayIndex;
import netrec.runtime.replay.match.ReplayMiss;
import netrec.runtime.replay.report.MissReport;

/**
 * One cassette answering the protocols of replayed connections: the recorded interaction for each request (as the
 * {@link ReplayIndex} matches it), the conversations of each server, and every miss, counted in the report and
 * explained once, here.
 */
final class ReplayAnswers implements CassetteAnswers {
    private final Path cassette;
    private final Mode mode;
    private final ReplayIndex index;
    private final BodyStore bodies;
    private final MissReport report;
    /** Update mode's recorder of what is fetched for requests the cassette lacks; null in replay mode. */
    private final MissRecorder fetches;
    private final boolean keepsPace;
    /** Where each request asked of the cassette is told, for a test to ask what its code sent; null when none asks. */
    private volatile SentRequests sent;

    ReplayAnswers(Path cassette, Mode mode, ReplayIndex index, BodyStore bodies, MissReport report,
            MissRecorder fetches, boolean keepsPace) {
        this.keepsPace = keepsPace;
        this.cassette = cassette;
        this.mode = mode;
        this.index = index;
        this.bodies = bodies;
        this.report = report;
        this.fetches = fetches;
    }

    @Override
    public boolean inUse() {
        return true;
    }

    void tellSentTo(SentRequests requests) {
        this.sent = requests;
    }

    @Override
    public Found http(ReplayedRequest request) {
        tell(request);
        IncomingRequest incoming = incoming(request);
        Interaction answer = index.answer(incoming, request.following());
        if (answer == null && fetches != null) {
            report.forwarded();
            return Found.fetch(fetches);
        }
        if (answer == null) {
            String explanation = ReplayMiss.describe(incoming, cassette, mode, index);
            report.missed(incoming.toString(), explanation);
            return Found.miss(new Miss(explanation));
        }
        report.served();
        if (Log.debugEnabled()) {
            Log.debug("replay: " + request + " answered by " + answer.source());
        }
        return Found.response(answer.response(), answer.connection());
    }

    @Override
    public RecordedResponse anotherAnswer(ReplayedRequest request, Predicate<RecordedResponse> fits) {
        Interaction answer = index.anotherAnswer(incoming(request), recorded -> fits.test(recorded.response()));
        if (answer != null && Log.debugEnabled()) {
            Log.debug("replay: " + request + " goes on as " + answer.source() + " recorded it");
        }
        return answer == null ? null : answer.response();
    }

    @Override
    public MissRecorder conversationFetches() {
        return fetches;
    }

    @Override
    public void conversationFetched(String what) {
        report.forwarded();
        if (Log.debugEnabled()) {
            Log.debug("update: " + what + " is not in the cassette; it goes on with the server");
        }
    }

    @Override
    public RecordedResponse httpAlongside(ReplayedRequest head) {
        IncomingRequest incoming = incoming(head);
        Interaction answer = index.answerIf(incoming, recorded -> !recorded.response().interleaving().isEmpty());
        if (answer == null) {
            return null;
        }
        tell(head);
        report.served();
        if (Log.debugEnabled()) {
            Log.debug("replay: " + head + " answered as it arrives, by " + answer.source());
        }
        return answer.response();
    }

    private void tell(ReplayedRequest request) {
        SentRequests requests = sent;
        if (requests != null) {
            byte[] body = request.body();
            requests.add(new SentRequest(request.method(), request.uri(), request.headers(), () -> body));
        }
    }

    @Override
    public Conversations conversations(ClientConnection connection) {
        String host = connection.host();
        String address = connection.address();
        int port = connection.port();
        return new Conversations() {
            @Override
            public List<Interaction> unused() {
                return index.conversations(host, address, port, true);
            }

            @Override
            public List<Interaction> all() {
                return index.conversations(host, address, port, false);
            }

            @Override
            public boolean take(Interaction conversation) {
                boolean unused = index.claim(conversation);
                taken(conversation);
                return unused;
            }

            @Override
            public boolean takeUnused(Interaction conversation) {
                if (!index.claim(conversation)) {
                    return false;
                }
                taken(conversation);
                return true;
            }

            private void taken(Interaction conversation) {
                report.served();
                if (Log.debugEnabled()) {
                    Log.debug("replay: conversation with " + host + ":" + port + " answered by "
                            + conversation.source());
                }
            }

            @Override
            public void follow(Interaction conversation, Object follower) {
                index.follow(conversation, follower);
            }

            @Override
            public Object follower(Interaction conversation) {
                return index.follower(conversation);
            }

            @Override
            public boolean takeTurns(Interaction conversation, int from, int to) {
                return index.takeTurns(conversation, from, to);
            }

            @Override
            public boolean turnTaken(Interaction conversation, int at) {
                return index.turnTaken(conversation, at);
            }

            @Override
            public void giveBackTurn(Interaction conversation, int at) {
                index.giveBackTurn(conversation, at);
            }

            @Override
            public void giveBack(Interaction conversation) {
                index.release(conversation);
                if (Log.debugEnabled()) {
                    Log.debug("replay: conversation " + conversation.source() + " given back: its connection follows "
                            + "another");
                }
            }
        };
    }

    @Override
    public TurnRules turns(String method, String uri) {
        return index.turns(IncomingRequest.of(method, uri));
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
        String explanation = "netrec: nothing recorded matches " + what + "\n  cassette: " + cassette + " (mode "
                + mode.label() + ")\n  " + why + "\n  to fix: record this conversation again (mode record)"
                + (fetches == null ? ", or add it beside the others (mode update)" : "") + ", or edit the cassette "
                + "(rules.yaml can free values that change from run to run)";
        report.missed(what, explanation);
        return new Miss(explanation);
    }

    @Override
    public Miss cannotAnswer(String request, String why) {
        String explanation = "netrec: cannot replay " + request + ": " + why.replaceFirst("^netrec: ", "");
        report.missed(request, explanation);
        return new Miss(explanation);
    }

    private static IncomingRequest incoming(ReplayedRequest request) {
        return IncomingRequest.of(request.method(), request.uri(), request.headers(), request.body());
    }
}
