package netrec.it.websocket;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import javax.net.ssl.SSLContext;

/**
 * The chat through Tomcat's Jakarta WebSocket client ({@code tomcat-embed-websocket}), which talks over an
 * {@code AsynchronousSocketChannel} (and, for wss://, an SSLEngine over it), as it ships.
 */
final class TomcatChat {
    private TomcatChat() {
    }

    static ChatClientMain.Chat open(URI uri, BlockingQueue<String> received) throws Exception {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("chat.v1"))
                .build();
        // the JVM's default SSLContext, which trusts the test certificates (javax.net.ssl.trustStore)
        config.getUserProperties().put("org.apache.tomcat.websocket.SSL_CONTEXT", SSLContext.getDefault());
        Session session = container.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session opened, EndpointConfig endpointConfig) {
                opened.addMessageHandler(String.class, text -> received.add("text: " + text));
                opened.addMessageHandler(ByteBuffer.class, bytes -> received.add(ChatClientMain.binary(bytes)));
            }

            @Override
            public void onClose(Session closed, CloseReason reason) {
                received.add("close: " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
            }

            @Override
            public void onError(Session failed, Throwable error) {
                received.add("error: " + error);
            }
        }, config, uri);
        return new ChatClientMain.Chat() {
            @Override
            public String subprotocol() {
                return session.getNegotiatedSubprotocol();
            }

            @Override
            public void text(String text) throws Exception {
                session.getBasicRemote().sendText(text);
            }

            @Override
            public void binary(byte[] bytes) throws Exception {
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
            }

            @Override
            public void end() throws Exception {
                if (session.isOpen()) {
                    session.close();
                }
            }
        };
    }
}
