package netrec.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * A loopback stand-in of the part of Stripe's API that {@code StripeSdkCalls} uses, over HTTPS with the test
 * certificate: answers shaped as Stripe documents them, so that the Stripe SDK, as it ships, parses them. Only
 * the recording talks to it; replay runs with it stopped.
 */
public final class StripeStandIn implements AutoCloseable {
    private final WireMockServer server;

    private StripeStandIn(WireMockServer server) {
        this.server = server;
    }

    public static StripeStandIn start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").httpDisabled(true).httpsPort(0)
                .keystorePath(TestCertificates.keyStore().toString()).keystorePassword(TestCertificates.PASSWORD)
                .keyManagerPassword(TestCertificates.PASSWORD).keystoreType("PKCS12")
                .notifier(new Slf4jNotifier(false)));
        server.start();
        server.stubFor(post(urlEqualTo("/v1/customers")).withFormParam("email", equalTo("ada@example.org"))
                .withFormParam("name", equalTo("Ada"))
                .willReturn(json(200, customer("cus_ada", "ada@example.org", "Ada"))));
        server.stubFor(get(urlEqualTo("/v1/customers/cus_ada")).willReturn(json(200,
                customer("cus_ada", "ada@example.org", "Ada"))));
        server.stubFor(get(urlEqualTo("/v1/customers/cus_missing")).willReturn(json(404, "{\"error\": {"
                + "\"code\": \"resource_missing\", \"doc_url\": \"https://stripe.com/docs/error-codes/resource-missing\","
                + " \"message\": \"No such customer: 'cus_missing'\", \"param\": \"id\", \"request_log_url\": null,"
                + " \"type\": \"invalid_request_error\"}}")));
        server.stubFor(get(urlEqualTo("/v1/customers?limit=2")).willReturn(json(200, page(true,
                customer("cus_1", "one@example.org", "One"), customer("cus_2", "two@example.org", "Two")))));
        server.stubFor(get(urlPathEqualTo("/v1/customers")).withQueryParam("starting_after", equalTo("cus_2"))
                .willReturn(json(200, page(false, customer("cus_3", "three@example.org", "Three")))));
        server.stubFor(get(urlEqualTo("/v1/balance")).willReturn(json(200, "{\"object\": \"balance\", "
                + "\"available\": [{\"amount\": 4200, \"currency\": \"eur\", \"source_types\": {\"card\": 4200}}], "
                + "\"livemode\": false, \"pending\": [{\"amount\": 0, \"currency\": \"eur\"}]}")));
        return new StripeStandIn(server);
    }

    /** The base URL to give the SDK ({@code Stripe.overrideApiBase}). */
    public String base() {
        return "https://localhost:" + server.httpsPort();
    }

    public int requestCount() {
        return server.getAllServeEvents().size();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_" + Integer.toHexString(body.hashCode())).withBody(body);
    }

    private static String customer(String id, String email, String name) {
        return "{\"id\": \"" + id + "\", \"object\": \"customer\", \"balance\": 0, \"created\": 1764000000, "
                + "\"currency\": null, \"email\": \"" + email + "\", \"livemode\": false, \"metadata\": {}, "
                + "\"name\": \"" + name + "\"}";
    }

    private static String page(boolean hasMore, String... customers) {
        return "{\"object\": \"list\", \"data\": [" + String.join(", ", customers) + "], \"has_more\": " + hasMore
                + ", \"url\": \"/v1/customers\"}";
    }
}
