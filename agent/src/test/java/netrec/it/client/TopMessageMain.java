package netrec.it.client;

import java.util.Map;

/**
 * Sends one request for each pair of arguments, with the client named first to the URL named second, and prints
 * what a person sees when it fails: {@code MESSAGE CLIENT URL: } and the first line of the exception's own message,
 * the one a stack trace starts with (not a cause's), or {@code ANSWERED CLIENT URL: STATUS}. Exit status 3 when any
 * failed, 0 when every one was answered.
 */
public final class TopMessageMain {
    public static void main(String[] args) throws Exception {
        int status = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String said = args[i] + " " + args[i + 1] + ": ";
            try {
                ClientUnderTest.Response response = ClientUnderTest.named(args[i]).execute("GET", args[i + 1],
                        Map.of(), null);
                System.out.println("ANSWERED " + said + response.status);
            } catch (Exception e) {
                String message = String.valueOf(e.getMessage());
                System.out.println("MESSAGE " + said + e.getClass().getSimpleName() + ": " + message.lines()
                        .findFirst().orElse(""));
                status = 3;
            }
        }
        System.out.flush();
        System.exit(status);
    }
}
