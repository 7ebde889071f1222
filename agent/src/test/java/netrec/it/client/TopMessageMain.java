package netrec.it.client;

import java.util.Map;

/**
 * Sends one request with the client named first, to the URL named second, and prints what a person sees when it
 * fails: {@code MESSAGE: } and the first line of the exception's own message, the one a stack trace starts with
 * (not a cause's). Exit status 3 when it failed, 0 when it was answered.
 */
public final class TopMessageMain {
    public static void main(String[] args) throws Exception {
        ClientUnderTest client = ClientUnderTest.named(args[0]);
        try {
            ClientUnderTest.Response response = client.execute("GET", args[1], Map.of(), null);
            System.out.println("ANSWERED: " + response.status);
            System.exit(0);
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            System.out.println("MESSAGE: " + e.getClass().getSimpleName() + ": " + message.lines().findFirst()
                    .orElse(""));
            System.out.flush();
            System.exit(3);
        }
    }
}
