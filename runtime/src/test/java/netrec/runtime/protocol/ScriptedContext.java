package netrec.runtime.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedResponse;

/**
 * An answering context for a protocol's unit tests: what the protocol sends is collected, its misses are kept, the
 * raw TCP conversations are those given, and messages are compared byte for byte.
 */
public final class ScriptedContext implements AnsweringContext {
    public final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    public final List<String> misses = new ArrayList<>();
    public final List<Interaction> claimed = new ArrayList<>();
    private final List<Interaction> conversations;
    private final MatchRules rules;
    private final BodyStore bodies;
    public String failure;

    public ScriptedContext(List<Interaction> conversations, MatchRules rules, Path bodies) {
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
    public boolean replaying() {
        return true;
    }

    @Override
    public RecordedResponse answer(String method, String uri, Headers headers, byte[] body) {
        throw new AssertionError("no HTTP here");
    }

    @Override
    public RecordedResponse answerEarly(String method, String uri, Headers headers) {
        throw new AssertionError("no HTTP here");
    }

    @Override
    public ConnectionAnswering upgrade(String token, UpgradedRequest request, String uri, RecordedResponse response) {
        throw new AssertionError("no upgrade here");
    }

    @Override
    public String messageDifference(String method, String uri, byte[] recorded, byte[] actual) {
        return Arrays.equals(recorded, actual) ? null : "it differs";
    }

    @Override
    public void missed(String what, String why) {
        misses.add(what + ": " + why);
    }

    @Override
    public List<Interaction> conversations(boolean unusedOnly) {
        List<Interaction> found = new ArrayList<>();
        for (Interaction conversation : conversations) {
            if (!unusedOnly || !claimed.contains(conversation)) {
                found.add(conversation);
            }
        }
        return found;
    }

    @Override
    public boolean claim(Interaction conversation) {
        boolean unused = !claimed.contains(conversation);
        claimed.add(conversation);
        return unused;
    }

    @Override
    public MatchRules.Applied rules(String method, String uri) {
        return rules.forRequest(method, host(), "");
    }

    @Override
    public BodyStore bodies() {
        return bodies;
    }

    @Override
    public MissRecorder missRecorder() {
        return null;
    }

    @Override
    public void send(Answer answer) throws IOException {
        try (Answer sending = answer) {
            sending.transferTo(sent);
        }
    }

    @Override
    public String cannotAnswer(String request, String why) {
        misses.add(request + ": " + why);
        return request + ": " + why;
    }

    @Override
    public void fail(String explanation) {
        failure = explanation;
    }

    @Override
    public String client() {
        return "localhost:6379";
    }
}
