package netrec.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ShadedNameTest {
    private static final String OPENSSL = "io/netty/handler/ssl/OpenSsl";

    @Test
    void theClassAsItShipsHasAnEmptyPrefix() {
        assertEquals("", ShadedName.prefix(OPENSSL, OPENSSL));
    }

    @Test
    void aShadedCopyHasItsPackagePrefixDottedAsAPropertyPrefix() {
        assertEquals("io.grpc.netty.shaded.", ShadedName.prefix("io/grpc/netty/shaded/" + OPENSSL, OPENSSL));
        assertEquals("a.", ShadedName.prefix("a/" + OPENSSL, OPENSSL));
    }

    @Test
    void aNameThatOnlyEndsTheSameIsAnotherClass() {
        assertNull(ShadedName.prefix("fooio/netty/handler/ssl/OpenSsl", OPENSSL));
        assertNull(ShadedName.prefix("io/netty/handler/ssl/MyOpenSsl", OPENSSL));
        assertNull(ShadedName.prefix("io/netty/handler/ssl/OpenSslEngine", OPENSSL));
        assertNull(ShadedName.prefix("ssl/OpenSsl", OPENSSL));
    }
}
