package netrec.runtime;

import netrec.runtime.base.Log;
import netrec.runtime.base.Mode;

/**
 * Keeps Netty on the JDK's own NIO channels and TLS, which netrec sees. Netty prefers its native transports
 * (epoll, io_uring) and OpenSSL when they are on the classpath; those bypass the JDK, so netrec could neither record
 * nor replay them. Unless the user decided otherwise, netrec sets Netty's own switches before Netty starts:
 * {@code io.netty.transport.noNative=true} and {@code io.netty.handler.ssl.noOpenSsl=true}. A program that builds
 * epoll event loops without asking {@code Epoll.isAvailable()} first would then fail, so when recording a user who
 * set either switch to {@code false} keeps it, and netrec says that such traffic is invisible to it. Replay overrides
 * the user, and says so: native traffic would reach the network, which replay never allows.
 */
final class NettyVisibility {
    static final String NO_NATIVE = "io.netty.transport.noNative";
    static final String NO_OPENSSL = "io.netty.handler.ssl.noOpenSsl";

    private NettyVisibility() {
    }

    static void apply(Mode mode) {
        keepOnJdk(NO_NATIVE, "Netty's native transports (epoll, io_uring)", mode);
        keepOnJdk(NO_OPENSSL, "Netty's OpenSSL TLS", mode);
    }

    private static void keepOnJdk(String property, String what, Mode mode) {
        String set = System.getProperty(property);
        if (set == null) {
            System.setProperty(property, "true");
            Log.debug("set -D" + property + "=true so that Netty uses the JDK, where netrec sees its traffic");
        } else if (!Boolean.parseBoolean(set) && mode.replays()) {
            System.setProperty(property, "true");
            Log.warn(property + "=" + set + " would let " + what + " reach the network past replay; netrec set it to "
                    + "true for this " + mode.label() + " run");
        } else if (!Boolean.parseBoolean(set)) {
            Log.warn(property + "=" + set + " lets " + what + " bypass the JDK: netrec cannot record or replay "
                    + "that traffic. Remove the setting to let netrec keep Netty on the JDK");
        }
    }
}
