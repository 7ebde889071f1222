package netrec.cassette.match;

import java.util.function.BiPredicate;
import java.util.function.Function;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedRequest;

/** One part of the request line (method, scheme, host or port); the recorded part may hold placeholders. */
final class RequestLinePart extends Matcher {
    private final Function<RecordedRequest, String> recordedPart;
    private final Function<IncomingRequest, String> sentPart;
    private final BiPredicate<RecordedRequest, String> accepts;

    private RequestLinePart(String name, Function<RecordedRequest, String> recordedPart,
            Function<IncomingRequest, String> sentPart, BiPredicate<RecordedRequest, String> accepts) {
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

    static RequestLinePart method() {
        return new RequestLinePart("method", RecordedRequest::method, IncomingRequest::method,
                (recorded, sent) -> recorded.method().equalsIgnoreCase(sent));
    }

    static RequestLinePart scheme() {
        return new RequestLinePart("scheme", r -> r.template().scheme(), IncomingRequest::scheme,
                (recorded, sent) -> recorded.template().scheme().equals(sent));
    }

    static RequestLinePart host() {
        return new RequestLinePart("host", r -> r.template().host().text(), IncomingRequest::host,
                (recorded, sent) -> recorded.template().host().matches(sent));
    }

    static RequestLinePart port() {
        return new RequestLinePart("port", r -> r.template().port().text(), k -> String.valueOf(k.port()),
                (recorded, sent) -> recorded.template().port().matches(sent));
    }
}
