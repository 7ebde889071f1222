package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code sun.nio.ch.SocketChannelImpl}: every NIO TCP connection, blocking or driven by a Selector (JDK HttpClient,
 * Netty, Jetty), and the {@code socket()} adaptor's streams ({@code blockingConnect}, {@code blockingRead},
 * {@code blockingWriteFully}, JDK 13+), and {@code finishConnect} for non-blocking connects. Record copies the bytes each read and write moved; replay redirects the
 * connect to its in-JVM server or refuses it, so the client's own event loop runs unchanged. Unix domain channels
 * are left alone. Without this, no NIO client is recorded or replayed.
 */
public final class SocketChannelInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "sun.nio.ch.SocketChannelImpl";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return new AsmVisitorWrapper.Compound(
                Advice.to(Connect.class).on(named("connect").and(takesArguments(SocketAddress.class))
                        .or(named("blockingConnect").and(takesArguments(SocketAddress.class, long.class)))),
                Advice.to(FinishConnect.class).on(named("finishConnect").and(takesArguments(0))),
                Advice.to(ReadOne.class).on(named("read").and(takesArguments(ByteBuffer.class))),
                Advice.to(ReadMany.class).on(named("read").and(takesArguments(ByteBuffer[].class, int.class, int.class))),
                Advice.to(WriteOne.class).on(named("write").and(takesArguments(ByteBuffer.class))),
                Advice.to(WriteMany.class).on(named("write").and(takesArguments(ByteBuffer[].class, int.class, int.class))),
                Advice.to(AdaptorRead.class).on(named("blockingRead")
                        .and(takesArguments(byte[].class, int.class, int.class, long.class))),
                Advice.to(AdaptorWrite.class).on(named("blockingWriteFully")
                        .and(takesArguments(byte[].class, int.class, int.class))),
                Advice.to(Close.class).on(named("implCloseSelectableChannel").and(takesArguments(0))));
    }

    /** Advice for connect and blockingConnect. */
    public static final class Connect {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.This SocketChannel channel,
                @Advice.Argument(value = 0, readOnly = false) SocketAddress endpoint) {
            NetrecBridge.Connect decision = NetrecBridge.channelConnectStart(channel, endpoint);
            if (decision == null) {
                return null;
            }
            if (decision.destination != null) {
                endpoint = decision.destination;
            }
            return decision.refusal;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This SocketChannel channel, @Advice.Argument(0) SocketAddress endpoint,
                @Advice.Enter Object refusal, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (refusal instanceof Throwable) {
                thrown = (Throwable) refusal;
            } else {
                NetrecBridge.channelConnectEnd(channel, endpoint, thrown);
            }
        }
    }

    /** Advice for finishConnect: a non-blocking connect's outcome. */
    public static final class FinishConnect {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This SocketChannel channel, @Advice.Return boolean connected,
                @Advice.Thrown Throwable thrown) {
            NetrecBridge.channelConnectFinished(channel, connected, thrown);
        }
    }

    /** Advice for read(ByteBuffer). */
    public static final class ReadOne {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int[] enter(@Advice.Argument(0) ByteBuffer buffer) {
            return NetrecBridge.position(buffer);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This SocketChannel channel, @Advice.Argument(0) ByteBuffer buffer,
                @Advice.Enter int[] before, @Advice.Return int count, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (thrown == null) {
                IOException failure = NetrecBridge.channelReceived(channel, NetrecBridge.one(buffer), 0, before, count);
                if (failure != null) {
                    thrown = failure;
                }
            }
        }
    }

    /** Advice for the scattering read. */
    public static final class ReadMany {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int[] enter(@Advice.Argument(0) ByteBuffer[] buffers, @Advice.Argument(1) int offset,
                @Advice.Argument(2) int length) {
            return NetrecBridge.positions(buffers, offset, length);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This SocketChannel channel, @Advice.Argument(0) ByteBuffer[] buffers,
                @Advice.Argument(1) int offset, @Advice.Enter int[] before, @Advice.Return long count,
                @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (thrown == null) {
                IOException failure = NetrecBridge.channelReceived(channel, buffers, offset, before, count);
                if (failure != null) {
                    thrown = failure;
                }
            }
        }
    }

    /** Advice for write(ByteBuffer). */
    public static final class WriteOne {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int[] enter(@Advice.This SocketChannel channel, @Advice.Argument(0) ByteBuffer buffer) {
            NetrecBridge.writing(channel);
            return NetrecBridge.position(buffer);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This SocketChannel channel, @Advice.Argument(0) ByteBuffer buffer,
                @Advice.Enter int[] before) {
            NetrecBridge.channelSent(channel, NetrecBridge.one(buffer), 0, before); // a failed write moved nothing
        }
    }

    /** Advice for the gathering write. */
    public static final class WriteMany {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int[] enter(@Advice.This SocketChannel channel, @Advice.Argument(0) ByteBuffer[] buffers,
                @Advice.Argument(1) int offset, @Advice.Argument(2) int length) {
            NetrecBridge.writing(channel);
            return NetrecBridge.positions(buffers, offset, length);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This SocketChannel channel, @Advice.Argument(0) ByteBuffer[] buffers,
                @Advice.Argument(1) int offset, @Advice.Enter int[] before) {
            NetrecBridge.channelSent(channel, buffers, offset, before); // a failed write moved nothing
        }
    }

    /** Advice for the socket adaptor's read. */
    public static final class AdaptorRead {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This SocketChannel channel, @Advice.Argument(0) byte[] bytes,
                @Advice.Argument(1) int offset, @Advice.Return int count,
                @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (thrown == null) {
                IOException failure = NetrecBridge.channelReceivedBytes(channel, bytes, offset, count);
                if (failure != null) {
                    thrown = failure;
                }
            }
        }
    }

    /** Advice for the socket adaptor's write. */
    public static final class AdaptorWrite {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This SocketChannel channel) {
            NetrecBridge.writing(channel);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This SocketChannel channel, @Advice.Argument(0) byte[] bytes,
                @Advice.Argument(1) int offset, @Advice.Argument(2) int length, @Advice.Thrown Throwable thrown) {
            NetrecBridge.channelSentBytes(channel, bytes, offset, thrown == null ? length : 0);
        }
    }

    /** Advice for close. */
    public static final class Close {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This SocketChannel channel) {
            NetrecBridge.channelClosed(channel);
        }
    }
}
