package netrec.runtime.protocol;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedResponse;

/**
 * A cassette for the replay server's tests: each HTTP request is answered with what a function makes of it, none
 * alongside another, and anything it cannot answer fails the test.
 */
public final class ScriptedHttp extends ScriptedReplay {
    private final Function<ReplayedRequest, Found> answer;

    public ScriptedHttp(Path bodies, Function<ReplayedRequest, Found> answer) {
        super(List.of(), MatchRules.none(), bodies);
        this.answer = answer;
    }

    /** A 200 whose body is {@code text}. */
    public static Found ok(String text) {
        return Found.response(new RecordedResponse(200, "OK", Headers.of(List.of(new Headers.Field(
                "Content-Length", String.valueOf(text.length())))), Body.text(text), false));
    }

    @Override
    public Found http(ReplayedRequest request) {
        return answer.apply(request);
    }

    @Override
    public RecordedResponse httpAlongside(ReplayedRequest head) {
        return null;
    }

    @Override
    public Miss cannotAnswer(String request, String why) {
        throw new AssertionError(why);
    }

    @Override
    public Miss missed(String what, String why) {
        throw new AssertionError(why);
    }
}
