package netrec.it.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.Protocol;

/**
 * A chat over WebSocket with {@link EchoServer}, through one client as it ships ({@code jdk}, {@code okhttp},
 * {@code jetty}, {@code java-websocket}, {@code tomcat}), saying {@code hello} or the third argument first (and the
 * fourth, when given, last before {@code bye}): it
 * prints the subprotocol and every message it gets, one a line. The second argument is the server's URL, or several
 * separated by commas, chatted with one after the other. Exit 0 when every chat ran to its close, 3 when one failed
 * (with the failure on stdout).
 */
public final class ChatClientMain {
    private static final String LONG = "netrec ".repeat(400);

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    /** One client's side of the chat. */
    interface Chat {
        String subprotocol();

        void text(String text) throws Exception;

        void binary(byte[] bytes) throws Exception;

        void end() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        ChatClientMain chatting = null;
        try {
            for (String url : args[1].split(",")) {
                chatting = new ChatClientMain();
                chatting.chat(args[0], URI.create(url), args.length > 2 ? args[2] : "hello",
                        args.length > 3 ? args[3] : null);
            }
            System.exit(0);
        } catch (Exception | AssertionError e) {
            if (chatting != null) {
                // a send fails when the connection failed under it; what the listener was told of that comes too
                for (String message; (message = chatting.received.poll(1, TimeUnit.SECONDS)) != null; ) {
                    print(message);
                }
            }
            System.out.println("FAILED: " + e);
            System.out.flush();
            System.exit(3);
        }
    }

    private void chat(String client, URI uri, String greeting, String last) throws Exception {
        Chat chat;
        switch (client) {
            case "jdk":
                chat = jdk(uri);
                break;
            case "okhttp":
                chat = okHttp(uri);
                break;
            case "jetty":
                chat = jetty(uri);
                break;
            case "java-websocket":
                chat = javaWebSocket(uri);
                break;
            case "tomcat":
                chat = TomcatChat.open(uri, received);
                break;
            default:
                throw new IllegalArgumentException(client);
        }
        System.out.println("subprotocol: " + chat.subprotocol());
        print(next());
        chat.text(greeting);
        print(next());
        chat.text(LONG);
        String echo = next();
        print(echo.equals("text: echo: " + LONG) ? "text: echo of " + LONG.length() + " characters" : echo);
        chat.binary(new byte[] {1, 2, 3, 4, 5});
        print(next());
        chat.text("push3");
        for (int i = 0; i < 3; i++) {
            print(next());
        }
        if (last != null) {
            chat.text(last);
            print(next());
        }
        chat.text("bye");
        print(next());
        chat.end();
    }

    /** The next message; a failed connection (its listener's error, printed) ends the chat at once. */
    private String next() throws InterruptedException {
        String message = received.poll(20, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message in 20 s");
        }
        if (message.startsWith("error: ")) {
            print(message);
            throw new AssertionError("the connection failed");
        }
        return message;
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static String binary(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return "binary: " + Arrays.toString(copy);
    }

    private Chat jdk(URI uri) throws Exception {
        StringBuilder text = new StringBuilder();
        List<ByteBuffer> parts = new ArrayList<>();
        java.net.http.WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("chat.v1")
                .buildAsync(uri, new java.net.http.WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add("text: " + text);
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(java.net.http.WebSocket ws, ByteBuffer data, boolean last) {
                        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data);
                        parts.add(copy.flip());
                        if (last) {
                            int size = parts.stream().mapToInt(ByteBuffer::remaining).sum();
                            ByteBuffer whole = ByteBuffer.allocate(size);
                            parts.forEach(whole::put);
                            parts.clear();
                            received.add(binary(whole.flip()));
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
                        received.add("close: " + code + " " + reason);
                        return null;
                    }

                    @Override
                    public void onError(java.net.http.WebSocket ws, Throwable error) {
                        received.add("error: " + error);
                    }
                }).get(20, TimeUnit.SECONDS);
        return new Chat() {
            @Override
            public String subprotocol() {
                return socket.getSubprotocol();
            }

            @Override
            public void text(String message) throws Exception {
                socket.sendText(message, true).get(20, TimeUnit.SECONDS);
            }

            @Override
            public void binary(byte[] bytes) throws Exception {
                socket.sendBinary(ByteBuffer.wrap(bytes), true).get(20, TimeUnit.SECONDS);
            }

            @Override
            public void end() throws Exception {
                // the JDK answers the server's close itself once onClose returns, which may be under way now; and
                // the server, its close sent, may have closed the connection already (then the transport says
                // "Output closed" while the WebSocket's own flag still says open)
                try {
                    socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "").get(20, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    boolean closedUnderIt = e.getCause() instanceof java.io.IOException
                            && "Output closed".equals(e.getCause().getMessage());
                    if (!socket.isOutputClosed() && !closedUnderIt) {
                        throw e;
                    }
                }
            }
        };
    }

    private Chat okHttp(URI uri) throws Exception {
        OkHttpClient client = new OkHttpClient();
        CompletableFuture<String> opened = new CompletableFuture<>();
        okhttp3.WebSocket socket = client.newWebSocket(new Request.Builder().url(uri.toString())
                .header("Sec-WebSocket-Protocol", "chat.v1").build(), new WebSocketListener() {
                    @Override
                    public void onOpen(okhttp3.WebSocket ws, Response response) {
                        opened.complete(response.header("Sec-WebSocket-Protocol"));
                    }

                    @Override
                    public void onMessage(okhttp3.WebSocket ws, String text) {
                        received.add("text: " + text);
                    }

                    @Override
                    public void onMessage(okhttp3.WebSocket ws, ByteString bytes) {
                        received.add(binary(bytes.asByteBuffer()));
                    }

                    @Override
                    public void onClosing(okhttp3.WebSocket ws, int code, String reason) {
                        received.add("close: " + code + " " + reason);
                        ws.close(1000, null);
                    }

                    @Override
                    public void onFailure(okhttp3.WebSocket ws, Throwable t, Response response) {
                        opened.completeExceptionally(t);
                        received.add("error: " + t);
                    }
                });
        String subprotocol = opened.get(20, TimeUnit.SECONDS);
        return new Chat() {
            @Override
            public String subprotocol() {
                return subprotocol;
            }

            @Override
            public void text(String message) {
                socket.send(message);
            }

            @Override
            public void binary(byte[] bytes) {
                socket.send(ByteString.of(bytes));
            }

            @Override
            public void end() {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
            }
        };
    }

    private Chat jetty(URI uri) throws Exception {
        org.eclipse.jetty.websocket.client.WebSocketClient client =
                new org.eclipse.jetty.websocket.client.WebSocketClient();
        client.start();
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setSubProtocols("chat.v1");
        Session session = client.connect(new JettyListener(received), uri, request).get(20, TimeUnit.SECONDS);
        return new Chat() {
            @Override
            public String subprotocol() {
                return session.getUpgradeResponse().getAcceptedSubProtocol();
            }

            @Override
            public void text(String message) {
                session.sendText(message, Callback.NOOP);
            }

            @Override
            public void binary(byte[] bytes) {
                session.sendBinary(ByteBuffer.wrap(bytes), Callback.NOOP);
            }

            @Override
            public void end() throws Exception {
                client.stop();
            }
        };
    }

    /** Jetty calls its listener's methods through method handles: the class must be public. */
    public static final class JettyListener extends Session.Listener.AbstractAutoDemanding {
        private final BlockingQueue<String> received;

        JettyListener(BlockingQueue<String> received) {
            this.received = received;
        }

        @Override
        public void onWebSocketText(String message) {
            received.add("text: " + message);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            received.add(binary(payload));
            callback.succeed();
        }

        @Override
        public void onWebSocketClose(int code, String reason) {
            received.add("close: " + code + " " + reason);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            received.add("error: " + cause);
        }
    }

    private Chat javaWebSocket(URI uri) throws Exception {
        CompletableFuture<String> opened = new CompletableFuture<>();
        org.java_websocket.client.WebSocketClient client = new org.java_websocket.client.WebSocketClient(uri,
                new Draft_6455(List.of(new PerMessageDeflateExtension()), List.of(new Protocol("chat.v1")))) {
            @Override
            public void onOpen(ServerHandshake handshake) {
                opened.complete(handshake.getFieldValue("Sec-WebSocket-Protocol"));
            }

            @Override
            public void onMessage(String message) {
                received.add("text: " + message);
            }

            @Override
            public void onMessage(ByteBuffer bytes) {
                received.add(binary(bytes));
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                received.add("close: " + code + " " + reason);
                opened.completeExceptionally(new IllegalStateException("closed: " + code + " " + reason));
            }

            @Override
            public void onError(Exception e) {
                received.add("error: " + e);
                opened.completeExceptionally(e);
            }
        };
        if (uri.getScheme().equals("wss")) {
            client.setSocketFactory(SSLContext.getDefault().getSocketFactory());
        }
        client.connect();
        String subprotocol = opened.get(20, TimeUnit.SECONDS);
        return new Chat() {
            @Override
            public String subprotocol() {
                return subprotocol;
            }

            @Override
            public void text(String message) {
                client.send(message);
            }

            @Override
            public void binary(byte[] bytes) {
                client.send(bytes);
            }

            @Override
            public void end() throws Exception {
                client.closeBlocking();
            }
        };
    }
}
