package netrec.agent.bridge;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
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
}
