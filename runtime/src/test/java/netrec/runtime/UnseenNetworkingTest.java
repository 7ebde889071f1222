package netrec.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnseenNetworkingTest {
    @Test
    void aNativeTlsLibraryIsNamedOnceWhateverItsPrefix() {
        String first = Stderr.during(() -> UnseenNetworking.classLoading(
                "io/grpc/netty/shaded/io/netty/internal/tcnative/SSL"));
        String again = Stderr.during(() -> UnseenNetworking.classLoading("io/netty/internal/tcnative/SSL"));

        assertTrue(first.startsWith("netrec: netty-tcnative (OpenSSL TLS for Netty) is in use in this JVM "
                + "(io.grpc.netty.shaded.io.netty.internal.tcnative.SSL): netrec sees only the encrypted bytes"), first);
        assertEquals("", again, "said once");
    }

    @Test
    void socketsOpenedPastTheJdkAreNamedWithWhatFollowsInReplay() {
        String said = Stderr.during(() -> UnseenNetworking.classLoading("software/amazon/awssdk/crt/io/ClientBootstrap"));

        assertTrue(said.contains("the AWS Common Runtime") && said.contains("in replay it reaches the network, unless "
                + "the JVM runs without one (the launcher's --no-network)"), said);
    }

    @Test
    void otherClassesAreNotNamed() {
        String said = Stderr.during(() -> {
            UnseenNetworking.classLoading("sun/nio/ch/SocketChannelImpl");
            UnseenNetworking.classLoading("sun/nio/ch/DatagramChannelImpl");
            UnseenNetworking.classLoading("org/conscrypt/NativeCryptoJni");
            UnseenNetworking.classLoading("myorg/conscrypt/NativeCrypto");
        });

        assertEquals("", said);
    }
}
