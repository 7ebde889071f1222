package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import netrec.it.junit.JUnitMain;
import netrec.it.junit.StripeSdkCalls;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.support.StripeStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party SDK's own HTTPS calls, mocked in a developer's tests with {@code @Netrec} alone: Stripe's Java SDK
 * (com.stripe:stripe-java, which talks through HttpURLConnection and parses with Gson), recorded against a loopback
 * stand-in of Stripe's API, then replayed with the stand-in stopped in a JVM with no network.
 */
@JdkIndependent("Stripe's SDK talks through HttpsURLConnection, which UrlConnectionRecordReplayIT records and replays "
        + "on both JDKs")
class SdkIT {
    private static final List<String> TESTS = List.of("StripeSdkCalls.a_createsACustomer",
            "StripeSdkCalls.b_retrievesTheCustomer", "StripeSdkCalls.c_pagesThroughAllCustomers",
            "StripeSdkCalls.d_aMissingCustomerIsStripesInvalidRequestError", "StripeSdkCalls.e_readsTheBalance");

    @TempDir
    Path work;

    private ChildJvm tests(String api) {
        return ChildJvm.withAgent("").netrecOnClasspath().jvmOption("-Dtest.stripe=" + api)
                .jvmOption("-Dnetrec.cassettes=" + work.resolve("cassettes"))
                .main(JUnitMain.class.getName(), StripeSdkCalls.class.getName());
    }

    @Test
    void stripeSdkCallsRecordOnceThenReplayWithNoNetwork() throws Exception {
        String api;
        try (StripeStandIn stripe = StripeStandIn.start()) {
            api = stripe.base();
            ChildJvm.Result recorded = tests(api).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertEquals(TESTS, passed(recorded));
            assertEquals(6, stripe.requestCount(), "each call reached the stand-in once");
        }
        String cassette = Files.readString(onlyRecording(work.resolve("cassettes/StripeSdkCalls/a_createsACustomer")));
        assertTrue(cassette.contains("uri: " + api + "/v1/customers"), cassette);
        assertTrue(cassette.contains("User-Agent: Stripe/v1 JavaBindings/"), "the SDK's own request: " + cassette);
        assertFalse(cassette.contains("sk_test_netrec"), "the API key is redacted: " + cassette);

        ChildJvm.Result replayed = (ChildJvm.networkNamespacesWork() ? tests(api).withoutLoopback() : tests(api))
                .run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(TESTS, passed(replayed));
        assertEquals("", replayed.stderr);
    }

    private static Path onlyRecording(Path cassette) throws Exception {
        try (var files = Files.list(cassette.resolve("interactions"))) {
            return files.findFirst().orElseThrow();
        }
    }

    private static List<String> passed(ChildJvm.Result run) {
        return run.lines().stream().filter(l -> l.startsWith("PASSED ")).map(l -> l.substring(7)).sorted()
                .collect(Collectors.toList());
    }
}
