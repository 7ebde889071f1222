package netrec.runtime;

/**
 * Keeps Netty on the JDK's own NIO channels and TLS, which netrec sees. Netty prefers its native transports
 * (epoll, io_uring) and OpenSSL when they are on the classpath; those bypass the JDK, so netrec could neither record
 * nor replay them. Unless the user decided otherwise, netrec sets Netty's own switches before Netty starts:
 * {@code io.netty.transport.noNative=true} and {@code io.netty.handler.ssl.noOpenSsl=true}. A program that builds
 * epoll event loops without asking {@code Epoll.isAvailable()} first would then fail, so a user who set either
 * switch to {@code false} keeps it, and netrec says once that such traffic is invisible to it.
 */
final class NettyVisibility {
    static final String NO_NATIVE = "io.netty.transport.noNative";
    static final String NO_OPENSSL = "io.netty.handler.ssl.noOpenSsl";

    private NettyVisibility() {
    }

    static void apply() {
        keepOnJdk(NO_NATIVE, "Netty's native transports (epoll, io_uring)");
        keepOnJdk(NO_OPENSSL, "Netty's OpenSSL TLS");
    }

    private static void keepOnJdk(String property, String what) {
        String set = System.getProperty(property);
        if (set == null) {
            System.setProperty(property, "true");
            Log.debug("set -D" + property + "=true so that Netty uses the JDK, where netrec sees its traffic");
        } else if (!Boolean.parseBoolean(set)) {
            Log.warn(property + "=" + set + " lets " + what + " bypass the JDK: netrec cannot record or replay "
                    + "that traffic. Remove the setting to let netrec keep Netty on the JDK");
        }
    }
}
