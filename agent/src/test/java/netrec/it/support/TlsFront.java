package netrec.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;

/**
 * TLS in front of a plain server on loopback, as a load balancer ends TLS before an application: the JDK's own
 * SSLServerSocket takes each connection's TLS (the test certificate) and pipes the plaintext both ways to the plain
 * server. For servers whose own TLS is not to be trusted under load: Java-WebSocket's SSLSocketChannel2 can leave a
 * record it read unprocessed.
 */
public final class TlsFront implements AutoCloseable {
    private final ServerSocket server;
    private final int plainPort;

    private TlsFront(ServerSocket server, int plainPort) {
        this.server = server;
        this.plainPort = plainPort;
    }

    /** TLS on a free loopback port, in front of the plain server on {@code plainPort}. */
    public static TlsFront to(int plainPort) throws IOException, GeneralSecurityException {
        ServerSocket server = TestCertificates.serverContext().getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        TlsFront front = new TlsFront(server, plainPort);
        daemon(front::acceptLoop, "tls-front");
        return front;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon(() -> serve(client), "tls-front-connection");
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (Socket tls = client; Socket plain = new Socket(InetAddress.getLoopbackAddress(), plainPort)) {
            tls.setTcpNoDelay(true);
            plain.setTcpNoDelay(true);
            SocketPipes.both(tls, plain, "tls-front-back");
        } catch (IOException | InterruptedException e) {
            // the client or the server hung up
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
