package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.Future;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code sun.nio.ch.UnixAsynchronousSocketChannelImpl}: every {@code AsynchronousSocketChannel} (NIO.2; Tomcat's
 * WebSocket client, Apache MINA SSHD, t-io), whose operations complete through completion handlers or futures.
 * {@code implConnect} is where every connect begins: replay redirects it to its in-JVM server or refuses it (the
 * channel closed, the handler or future told netrec's reason); {@code setConnected} is where it succeeded, at once
 * or later. {@code implRead} and {@code implWrite} begin every read and write (single buffer or scattering and
 * gathering); the bytes are taken when the JDK re-enables reading or writing ({@link AsyncCompletionInstrumentation}),
 * and a read's end of stream reaches netrec through the handler or future before the application. Without this,
 * such a channel is neither recorded nor kept off the network in replay.
 */
public final class AsyncSocketChannelInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "sun.nio.ch.UnixAsynchronousSocketChannelImpl";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return new AsmVisitorWrapper.Compound(
                Advice.to(Connect.class).on(named("implConnect")
                        .and(takesArguments(SocketAddress.class, Object.class, CompletionHandler.class))),
                Advice.to(Connected.class).on(named("setConnected").and(takesArguments(0))),
                Advice.to(Read.class).on(named("implRead").and(takesArguments(7))),
                Advice.to(Write.class).on(named("implWrite").and(takesArguments(7))),
                Advice.to(Close.class).on(named("implClose").and(takesArguments(0))));
    }

    /** Advice for implConnect. */
    public static final class Connect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings("rawtypes")
        static IOException enter(@Advice.This AsynchronousSocketChannel channel,
                @Advice.Argument(value = 0, readOnly = false) SocketAddress endpoint,
                @Advice.Argument(value = 2, readOnly = false) CompletionHandler handler) {
            NetrecBridge.Connect decision = NetrecBridge.asyncConnectStart(channel, endpoint);
            if (decision == null) {
                return null;
            }
            if (decision.destination != null) {
                endpoint = decision.destination;
            }
            if (decision.refusal != null) {
                handler = NetrecBridge.asyncRefused(channel, handler, decision.refusal);
            }
            return decision.refusal;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        @SuppressWarnings("rawtypes")
        static void exit(@Advice.Enter IOException refusal, @Advice.Return(readOnly = false) Future future) {
            if (refusal != null && future != null) {
                future = NetrecBridge.asyncRefusedFuture(refusal);
            }
        }
    }

    /** Advice for setConnected: the connect succeeded. */
    public static final class Connected {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This AsynchronousSocketChannel channel,
                @Advice.FieldValue("pendingRemote") SocketAddress endpoint, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                NetrecBridge.asyncConnectEnd(channel, endpoint);
            }
        }
    }

    /** Advice for implRead. */
    public static final class Read {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings("rawtypes")
        static boolean enter(@Advice.This AsynchronousSocketChannel channel, @Advice.Argument(1) ByteBuffer dst,
                @Advice.Argument(2) ByteBuffer[] dsts,
                @Advice.Argument(value = 6, readOnly = false) CompletionHandler handler) {
            boolean followed = NetrecBridge.asyncReadStart(channel, dst, dsts);
            if (followed) {
                handler = NetrecBridge.asyncReadHandler(channel, handler);
            }
            return followed;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        @SuppressWarnings("rawtypes")
        static void exit(@Advice.This AsynchronousSocketChannel channel, @Advice.Enter boolean followed,
                @Advice.Return(readOnly = false) Future future) {
            if (followed) {
                future = NetrecBridge.asyncReadFuture(channel, future);
            }
        }
    }

    /** Advice for implWrite. */
    public static final class Write {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This AsynchronousSocketChannel channel, @Advice.Argument(1) ByteBuffer src,
                @Advice.Argument(2) ByteBuffer[] srcs) {
            NetrecBridge.asyncWriteStart(channel, src, srcs);
        }
    }

    /** Advice for implClose. */
    public static final class Close {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This AsynchronousSocketChannel channel) {
            NetrecBridge.asyncClosed(channel);
        }
    }
}
