package netrec.it.failures;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.channels.SocketChannel;

/**
 * Calls that fail: a name that does not resolve, a connect to a port where nothing listens (plain socket, channel,
 * HttpURLConnection). Prints each call and the exception's class; with {@code --messages}, each message too.
 */
public final class FailingCallsMain {
    private FailingCallsMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int closedPort = Integer.parseInt(args[1]);
        boolean messages = args.length > 2 && args[2].equals("--messages");
        call("lookup nosuch.invalid", () -> InetAddress.getAllByName("nosuch.invalid"), messages);
        call("socket " + host + ":" + closedPort, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, closedPort), 5_000);
            }
        }, messages);
        call("channel " + host + ":" + closedPort, () -> {
            try (SocketChannel channel = SocketChannel.open()) {
                channel.connect(new InetSocketAddress(host, closedPort));
            }
        }, messages);
        call("http " + host + ":" + closedPort, () -> {
            try (InputStream in = new URL("http://" + host + ":" + closedPort + "/licence").openStream()) {
                in.readAllBytes();
            }
        }, messages);
    }

    private interface Call {
        void run() throws IOException;
    }

    private static void call(String what, Call call, boolean messages) {
        try {
            call.run();
            System.out.println(what + " -> ok");
        } catch (IOException e) {
            System.out.println(what + " -> " + e.getClass().getName());
            if (messages) {
                System.out.println("  " + e.getMessage());
            }
        }
    }
}
