package netrec.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import netrec.runtime.base.Mode;
import org.junit.jupiter.api.Test;

class NettyVisibilityTest {
    @Test
    void aCopyIsRecognisedByItsSwitchReadersWhateverItsPrefix() {
        assertEquals("io.grpc.netty.shaded.",
                NettyVisibility.copyPrefix("io/grpc/netty/shaded/io/netty/channel/epoll/Epoll"));
        assertEquals("software.amazon.awssdk.thirdparty.",
                NettyVisibility.copyPrefix("software/amazon/awssdk/thirdparty/io/netty/handler/ssl/OpenSsl"));
        assertEquals("", NettyVisibility.copyPrefix("io/netty/channel/kqueue/KQueue"));
        assertEquals("co.", NettyVisibility.copyPrefix("co/io/netty/channel/uring/IoUring"));
        assertEquals("", NettyVisibility.copyPrefix("io/netty/incubator/channel/uring/IOUring"));
    }

    @Test
    void otherClassesAreNoCopy() {
        assertNull(NettyVisibility.copyPrefix("io/netty/channel/epoll/EpollSocketChannel"));
        assertNull(NettyVisibility.copyPrefix("io/netty/channel/epoll/Native"));
        assertNull(NettyVisibility.copyPrefix("fooio/netty/channel/epoll/Epoll"));
        assertNull(NettyVisibility.copyPrefix("java/lang/String"));
    }

    @Test
    void aCopyLoadingGetsItsOwnSwitchesSetQuietly() {
        NettyVisibility.apply(Mode.RECORD);
        String said = Stderr.during(() -> NettyVisibility.classLoading("quiet/io/netty/channel/epoll/Epoll"));

        assertEquals("true", System.getProperty("quiet.io.netty.transport.noNative"));
        assertEquals("true", System.getProperty("quiet.io.netty.handler.ssl.noOpenSsl"));
        assertEquals("", said);
    }

    @Test
    void recordingKeepsTheUsersFalseForThatCopyAndSaysItCannotSeeIt() {
        NettyVisibility.apply(Mode.RECORD);
        System.setProperty("kept.io.netty.handler.ssl.noOpenSsl", "false");
        String said = Stderr.during(() -> NettyVisibility.classLoading("kept/io/netty/handler/ssl/OpenSsl"));

        assertEquals("false", System.getProperty("kept.io.netty.handler.ssl.noOpenSsl"));
        assertEquals("true", System.getProperty("kept.io.netty.transport.noNative"));
        assertEquals("netrec: kept.io.netty.handler.ssl.noOpenSsl=false lets Netty (shaded under kept)'s OpenSSL TLS "
                + "bypass the JDK: netrec cannot record or replay that traffic. Remove the setting to let netrec keep "
                + "Netty on the JDK\n", said);
    }

    @Test
    void replayAndUpdateOverrideTheUsersFalseForThatCopyAndSaySo() {
        for (Mode mode : new Mode[] {Mode.REPLAY, Mode.UPDATE}) {
            String prefix = "overridden" + mode.label();
            System.setProperty(prefix + ".io.netty.transport.noNative", "false");
            NettyVisibility.apply(mode);
            String said = Stderr.during(() -> NettyVisibility.classLoading(prefix + "/io/netty/channel/epoll/Epoll"));

            assertEquals("true", System.getProperty(prefix + ".io.netty.transport.noNative"), mode.label());
            assertEquals("netrec: " + prefix + ".io.netty.transport.noNative=false would let Netty (shaded under "
                    + prefix + ")'s native transports (epoll, kqueue, io_uring) reach the network past replay; netrec "
                    + "set it to true for this " + mode.label() + " run\n", said);
        }
    }

    @Test
    void aModeChangeReachesEveryCopySeenSoFar() {
        NettyVisibility.apply(Mode.RECORD);
        System.setProperty("later.io.netty.transport.noNative", "false");
        Stderr.during(() -> NettyVisibility.classLoading("later/io/netty/channel/epoll/Epoll"));
        assertEquals("false", System.getProperty("later.io.netty.transport.noNative"));

        Stderr.during(() -> NettyVisibility.apply(Mode.REPLAY));

        assertEquals("true", System.getProperty("later.io.netty.transport.noNative"));
    }

    @Test
    void aCopyLoadedBeforeNetrecWasAttachedIsNamedOnce() {
        NettyVisibility.apply(Mode.RECORD);
        String said = Stderr.during(() -> {
            NettyVisibility.loadedBeforeNetrec("early/io/netty/channel/epoll/Epoll");
            NettyVisibility.loadedBeforeNetrec("early/io/netty/handler/ssl/OpenSsl");
            NettyVisibility.loadedBeforeNetrec("early/io/netty/channel/epoll/EpollEventLoopGroup");
        });

        assertTrue(said.startsWith("netrec: Netty (shaded under early) was loaded before netrec was attached to this "
                + "JVM (early.io.netty.channel.epoll.Epoll): if it chose its native transport or OpenSSL"), said);
        assertEquals(1, said.lines().count(), said);
        assertEquals("true", System.getProperty("early.io.netty.transport.noNative"), "in case it has not started");
    }
}
