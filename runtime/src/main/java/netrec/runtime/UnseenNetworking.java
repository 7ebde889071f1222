package netrec.runtime;

import netrec.runtime.base.Log;

/**
 * Names on stderr, once each, the libraries in the JVM whose connections netrec cannot see, recognised as their
 * entry classes load (under any shading prefix): TLS done in native code (Conscrypt, netty-tcnative,
 * wildfly-openssl) or by another Java TLS provider (BouncyCastle's JSSE). Their sockets are the JDK's, so netrec
 * sees the encrypted bytes, which it can neither parse nor answer: such a connection is noted as not recorded, and
 * fails in replay. Sockets opened in native code altogether (JNI) pass netrec by; netrec keeps Netty's native
 * transports off ({@link NettyVisibility}), and {@code --no-network} stops the rest in replay.
 */
public final class UnseenNetworking {
    /** Entry classes, by internal name without any shading prefix, and what they are. */
    private static final String[][] LIBRARIES = {
        {"org/conscrypt/NativeCrypto", "Conscrypt (TLS in native code)"},
        {"io/netty/internal/tcnative/SSL", "netty-tcnative (OpenSSL TLS for Netty)"},
        {"org/wildfly/openssl/SSL", "wildfly-openssl (OpenSSL TLS)"},
        {"org/bouncycastle/jsse/provider/BouncyCastleJsseProvider", "BouncyCastle's JSSE (TLS outside the JDK)"},
    };

    private static volatile boolean active;

    private UnseenNetworking() {
    }

    /** netrec records or replays in this JVM: from now on, such libraries are named as they load. */
    static void activate() {
        active = true;
    }

    /** A class named {@code internalName} is about to be defined. Called for every class; a few string comparisons. */
    public static void classLoading(String internalName) {
        if (!active) {
            return;
        }
        for (String[] library : LIBRARIES) {
            String entry = library[0];
            int prefix = internalName.length() - entry.length();
            if (internalName.endsWith(entry) && (prefix == 0 || internalName.charAt(prefix - 1) == '/')) {
                Log.warnOnce("unseen:" + entry, library[1] + " is in this JVM (" + internalName.replace('/', '.')
                        + "): netrec sees only the encrypted bytes of the connections it carries, so they are not "
                        + "recorded, and fail in replay. Let the program use the JDK's own TLS to record them");
            }
        }
    }
}
