package netrec.cassette.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.MatchRules;
import netrec.cassette.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A base request and one variant per part: each matcher must fail on its own variant and no other. Headers and
 * body count here because the rules say so (Accept, and the body as JSON).
 */
class MatcherTest {
    private static final String URI = "https://api.example.org:443/v1/items?a=1&b=2";
    private static final String JSON = "{\"name\": \"x\", \"tags\": [1, 2]}";
    private static final RecordedRequest RECORDED = new RecordedRequest("POST", URI, accept("application/json"),
            Body.text(JSON));
    private static final MatchRules.Applied RULES = TestRules.everywhere("match-headers", "Accept", "body", "json")
            .forRequest("POST", "api.example.org", "/v1/items");
    private static final List<Matcher> MATCHERS = Matcher.all(body -> body.text().getBytes(StandardCharsets.UTF_8));

    private static final Map<String, IncomingRequest> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("method", sent("PUT", URI, "application/json", JSON));
        VARIANTS.put("scheme", sent("POST", "http://api.example.org:443/v1/items?a=1&b=2", "application/json", JSON));
        VARIANTS.put("host", sent("POST", "https://other.example.org:443/v1/items?a=1&b=2", "application/json", JSON));
        VARIANTS.put("port", sent("POST", "https://api.example.org:8443/v1/items?a=1&b=2", "application/json", JSON));
        VARIANTS.put("path", sent("POST", "https://api.example.org:443/v2/items?a=1&b=2", "application/json", JSON));
        VARIANTS.put("query", sent("POST", "https://api.example.org:443/v1/items?a=1&b=3", "application/json", JSON));
        VARIANTS.put("headers", sent("POST", URI, "text/plain", JSON));
        VARIANTS.put("body", sent("POST", URI, "application/json", "{\"name\": \"y\", \"tags\": [1, 2]}"));
    }

    private static Headers accept(String value) {
        return Headers.of(List.of(new Headers.Field("Accept", value)));
    }

    private static IncomingRequest sent(String method, String uri, String accept, String body) {
        return IncomingRequest.of(method, uri, accept(accept), body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> failing(RecordedRequest recorded, IncomingRequest sent) {
        List<String> failing = new ArrayList<>();
        for (Matcher matcher : MATCHERS) {
            if (!matcher.match(recorded, sent, RULES).matched()) {
                failing.add(matcher.name());
            }
        }
        return failing;
    }

    @Test
    void eachMatcherFailsOnExactlyItsOwnVariant() {
        assertEquals(MATCHERS.size(), VARIANTS.size(), "one variant per matcher");
        for (Map.Entry<String, IncomingRequest> variant : VARIANTS.entrySet()) {
            assertEquals(List.of(variant.getKey()), failing(RECORDED, variant.getValue()), "variant " + variant.getKey());
        }
    }

    @Test
    void everyMatcherAcceptsTheSameRequestReorderedAndReformatted() {
        IncomingRequest same = sent("post", "https://API.example.org/v1/items?b=2&a=1", "application/json",
                "{ \"tags\": [1,2],\n  \"name\": \"x\" }");
        assertEquals(List.of(), failing(RECORDED, same));
    }

    @Test
    void redactedValuesStandForAnyValueSoARedactedRequestStillMatches() {
        RecordedRequest redacted = new RecordedRequest("POST",
                "https://api.example.org:443/v1/items?a=1&b=2&api_key={redacted}", accept("<redacted by netrec>"),
                Body.text("{\"name\": \"x\", \"tags\": [1, 2], \"password\": \"<redacted by netrec>\"}"));
        IncomingRequest sent = sent("POST", "https://api.example.org:443/v1/items?api_key=k-123&a=1&b=2",
                "application/json", "{\"name\": \"x\", \"tags\": [1, 2], \"password\": \"hunter2\"}");
        assertEquals(List.of(), failing(redacted, sent));
        IncomingRequest otherName = sent("POST", "https://api.example.org:443/v1/items?api_key=k-123&a=1&b=2",
                "application/json", "{\"name\": \"y\", \"tags\": [1, 2], \"password\": \"hunter2\"}");
        assertEquals(List.of("body"), failing(redacted, otherName), "only the redacted field is any value");
        IncomingRequest noPassword = sent("POST", "https://api.example.org:443/v1/items?api_key=k-123&a=1&b=2",
                "application/json", "{\"name\": \"x\", \"tags\": [1, 2]}");
        assertEquals(List.of("body"), failing(redacted, noPassword), "a redacted field must still be sent");
    }

    @Test
    void aRedactedFormFieldStandsForAnyValue() {
        MatchRules.Applied form = TestRules.everywhere("body", "form").forRequest("POST", "api.example.org", "/login");
        RecordedRequest recorded = new RecordedRequest("POST", "https://api.example.org:443/login", Headers.none(),
                Body.text("user=me&password=%3Credacted+by+netrec%3E"));
        IncomingRequest sent = IncomingRequest.of("POST", "https://api.example.org:443/login", Headers.none(),
                "password=hunter2&user=me".getBytes(StandardCharsets.UTF_8));
        IncomingRequest otherUser = IncomingRequest.of("POST", "https://api.example.org:443/login", Headers.none(),
                "password=hunter2&user=you".getBytes(StandardCharsets.UTF_8));
        for (Matcher matcher : MATCHERS) {
            assertEquals(true, matcher.match(recorded, sent, form).matched(), matcher.name());
        }
        assertEquals(false, MATCHERS.get(MATCHERS.size() - 1).match(recorded, otherUser, form).matched());
    }

    @Test
    void placeholdersStandForTheirPartOnly() {
        RecordedRequest template = new RecordedRequest("POST",
                "https://{region}.example.org:{*}/v1/{kind}/{id:[0-9]+}/{**}?a={*}&b=2", accept("application/json"),
                Body.text(JSON));
        assertEquals(List.of(), failing(template,
                sent("POST", "https://eu.example.org:8443/v1/items/42/x/y?a=abc&b=2", "application/json", JSON)));
        assertEquals(List.of(), failing(template,
                sent("POST", "https://eu.example.org:8443/v1/items/42?a=&b=2", "application/json", JSON)));
        assertEquals(List.of("path"), failing(template,
                sent("POST", "https://eu.example.org:8443/v1/items/4x2/y?a=1&b=2", "application/json", JSON)));
        assertEquals(List.of("host"), failing(template,
                sent("POST", "https://eu.west.example.org:8443/v1/items/42?a=1&b=2", "application/json", JSON)));
        assertEquals(List.of("query"), failing(template,
                sent("POST", "https://eu.example.org:8443/v1/items/42?a=1&b=3", "application/json", JSON)));
    }

    @Test
    void queryMismatchSaysWhatIsExtraAndWhatIsMissing() {
        MatchResult result = MATCHERS.get(5).match(RECORDED,
                sent("POST", "https://api.example.org/v1/items?a=1&c=9", "application/json", JSON), RULES);
        assertEquals("query differs: not recorded c=9; recorded but absent b=2", result.reason());
        assertEquals(0.5, result.distance());
    }

    @Test
    void ignoredQueryParametersDoNotCountOnEitherSide() {
        MatchRules.Applied ignoring = TestRules.everywhere("ignore-query", "b, _").forRequest("POST", "api.example.org", "/v1/items");
        MatchResult result = MATCHERS.get(5).match(RECORDED,
                sent("POST", "https://api.example.org/v1/items?_=123&a=1", "application/json", JSON), ignoring);
        assertEquals(true, result.matched(), result.reason());
    }

    @Test
    void bodyMismatchNamesTheFirstDifferingJsonField() {
        MatchResult result = MATCHERS.get(7).match(RECORDED, VARIANTS.get("body"), RULES);
        assertEquals("body differs (json) at .name: \"y\", recorded \"x\"", result.reason());
    }

    @Test
    void ignoredJsonFieldsAndFormFieldOrder() {
        MatchRules.Applied json = TestRules.everywhere("body", "json", "ignore-body-fields", "sentAt").forRequest("POST", "h", "/");
        RecordedRequest withTime = new RecordedRequest("POST", URI, Headers.none(),
                Body.text("{\"a\": {\"sentAt\": 1, \"b\": 2}, \"sentAt\": 1}"));
        assertEquals(true, MATCHERS.get(7).match(withTime, IncomingRequest.of("POST", URI, Headers.none(),
                "{\"a\": {\"b\": 2, \"sentAt\": 9}, \"sentAt\": 9}".getBytes(StandardCharsets.UTF_8)), json).matched());

        MatchRules.Applied form = TestRules.everywhere("body", "form", "ignore-body-fields", "nonce").forRequest("POST", "h", "/");
        RecordedRequest formBody = new RecordedRequest("POST", URI, Headers.none(), Body.text("a=1&b=2&nonce=x"));
        assertEquals(true, MATCHERS.get(7).match(formBody, IncomingRequest.of("POST", URI, Headers.none(),
                "nonce=y&b=2&a=1".getBytes(StandardCharsets.UTF_8)), form).matched());
        assertEquals("body differs (form): a=1&b=3, recorded a=1&b=2", MATCHERS.get(7).match(formBody,
                IncomingRequest.of("POST", URI, Headers.none(), "b=3&a=1".getBytes(StandardCharsets.UTF_8)), form).reason());
    }
}
