package netrec.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import netrec.runtime.Engine;

/**
 * What a test's code sent over HTTP while its cassette was in use, in record and in replay alike, for the test to
 * check (as WireMock's {@code verify} and MockWebServer's {@code takeRequest} are used): a parameter of any test that
 * has {@link Netrec}.
 *
 * <pre>{@code
 * @Test
 * void createsTheUser(SentRequests sent) {
 *     client.create("ada");
 *     sent.verify(1, "POST", "/users");
 *     assertEquals("{\"name\":\"ada\"}", sent.last().bodyText());
 * }
 * }</pre>
 *
 * Recorded requests are known once their exchange was recorded (the response read whole, or the connection closed);
 * replayed ones as replay received them, whether the cassette answered them or not (a request answered while its
 * body still streams, such as a bidirectional gRPC call, is listed with its head and no body). Only the test's own:
 * with one cassette for the whole class, what the tests before it sent is left out, and so is what its
 * {@code @BeforeEach} methods sent (but when the class's tests run at the same time, what the others send meanwhile
 * is listed too: give each test its own cassette to tell them apart). Each call asks afresh.
 */
public final class SentRequests {
    /** The running test whose cassette this is (the class's, when its tests share one). */
    private final String test;
    /** How many requests the cassette had kept before this test (a class's cassette is shared by its tests). */
    private final int before;

    SentRequests(String test, int before) {
        this.test = test;
        this.before = before;
    }

    /** Every request this test sent so far, in order. */
    public List<SentRequest> all() {
        List<netrec.runtime.base.SentRequest> kept = Engine.sentRequests(test);
        List<SentRequest> all = new ArrayList<>();
        for (netrec.runtime.base.SentRequest sent : kept.subList(Math.min(before, kept.size()), kept.size())) {
            all.add(new SentRequest(sent));
        }
        return all;
    }

    /**
     * The requests sent with {@code method} (any case; {@code *} for any) to {@code path}: the path without its query,
     * where {@code *} stands for any characters ({@code /users/*}).
     */
    public List<SentRequest> to(String method, String path) {
        Pattern paths = glob(path);
        List<SentRequest> matching = new ArrayList<>();
        for (SentRequest request : all()) {
            if ((method.equals("*") || request.method().equalsIgnoreCase(method))
                    && paths.matcher(request.path()).matches()) {
                matching.add(request);
            }
        }
        return matching;
    }

    /** How many requests were sent with {@code method} to {@code path} (as {@link #to} picks them). */
    public int count(String method, String path) {
        return to(method, path).size();
    }

    /**
     * Checks that exactly {@code times} requests were sent with {@code method} to {@code path}; the assertion error
     * lists every request sent.
     */
    public void verify(int times, String method, String path) {
        List<SentRequest> all = all();
        int found = to(method, path).size();
        if (found != times) {
            StringBuilder message = new StringBuilder("netrec: expected " + times + " " + method.toUpperCase(
                    Locale.ROOT) + " " + path + " request" + (times == 1 ? "" : "s") + ", but " + found
                    + (found == 1 ? " was" : " were") + " sent; "
                    + (all.isEmpty() ? "nothing was sent" : "all that was sent:"));
            for (SentRequest request : all) {
                message.append("\n  ").append(request);
            }
            throw new AssertionError(message.toString());
        }
    }

    /** The last request sent. */
    public SentRequest last() {
        List<SentRequest> all = all();
        if (all.isEmpty()) {
            throw new AssertionError("netrec: nothing was sent over HTTP while this test's cassette was in use");
        }
        return all.get(all.size() - 1);
    }

    private static Pattern glob(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }
}
