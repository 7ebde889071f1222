package netrec.runtime;

import netrec.runtime.base.Log;

/**
 * Names on stderr, once each and in every mode, what in the JVM talks to the network past netrec, recognised as its
 * entry class loads (under any shading prefix, {@link ShadedName}). Two kinds:
 * <ul>
 *   <li>TLS done in native code (Conscrypt, netty-tcnative, wildfly-openssl) or by another Java TLS provider
 *       (BouncyCastle's JSSE). Their sockets are the JDK's, so netrec sees the encrypted bytes, which it can neither
 *       parse nor answer: such a connection is noted as not recorded, and fails in replay.</li>
 *   <li>Sockets netrec does not see at all, opened in native code (the AWS Common Runtime's HTTP, S3 and MQTT
 *       clients). In replay that traffic reaches the network unless the JVM has none ({@code --no-network}).</li>
 * </ul>
 * Netty's native transports are not named here: {@link NettyVisibility} keeps them off.
 */
public final class UnseenNetworking {
    private static final String ENCRYPTED = "netrec sees only the encrypted bytes of the connections it carries, so "
            + "they are not recorded, and fail in replay. Let the program use the JDK's own TLS to record them";
    private static final String UNSEEN = "netrec neither records nor refuses that traffic: in replay it reaches the "
            + "network, unless the JVM runs without one (the launcher's --no-network)";

    /** Entry classes, by internal name without any shading prefix; what they are; what follows for netrec. */
    private static final String[][] ENTRIES = {
        {"org/conscrypt/NativeCrypto", "Conscrypt (TLS in native code)", ENCRYPTED},
        {"io/netty/internal/tcnative/SSL", "netty-tcnative (OpenSSL TLS for Netty)", ENCRYPTED},
        {"org/wildfly/openssl/SSL", "wildfly-openssl (OpenSSL TLS)", ENCRYPTED},
        {"org/bouncycastle/jsse/provider/BouncyCastleJsseProvider", "BouncyCastle's JSSE (TLS outside the JDK)",
            ENCRYPTED},
        {"software/amazon/awssdk/crt/io/ClientBootstrap", "the AWS Common Runtime (aws-crt: HTTP, S3 and MQTT clients "
            + "whose sockets are opened in native code)", UNSEEN},
    };

    private UnseenNetworking() {
    }

    /**
     * A class named {@code internalName} is about to be defined, or was loaded before netrec was attached to this
     * running JVM. Called for every class; costs a few string comparisons.
     */
    public static void classLoading(String internalName) {
        for (String[] entry : ENTRIES) {
            if (ShadedName.prefix(internalName, entry[0]) != null) {
                Log.warnOnce("unseen:" + entry[0], entry[1] + " is in use in this JVM (" + internalName.replace('/',
                        '.') + "): " + entry[2]);
            }
        }
    }
}
