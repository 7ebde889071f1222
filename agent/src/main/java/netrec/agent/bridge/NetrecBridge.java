package netrec.agent.bridge;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;

/**
 * What instrumented JDK methods call. At agent start this class is renamed to {@code jdk.internal.misc.NetrecBridge}
 * and defined inside java.base, so code inlined into java.base can call it without the boot class path being
 * touched (which would cost CDS and print a warning in every JVM). It uses JDK types only, and reaches netrec's
 * engine through one method handle per hook, which the agent fills in; until then, and whenever the engine fails,
 * every call answers "carry on as usual".
 *
 * <p>Each {@code xHook} field holds a handle to the engine's {@code Hooks.x}, with the same signature as the static
 * method {@code x} here. No lambdas and no string concatenation: this class runs inside early-boot JDK code.
 */
public final class NetrecBridge {
    public static volatile MethodHandle connectStartHook;
    public static volatile MethodHandle connectEndHook;
    public static volatile MethodHandle plainSentHook;
    public static volatile MethodHandle plainReceivedHook;
    public static volatile MethodHandle tlsSentHook;
    public static volatile MethodHandle tlsReceivedHook;
    public static volatile MethodHandle closedHook;
    public static volatile MethodHandle tlsLayerStartHook;
    public static volatile MethodHandle tlsLayerEndHook;
    public static volatile MethodHandle tlsSocketCreateHook;
    public static volatile MethodHandle lookupStartHook;
    public static volatile MethodHandle lookupEndHook;
    public static volatile MethodHandle applicationProtocolsHook;
    public static volatile MethodHandle channelConnectStartHook;
    public static volatile MethodHandle channelConnectEndHook;
    public static volatile MethodHandle channelConnectFinishedHook;
    public static volatile MethodHandle channelSentHook;
    public static volatile MethodHandle channelReceivedHook;
    public static volatile MethodHandle channelClosedHook;
    public static volatile MethodHandle tlsEngineCreateHook;
    public static volatile MethodHandle tlsEngineSentHook;
    public static volatile MethodHandle tlsEngineReceivedHook;

    private NetrecBridge() {
    }

    public static Object connectStart(Socket socket, SocketAddress endpoint) {
        MethodHandle hook = connectStartHook;
        if (hook == null) {
            return null;
        }
        try {
            return (Object) hook.invokeExact(socket, endpoint);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void connectEnd(Socket socket, SocketAddress endpoint, Throwable failure) {
        MethodHandle hook = connectEndHook;
        if (hook != null) {
            try {
                hook.invokeExact(socket, endpoint, failure);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static void plainSent(Socket socket, byte[] bytes, int offset, int length) {
        MethodHandle hook = plainSentHook;
        if (hook != null) {
            try {
                hook.invokeExact(socket, bytes, offset, length);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static IOException plainReceived(Socket socket, byte[] bytes, int offset, int count) {
        MethodHandle hook = plainReceivedHook;
        if (hook == null) {
            return null;
        }
        try {
            return (IOException) hook.invokeExact(socket, bytes, offset, count);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void tlsSent(Socket socket, byte[] bytes, int offset, int length) {
        MethodHandle hook = tlsSentHook;
        if (hook != null) {
            try {
                hook.invokeExact(socket, bytes, offset, length);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static void tlsReceived(Socket socket, byte[] bytes, int offset, int count) {
        MethodHandle hook = tlsReceivedHook;
        if (hook != null) {
            try {
                hook.invokeExact(socket, bytes, offset, count);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static void closed(Socket socket) {
        MethodHandle hook = closedHook;
        if (hook != null) {
            try {
                hook.invokeExact(socket);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static Socket tlsLayerStart(Socket plain, String host, int port, boolean autoClose) {
        MethodHandle hook = tlsLayerStartHook;
        if (hook == null) {
            return null;
        }
        try {
            return (Socket) hook.invokeExact(plain, host, port, autoClose);
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * The socket a TLS factory should return instead of its own, or null; the instrumented method rethrows what is
     * returned when it is a Throwable (a connect that failed).
     */
    public static Object tlsSocketCreate(SSLSocketFactory factory, Object[] arguments) {
        MethodHandle hook = tlsSocketCreateHook;
        if (hook == null) {
            return null;
        }
        try {
            return (Socket) hook.invokeExact(factory, arguments);
        } catch (Throwable t) {
            return t instanceof IOException ? t : null;
        }
    }

    public static void tlsLayerEnd(Socket tls, Socket plain, String host, int port) {
        MethodHandle hook = tlsLayerEndHook;
        if (hook != null) {
            try {
                hook.invokeExact(tls, plain, host, port);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static Object lookupStart(String host) {
        MethodHandle hook = lookupStartHook;
        if (hook == null) {
            return null;
        }
        try {
            return (Object) hook.invokeExact(host);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void lookupEnd(String host, InetAddress[] addresses) {
        MethodHandle hook = lookupEndHook;
        if (hook != null) {
            try {
                hook.invokeExact(host, addresses);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static String[] applicationProtocols(String[] protocols) {
        MethodHandle hook = applicationProtocolsHook;
        if (hook == null) {
            return protocols;
        }
        try {
            return (String[]) hook.invokeExact(protocols);
        } catch (Throwable t) {
            return protocols;
        }
    }

    public static Object channelConnectStart(SocketChannel channel, SocketAddress endpoint) {
        MethodHandle hook = channelConnectStartHook;
        if (hook == null) {
            return null;
        }
        try {
            return (Object) hook.invokeExact(channel, endpoint);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void channelConnectEnd(SocketChannel channel, SocketAddress endpoint, Throwable failure) {
        MethodHandle hook = channelConnectEndHook;
        if (hook != null) {
            try {
                hook.invokeExact(channel, endpoint, failure);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    /** A non-blocking connect completed ({@code connected}) or failed; its local address is known only now. */
    public static void channelConnectFinished(SocketChannel channel, boolean connected, Throwable failure) {
        MethodHandle hook = channelConnectFinishedHook;
        if (hook != null) {
            try {
                hook.invokeExact(channel, connected, failure);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    /** Positions of {@code buffers[offset..offset+length)} before a scattering or gathering call. */
    public static int[] positions(ByteBuffer[] buffers, int offset, int length) {
        int[] positions = new int[length];
        for (int i = 0; i < length; i++) {
            positions[i] = buffers[offset + i].position();
        }
        return positions;
    }

    /** Positions of one buffer, in the form {@link #positions} gives. */
    public static int[] position(ByteBuffer buffer) {
        int[] position = new int[1];
        position[0] = buffer.position();
        return position;
    }

    /** Bytes written from the buffers since {@code before}; the single-buffer and array forms both land here. */
    public static void channelSent(SocketChannel channel, ByteBuffer[] buffers, int offset, int[] before) {
        MethodHandle hook = channelSentHook;
        if (hook != null && before != null) {
            try {
                hook.invokeExact(channel, buffers, offset, before);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    /** Bytes read into the buffers since {@code before}, or end of stream; returns what the read should throw. */
    public static IOException channelReceived(SocketChannel channel, ByteBuffer[] buffers, int offset, int[] before,
            long count) {
        MethodHandle hook = channelReceivedHook;
        if (hook == null || before == null) {
            return null;
        }
        try {
            return (IOException) hook.invokeExact(channel, buffers, offset, before, count);
        } catch (Throwable t) {
            return null;
        }
    }

    /** One buffer as the array the channel hooks take. */
    public static ByteBuffer[] one(ByteBuffer buffer) {
        ByteBuffer[] array = new ByteBuffer[1];
        array[0] = buffer;
        return array;
    }

    /** Bytes a socket adaptor's stream wrote ({@code SocketChannelImpl.blockingWriteFully}). */
    public static void channelSentBytes(SocketChannel channel, byte[] bytes, int offset, int length) {
        ByteBuffer written = ByteBuffer.wrap(bytes);
        written.position(offset + length);
        int[] before = new int[1];
        before[0] = offset;
        channelSent(channel, one(written), 0, before);
    }

    /** Bytes a socket adaptor's stream read ({@code SocketChannelImpl.blockingRead}), or end of stream. */
    public static IOException channelReceivedBytes(SocketChannel channel, byte[] bytes, int offset, int count) {
        ByteBuffer read = ByteBuffer.wrap(bytes);
        read.position(offset + Math.max(count, 0));
        int[] before = new int[1];
        before[0] = offset;
        return channelReceived(channel, one(read), 0, before, count);
    }

    public static void channelClosed(SocketChannel channel) {
        MethodHandle hook = channelClosedHook;
        if (hook != null) {
            try {
                hook.invokeExact(channel);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static SSLEngine tlsEngineCreate(String host, int port) {
        MethodHandle hook = tlsEngineCreateHook;
        if (hook == null) {
            return null;
        }
        try {
            return (SSLEngine) hook.invokeExact(host, port);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void tlsEngineSent(SSLEngine engine, ByteBuffer[] sources, int offset, int[] before) {
        MethodHandle hook = tlsEngineSentHook;
        if (hook != null && before != null) {
            try {
                hook.invokeExact(engine, sources, offset, before);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }

    public static void tlsEngineReceived(SSLEngine engine, ByteBuffer[] destinations, int offset, int[] before) {
        MethodHandle hook = tlsEngineReceivedHook;
        if (hook != null && before != null) {
            try {
                hook.invokeExact(engine, destinations, offset, before);
            } catch (Throwable ignored) {
                // the engine logs its own failures; the application carries on
            }
        }
    }
}
