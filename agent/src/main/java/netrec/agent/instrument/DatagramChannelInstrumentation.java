package netrec.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import netrec.runtime.bridge.NetrecBridge;

/**
 * {@code sun.nio.ch.DatagramChannelImpl}: UDP, through a DatagramChannel or a DatagramSocket (which the JDK builds on
 * one since JDK 15). Every datagram sent to an address goes through its private {@code send(FileDescriptor,
 * ByteBuffer, InetSocketAddress)}, and every one received through {@code receive} (a channel's) or
 * {@code blockingReceive} (a socket's, whose form differs between JDK 17 and 25); a connected channel's
 * {@code write}s carry no address, and its public {@code send} (a connected DatagramSocket's, JNDI's DNS) writes
 * straight to its peer without that private send, so both are refused as writes. Record notes DNS queries and their
 * answers; replay answers DNS queries itself and refuses UDP that would leave the machine. Without this, a DNS
 * resolver of the program's own (Netty's) reaches the network in replay.
 */
public final class DatagramChannelInstrumentation implements NetworkInstrumentation {
    @Override
    public String typeName() {
        return "sun.nio.ch.DatagramChannelImpl";
    }

    @Override
    public AsmVisitorWrapper advice() {
        return new AsmVisitorWrapper.Compound(
                Advice.to(Send.class).on(named("send").and(isPrivate())
                        .and(takesArguments(FileDescriptor.class, ByteBuffer.class, InetSocketAddress.class))),
                Advice.to(Receive.class).on(named("receive").and(isPublic()).and(takesArguments(ByteBuffer.class))
                        .or(named("blockingReceive").and(takesArguments(ByteBuffer.class, long.class))
                                .and(returns(SocketAddress.class)))),
                Advice.to(ReceivePacket.class).on(named("blockingReceive")
                        .and(takesArguments(DatagramPacket.class, long.class))),
                Advice.to(Write.class).on(named("write").and(takesArguments(ByteBuffer.class))
                        .or(named("write").and(takesArguments(ByteBuffer[].class, int.class, int.class)))
                        .or(named("send").and(isPublic()).and(takesArguments(ByteBuffer.class, SocketAddress.class)))));
    }

    /** Advice for the private send every datagram to an address goes through. */
    public static final class Send {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@Advice.This DatagramChannel channel, @Advice.Argument(1) ByteBuffer data,
                @Advice.Argument(2) InetSocketAddress target) {
            return NetrecBridge.datagramSend(channel, data, target);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object decision, @Advice.Return(readOnly = false) int sent,
                @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (decision instanceof Integer) {
                sent = (Integer) decision;
            } else if (decision instanceof IOException) {
                thrown = (IOException) decision;
            }
        }
    }

    /** Advice for a channel's receive, and a socket's blockingReceive on JDK 17: both return the sender. */
    public static final class Receive {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@Advice.Argument(0) ByteBuffer buffer) {
            return buffer.position();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This DatagramChannel channel, @Advice.Argument(0) ByteBuffer buffer,
                @Advice.Enter int before, @Advice.Return(readOnly = false) SocketAddress sender,
                @Advice.Thrown Throwable thrown) {
            if (thrown == null && sender != null) {
                sender = NetrecBridge.datagramReceived(channel, buffer, before, sender);
            }
        }
    }

    /** Advice for a socket's blockingReceive on JDK 25, which fills in a DatagramPacket. */
    public static final class ReceivePacket {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This DatagramChannel channel, @Advice.Argument(0) DatagramPacket packet,
                @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                NetrecBridge.datagramReceivedPacket(channel, packet);
            }
        }
    }

    /**
     * Advice for a connected channel's writes, and for the public send (which writes to the peer when connected, and
     * is left to the private send when not): replay refuses one whose peer is past this machine.
     */
    public static final class Write {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static IOException enter(@Advice.This DatagramChannel channel) {
            return NetrecBridge.datagramWrite(channel);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter IOException refusal, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (refusal != null) {
                thrown = refusal;
            }
        }
    }
}
