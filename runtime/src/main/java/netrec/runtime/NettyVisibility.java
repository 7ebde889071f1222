package netrec.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import netrec.runtime.base.Log;
import netrec.runtime.base.Mode;

/**
 * Keeps every copy of Netty in the JVM on the JDK's own NIO channels and TLS, which netrec sees: the one under
 * {@code io.netty}, and any copy another library shaded under a prefix of its own ({@code io.grpc.netty.shaded.}
 * for grpc-netty-shaded, and so on). Netty prefers its native transports (epoll, kqueue, io_uring) and OpenSSL when
 * they are on the classpath; those bypass the JDK, so netrec could neither record nor replay them. Each copy reads
 * its own switches, {@code PREFIXio.netty.transport.noNative} and {@code PREFIXio.netty.handler.ssl.noOpenSsl} (a
 * shading plugin relocates those strings with the classes), in the static initializer of {@code Epoll},
 * {@code KQueue}, {@code IoUring} (and the incubator's {@code IOUring}) and {@code OpenSsl}; every native event loop
 * and OpenSSL context checks with them before it starts. A copy is recognised by those classes' names, whatever its
 * prefix ({@link ShadedName}), as they load, before they initialize; the unshaded switches are set at start, and
 * serve a copy whose strings were not relocated.
 *
 * <p>Unless the user decided otherwise, each switch is set to {@code true}. A program that builds epoll event loops
 * without asking {@code Epoll.isAvailable()} first would then fail, so outside replay a user who set a switch to
 * {@code false} keeps it, and netrec says that such traffic is invisible to it. Replay overrides the user, and says
 * so: native traffic would reach the network, which replay never allows.
 *
 * <p>A copy loaded before netrec was attached to a running JVM may have chosen its transport already: netrec says so.
 */
public final class NettyVisibility {
    static final String NO_NATIVE = "io.netty.transport.noNative";
    static final String NO_OPENSSL = "io.netty.handler.ssl.noOpenSsl";
    /** The classes whose static initializers read the switches, by internal name without a copy's prefix. */
    private static final String[] NATIVE_TRANSPORTS = {"io/netty/channel/epoll/Epoll", "io/netty/channel/kqueue/KQueue",
        "io/netty/channel/uring/IoUring", "io/netty/incubator/channel/uring/IOUring"};
    private static final String OPENSSL = "io/netty/handler/ssl/OpenSsl";

    /** The prefixes of the copies seen so far; "" is the unshaded one. */
    private static final Set<String> COPIES = ConcurrentHashMap.newKeySet();
    /** How the switches are set: null until netrec is active in this JVM. */
    private static volatile Mode mode;

    private NettyVisibility() {
    }

    /** netrec is active in {@code current} mode (standby counts as recording): every copy's switches are set. */
    static void apply(Mode current) {
        mode = current;
        COPIES.add("");
        for (String prefix : COPIES) {
            keepOnJdk(prefix, current);
        }
    }

    /**
     * A class named {@code internalName} is about to be defined: if it is one of a Netty copy's native switches'
     * readers, that copy's switches are set now, before it initializes. Called for every class; costs a few string
     * comparisons.
     */
    public static void classLoading(String internalName) {
        String prefix = copyPrefix(internalName);
        if (prefix != null && COPIES.add(prefix)) {
            Mode current = mode;
            if (current != null) {
                keepOnJdk(prefix, current);
            }
        }
    }

    /**
     * A class named {@code internalName} was loaded before netrec was attached to this running JVM: if it is one of a
     * Netty copy's switches' readers, that copy's switches are set (in case it has not initialized yet), and netrec
     * says that it may have chosen its native transport or OpenSSL already.
     */
    public static void loadedBeforeNetrec(String internalName) {
        String prefix = copyPrefix(internalName);
        if (prefix == null) {
            return;
        }
        classLoading(internalName);
        Log.warnOnce("netty-before-netrec:" + prefix, copy(prefix) + " was loaded before netrec was attached to this "
                + "JVM (" + internalName.replace('/', '.') + "): if it chose its native transport or OpenSSL, netrec "
                + "cannot see that traffic, and in replay it would reach the network. Attach netrec with -javaagent "
                + "so that it starts before Netty");
    }

    /** The package prefix of the Netty copy {@code internalName} belongs to, dotted, or null when it is none. */
    static String copyPrefix(String internalName) {
        for (String transport : NATIVE_TRANSPORTS) {
            String prefix = ShadedName.prefix(internalName, transport);
            if (prefix != null) {
                return prefix;
            }
        }
        return ShadedName.prefix(internalName, OPENSSL);
    }

    private static String copy(String prefix) {
        return prefix.isEmpty() ? "Netty" : "Netty (shaded under " + prefix.substring(0, prefix.length() - 1) + ")";
    }

    private static void keepOnJdk(String prefix, Mode current) {
        keepOnJdk(prefix + NO_NATIVE, copy(prefix) + "'s native transports (epoll, kqueue, io_uring)", current);
        keepOnJdk(prefix + NO_OPENSSL, copy(prefix) + "'s OpenSSL TLS", current);
    }

    private static void keepOnJdk(String property, String what, Mode current) {
        String set = System.getProperty(property);
        if (set == null) {
            System.setProperty(property, "true");
            Log.debug("set -D" + property + "=true so that " + what + " stay off, and the JDK, where netrec sees "
                    + "the traffic, is used");
        } else if (!Boolean.parseBoolean(set) && current.replays()) {
            System.setProperty(property, "true");
            Log.warn(property + "=" + set + " would let " + what + " reach the network past replay; netrec set it to "
                    + "true for this " + current.label() + " run");
        } else if (!Boolean.parseBoolean(set)) {
            Log.warn(property + "=" + set + " lets " + what + " bypass the JDK: netrec cannot record or replay "
                    + "that traffic. Remove the setting to let netrec keep Netty on the JDK");
        }
    }
}
