package netrec.agent.bridge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import netrec.runtime.Hooks;

/**
 * The bridge's hooks, answered by netrec's engine. {@link BridgeInstaller} defines this class with its references to
 * the bridge renamed, so it implements the bridge's interface inside java.base; initializing it puts it in place.
 * Nothing else may name this class: the class loader would load it unrenamed.
 */
final class EngineHooks implements NetrecBridge.Hooks {
    static {
        NetrecBridge.hooks = new EngineHooks();
    }

    private EngineHooks() {
    }

    @Override
    public Object connectStart(Socket socket, SocketImpl current, SocketAddress endpoint) {
        return Hooks.connectStart(socket, current, endpoint);
    }

    @Override
    public void connectEnd(Socket socket, SocketAddress endpoint, Throwable failure) {
        Hooks.connectEnd(socket, endpoint, failure);
    }

    @Override
    public void plainSent(Socket socket, byte[] bytes, int offset, int length) {
        Hooks.plainSent(socket, bytes, offset, length);
    }

    @Override
    public IOException plainReceived(Socket socket, byte[] bytes, int offset, int count) {
        return Hooks.plainReceived(socket, bytes, offset, count);
    }

    @Override
    public void tlsSent(Socket socket, byte[] bytes, int offset, int length) {
        Hooks.tlsSent(socket, bytes, offset, length);
    }

    @Override
    public void tlsReceived(Socket socket, byte[] bytes, int offset, int count) {
        Hooks.tlsReceived(socket, bytes, offset, count);
    }

    @Override
    public void closed(Socket socket) {
        Hooks.closed(socket);
    }

    @Override
    public Socket tlsLayerStart(Socket plain, String host, int port, boolean autoClose) {
        return Hooks.tlsLayerStart(plain, host, port, autoClose);
    }

    @Override
    public Socket tlsSocketCreate(SSLSocketFactory factory, Object[] arguments) throws IOException {
        return Hooks.tlsSocketCreate(factory, arguments);
    }

    @Override
    public void tlsLayerEnd(Socket tls, Socket plain, String host, int port) {
        Hooks.tlsLayerEnd(tls, plain, host, port);
    }

    @Override
    public Object lookupStart(String host) {
        return Hooks.lookupStart(host);
    }

    @Override
    public void lookupEnd(String host, InetAddress[] addresses) {
        Hooks.lookupEnd(host, addresses);
    }

    @Override
    public String[] applicationProtocols(String[] protocols) {
        return Hooks.applicationProtocols(protocols);
    }

    @Override
    public Object channelConnectStart(SocketChannel channel, SocketAddress endpoint) {
        return Hooks.channelConnectStart(channel, endpoint);
    }

    @Override
    public void channelConnectEnd(SocketChannel channel, SocketAddress endpoint, Throwable failure) {
        Hooks.channelConnectEnd(channel, endpoint, failure);
    }

    @Override
    public void channelConnectFinished(SocketChannel channel, boolean connected, Throwable failure) {
        Hooks.channelConnectFinished(channel, connected, failure);
    }

    @Override
    public void channelSent(SocketChannel channel, ByteBuffer[] buffers, int offset, int[] before) {
        Hooks.channelSent(channel, buffers, offset, before);
    }

    @Override
    public IOException channelReceived(SocketChannel channel, ByteBuffer[] buffers, int offset, int[] before,
            long count) {
        return Hooks.channelReceived(channel, buffers, offset, before, count);
    }

    @Override
    public void channelClosed(SocketChannel channel) {
        Hooks.channelClosed(channel);
    }

    @Override
    public SSLEngine tlsEngineCreate(String host, int port) {
        return Hooks.tlsEngineCreate(host, port);
    }

    @Override
    public void tlsEngineSent(SSLEngine engine, ByteBuffer[] sources, int offset, int[] before) {
        Hooks.tlsEngineSent(engine, sources, offset, before);
    }

    @Override
    public void tlsEngineReceived(SSLEngine engine, ByteBuffer[] destinations, int offset, int[] before) {
        Hooks.tlsEngineReceived(engine, destinations, offset, before);
    }
}
