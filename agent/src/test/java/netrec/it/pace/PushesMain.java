package netrec.it.pace;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Asks a WebSocket server ({@link netrec.it.websocket.EchoServer}) for pushes, through the JDK HttpClient's WebSocket:
 * after its greeting, sends {@code pace3} and prints each of the three messages that answer it (spaces left out) and
 * the milliseconds since it was sent, then says {@code bye} and waits for the server's close. Exit 0 when the chat ran
 * to its close, 3 when it did not (with the failure on stdout).
 */
public final class PushesMain {
    private PushesMain() {
    }

    public static void main(String[] args) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("chat.v1")
                    .buildAsync(URI.create(args[0]), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                received.add(text.toString());
                                text.setLength(0);
                            }
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                            received.add("close " + code);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket ws, Throwable error) {
                            received.add("error " + error);
                        }
                    }).get(20, TimeUnit.SECONDS);
            expect("welcome", next(received));
            long start = System.nanoTime();
            socket.sendText("pace3", true).get(20, TimeUnit.SECONDS);
            for (int i = 1; i <= 3; i++) {
                String message = next(received);
                System.out.println(message.replace(" ", "") + " " + (System.nanoTime() - start) / 1_000_000L);
                System.out.flush();
            }
            socket.sendText("bye", true).get(20, TimeUnit.SECONDS);
            expect("close 1000", next(received));
            System.exit(0);
        } catch (Exception | AssertionError e) {
            System.out.println("FAILED: " + e);
            System.out.flush();
            System.exit(3);
        }
    }

    private static String next(BlockingQueue<String> received) throws InterruptedException {
        String message = received.poll(20, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message in 20 s");
        }
        return message;
    }

    private static void expect(String expected, String got) {
        if (!expected.equals(got)) {
            throw new AssertionError("expected " + expected + ", got " + got);
        }
    }
}
