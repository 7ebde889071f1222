package netrec.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** Bytes both ways between two connected sockets, as a proxy or a TLS terminator passes them on. */
final class SocketPipes {
    private SocketPipes() {
    }

    /**
     * Pipes {@code a} to {@code b} on this thread and {@code b} to {@code a} on another named {@code name}, until both
     * directions ended: each passes on its end of stream as a half-close; when one fails, both sockets close.
     */
    static void both(Socket a, Socket b, String name) throws InterruptedException {
        Thread back = new Thread(() -> pipe(b, a), name);
        back.setDaemon(true);
        back.start();
        pipe(a, b);
        back.join();
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from); // one side failed: the other direction's read ends too
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
