package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.nio.channels.AsynchronousSocketChannel;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code sun.nio.ch.AsynchronousSocketChannelImpl#enableReading(boolean)} and {@code #enableWriting(boolean)}: the
 * JDK calls them once a read or write has moved its bytes (or failed, or timed out), on the thread that moved them,
 * before it completes the handler or future. netrec takes the bytes there, so a write is recorded before the answer
 * it caused, whichever pooled thread runs which handler first. Without this, an {@code AsynchronousSocketChannel}'s
 * bytes are not recorded.
 */
public final class AsyncCompletionInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "sun.nio.ch.AsynchronousSocketChannelImpl";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return new AsmVisitorWrapper.Compound(
                Advice.to(ReadDone.class).on(named("enableReading").and(takesArguments(boolean.class))),
                Advice.to(WriteDone.class).on(named("enableWriting").and(takesArguments(boolean.class))));
    }

    /** Advice for enableReading. */
    public static final class ReadDone {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This AsynchronousSocketChannel channel) {
            NetrecBridge.asyncFinished(channel, false);
        }
    }

    /** Advice for enableWriting. */
    public static final class WriteDone {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This AsynchronousSocketChannel channel) {
            NetrecBridge.asyncFinished(channel, true);
        }
    }
}
