package netrec.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A base request and one variant per field: each default matcher must fail on its own variant and no other. */
class MatcherTest {
    private static final RequestKey BASE = RequestKey.of("GET", "https://api.example.org:443/v1/items?a=1&b=2");

    private static final Map<String, RequestKey> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("method", RequestKey.of("POST", "https://api.example.org:443/v1/items?a=1&b=2"));
        VARIANTS.put("scheme", RequestKey.of("GET", "http://api.example.org:443/v1/items?a=1&b=2"));
        VARIANTS.put("host", RequestKey.of("GET", "https://other.example.org:443/v1/items?a=1&b=2"));
        VARIANTS.put("port", RequestKey.of("GET", "https://api.example.org:8443/v1/items?a=1&b=2"));
        VARIANTS.put("path", RequestKey.of("GET", "https://api.example.org:443/v2/items?a=1&b=2"));
        VARIANTS.put("query", RequestKey.of("GET", "https://api.example.org:443/v1/items?a=1&b=3"));
    }

    @Test
    void eachMatcherFailsOnExactlyItsOwnVariant() {
        for (Map.Entry<String, RequestKey> variant : VARIANTS.entrySet()) {
            List<String> failing = new ArrayList<>();
            for (Matcher matcher : Matcher.defaults()) {
                if (!matcher.match(BASE, variant.getValue()).matched()) {
                    failing.add(matcher.name());
                }
            }
            assertEquals(List.of(variant.getKey()), failing, "variant " + variant.getValue());
        }
    }

    @Test
    void everyMatcherAcceptsTheBaseRequest() {
        for (Matcher matcher : Matcher.defaults()) {
            assertEquals(true, matcher.match(BASE, BASE).matched(), matcher.name());
        }
    }

    @Test
    void queryParameterOrderAndHostCaseDoNotMatter() {
        RequestKey reordered = RequestKey.of("get", "https://API.example.org/v1/items?b=2&a=1");
        for (Matcher matcher : Matcher.defaults()) {
            assertEquals(true, matcher.match(BASE, reordered).matched(), matcher.name());
        }
    }

    @Test
    void queryMismatchSaysWhatIsExtraAndWhatIsMissing() {
        MatchResult result = Matcher.defaults().get(5).match(BASE,
                RequestKey.of("GET", "https://api.example.org/v1/items?a=1&c=9"));
        assertEquals("query differs: not recorded c=9; recorded but absent b=2", result.reason());
        assertEquals(0.5, result.distance());
    }
}
