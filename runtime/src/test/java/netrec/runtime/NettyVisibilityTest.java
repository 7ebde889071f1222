package netrec.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import netrec.runtime.base.Mode;
import org.junit.jupiter.api.Test;

class NettyVisibilityTest {
    @Test
    void aCopyIsRecognisedByItsNativeSwitchReadersWhateverItsPrefix() {
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
        assertNull(NettyVisibility.copyPrefix("fooio/netty/channel/epoll/Epoll"));
        assertNull(NettyVisibility.copyPrefix("java/lang/String"));
    }

    @Test
    void aCopySwitchesAreSetAsItLoadsAndReplayOverridesTheUser() {
        NettyVisibility.apply(Mode.RECORD);
        System.setProperty("kept.io.netty.handler.ssl.noOpenSsl", "false");
        NettyVisibility.classLoading("kept/io/netty/handler/ssl/OpenSsl");
        assertEquals("true", System.getProperty("kept.io.netty.transport.noNative"));
        assertEquals("false", System.getProperty("kept.io.netty.handler.ssl.noOpenSsl"), "recording keeps the user's");

        NettyVisibility.apply(Mode.REPLAY);
        assertEquals("true", System.getProperty("kept.io.netty.handler.ssl.noOpenSsl"), "replay overrides it");
    }
}
