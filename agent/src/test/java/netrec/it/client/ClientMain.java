package netrec.it.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The program the tests run under {@code -javaagent:netrec.jar}: it knows nothing of netrec. Arguments: the client,
 * then requests as {@code METHOD URL [header:Name=Value] [body:TEXT]} ({@code +} stands for a space in a header
 * value), {@code resolve HOST} or {@code unix} (a ping over a Unix domain socket), separated by {@code ;}. For each response it
 * prints one line that the tests compare between recording and replay; a failed request prints {@code FAILED:}
 * with the exception's message and ends the program with status 3 (with the system property
 * {@code client.keep.going=true}, it goes on to the next request, and ends with status 3 after the last one).
 * {@code loop URL} requests URL/1, URL/2, ... until killed, printing the time of each response; {@code async N URL}
 * sends URL/1 .. URL/N at once on one JDK HttpClient and prints each answer in request order. It exits when done, whatever threads a client library left.
 *
 * <p>Like a real client, it can put volatile values in its requests: {@code %NOW_MS%} becomes the time in epoch
 * milliseconds, {@code %UUID%} a random UUID and {@code %RANDOM%} a random cache-buster, fresh in each run. The
 * system property {@code client.clock.shift} (an ISO-8601 duration such as {@code P1D}) moves its clock, to play
 * a run on another day; {@code client.start.on-stdin=true} makes it wait, before its first request, for a line on
 * its standard input.
 */
public final class ClientMain {
    private static final boolean KEEP_GOING = Boolean.getBoolean("client.keep.going");
    private static boolean failed;

    public static void main(String[] args) throws Exception {
        ClientUnderTest client = ClientUnderTest.named(args[0]);
        if (args[1].equals("loop")) {
            for (int i = 1; ; i++) {
                ClientUnderTest.Response response = client.execute("GET", args[2] + "/" + i, Map.of(), null);
                System.out.println("response " + i + " " + response.status + " at " + System.currentTimeMillis());
            }
        }
        if (args[1].equals("async")) {
            AsyncRequests.run(Integer.parseInt(args[2]), args[3]);
            System.exit(0);
        }
        awaitStartLine();
        StringBuilder request = new StringBuilder();
        for (int i = 1; i < args.length; i++) {
            request.append(args[i]).append(' ');
        }
        for (String spec : withVolatileValues(request.toString()).split(";")) {
            if (!spec.trim().isEmpty()) {
                run(client, spec.trim().split(" "));
            }
        }
        System.exit(failed ? 3 : 0);
    }

    private static void awaitStartLine() throws IOException {
        if (Boolean.getBoolean("client.start.on-stdin")) {
            System.in.read(); // a line, or the end of the stream: the test says go
        }
    }

    private static String withVolatileValues(String requests) {
        java.time.Instant now = java.time.Instant.now()
                .plus(java.time.Duration.parse(System.getProperty("client.clock.shift", "PT0S")));
        String cacheBuster = Long.toString(new java.util.Random().nextLong() & Long.MAX_VALUE, 36);
        return requests.replace("%NOW_MS%", Long.toString(now.toEpochMilli()))
                .replace("%UUID%", java.util.UUID.randomUUID().toString()).replace("%RANDOM%", cacheBuster);
    }

    /** netrec's message where the client kept it (some clients wrap it as a cause), else the exception's own. */
    private static String explanation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("netrec")) {
                return t.getMessage();
            }
        }
        return failure.getMessage();
    }

    private static void run(ClientUnderTest client, String[] parts) throws Exception {
        if (parts[0].equals("unix")) {
            System.out.println("unix socket said " + UnixSocketExchange.pingPong());
            return;
        }
        if (parts[0].equals("resolve")) {
            try {
                System.out.println("resolved " + parts[1] + " " + java.util.Arrays.toString(
                        java.net.InetAddress.getAllByName(parts[1])));
            } catch (java.net.UnknownHostException e) {
                System.out.println("FAILED: " + e.getMessage());
                System.exit(3);
            }
            return;
        }
        Map<String, String> headers = new HashMap<>();
        byte[] body = null;
        for (int i = 2; i < parts.length; i++) {
            if (parts[i].startsWith("header:")) {
                String[] kv = parts[i].substring(7).split("=", 2);
                headers.put(kv[0], kv[1].replace('+', ' '));
            } else if (parts[i].startsWith("body:")) {
                body = parts[i].substring(5).getBytes(StandardCharsets.UTF_8);
            }
        }
        try {
            ClientUnderTest.Response response = client.execute(parts[0], parts[1], headers, body);
            System.out.println(parts[0] + " " + parts[1] + " -> " + response.status + " " + response.headers
                    + " " + response.body.length + " bytes sha256 "
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body)));
        } catch (Exception e) {
            System.out.println("FAILED: " + explanation(e));
            System.out.flush();
            if (!KEEP_GOING) {
                System.exit(3);
            }
            failed = true;
        }
    }
}
