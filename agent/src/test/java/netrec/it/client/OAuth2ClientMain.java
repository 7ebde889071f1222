package netrec.it.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OAuth2 client-credentials flow as a service runs it, through the JDK's {@code HttpClient}: finds the token and
 * userinfo endpoints by OpenID Connect discovery at {@code ISSUER}, gets an access token for {@code CLIENT} and
 * {@code SECRET} (HTTP Basic), then calls the protected userinfo endpoint with it as a bearer token. Prints what the
 * token response and the protected call said, never the token; exit 3 with the failure on stdout.
 */
public final class OAuth2ClientMain {
    private OAuth2ClientMain() {
    }

    public static void main(String[] args) {
        try {
            String issuer = args[0];
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String discovery = http.send(HttpRequest.newBuilder(URI.create(issuer
                    + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body();
            String basic = Base64.getEncoder().encodeToString((args[1] + ":" + args[2])
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(field(discovery,
                    "token_endpoint"))).header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=api")).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("token: " + token.statusCode() + " " + field(token.body(), "token_type") + ", scope "
                    + field(token.body(), "scope"));
            HttpResponse<String> user = http.send(HttpRequest.newBuilder(URI.create(field(discovery,
                    "userinfo_endpoint"))).header("Authorization", "Bearer " + field(token.body(), "access_token"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("userinfo: " + user.statusCode() + " sub " + field(user.body(), "sub") + ", aud "
                    + field(user.body(), "aud"));
            System.exit(0);
        } catch (Exception e) {
            System.out.println("FAILED: " + e);
            System.exit(3);
        }
    }

    /** The string value of the JSON field {@code name}, or the first of an array's. */
    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\\[?\\s*\"([^\"]*)\"").matcher(json);
        if (!value.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return value.group(1);
    }
}
