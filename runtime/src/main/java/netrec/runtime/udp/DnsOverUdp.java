package netrec.runtime.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import netrec.runtime.base.Log;
import netrec.runtime.record.Recorder;
import netrec.runtime.replay.Replayer;

/**
 * DNS that a program sends over UDP itself (Netty's resolver, Reactor Netty's default), rather than through the
 * JDK's resolver. Record follows each query to its answer, on the channel that sent it, and keeps the addresses as
 * the cassette keeps any DNS answer. Replay answers a query from the cassette without sending it: the answer comes
 * from a loopback socket of netrec's own, so that the program's selector wakes as it would, and the program is told
 * it came from the server it asked. A datagram that is no DNS query is sent only where it stays on this machine.
 */
public final class DnsOverUdp {
    /** Per channel, the queries sent and not answered yet, by id: the name asked about (record). */
    private final Map<DatagramChannel, Map<Integer, String>> asked = new WeakHashMap<>();
    /** Per channel, the server each answered query went to, by id (replay). */
    private final Map<DatagramChannel, Map<Integer, InetSocketAddress>> answeredFor = new WeakHashMap<>();
    private DatagramChannel answering;
    private int answeringPort;

    /** True for netrec's own channel, which nothing is done to. */
    public synchronized boolean isOwn(DatagramChannel channel) {
        return channel == answering;
    }

    /** Record: a datagram goes to {@code target}; a DNS query is remembered until its answer. */
    public void sending(DatagramChannel channel, byte[] bytes) {
        DnsMessage query = DnsMessage.parse(bytes);
        if (query != null && !query.isResponse()) {
            synchronized (this) {
                asked.computeIfAbsent(channel, c -> new HashMap<>()).put(query.id(), query.name());
            }
        }
    }

    /** Record: a datagram arrived; the answer to a query sent on this channel is recorded with its addresses. */
    public void received(DatagramChannel channel, byte[] bytes, Recorder recorder, HostFilter leftAlone) {
        DnsMessage answer = DnsMessage.parse(bytes);
        if (answer == null || !answer.isResponse()) {
            return;
        }
        String name;
        synchronized (this) {
            Map<Integer, String> queries = asked.get(channel);
            name = queries == null ? null : queries.remove(answer.id());
        }
        if (name != null && name.equals(answer.name()) && !answer.addresses().isEmpty()
                && !leftAlone.leavesAlone(name)) {
            recorder.lookup(name, answer.addresses().toArray(new InetAddress[0]));
        }
    }

    /**
     * Replay: answers {@code bytes} when they are a DNS query about a name not left alone, and returns true; false
     * when they are not, and the datagram is the caller's to judge.
     */
    public boolean answer(DatagramChannel channel, byte[] bytes, InetSocketAddress target, Replayer replayer,
            HostFilter leftAlone) throws IOException {
        DnsMessage query = DnsMessage.parse(bytes);
        if (query == null || query.isResponse() || leftAlone.leavesAlone(query.name())) {
            return false;
        }
        byte[] response = response(bytes, query, replayer);
        SocketAddress local = channel.getLocalAddress();
        if (local == null) {
            channel.bind(null);
            local = channel.getLocalAddress();
        }
        InetSocketAddress bound = (InetSocketAddress) local;
        InetAddress to = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : bound.getAddress();
        synchronized (this) {
            answeredFor.computeIfAbsent(channel, c -> new HashMap<>()).put(query.id(), target);
            answeringChannel().send(ByteBuffer.wrap(response), new InetSocketAddress(to, bound.getPort()));
        }
        if (Log.debugEnabled()) {
            Log.debug("replay: DNS " + query.question() + " to " + target + " answered from the cassette");
        }
        return true;
    }

    /** Replay: the sender of a datagram that arrived, as the program is told it: an answer comes from its server. */
    public SocketAddress sender(DatagramChannel channel, byte[] bytes, SocketAddress sender) {
        if (!(sender instanceof InetSocketAddress) || ((InetSocketAddress) sender).getPort() != answeringPort()
                || !((InetSocketAddress) sender).getAddress().isLoopbackAddress() || bytes.length < 2) {
            return sender;
        }
        int id = ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
        synchronized (this) {
            Map<Integer, InetSocketAddress> servers = answeredFor.get(channel);
            InetSocketAddress server = servers == null ? null : servers.remove(id);
            return server == null ? sender : server;
        }
    }

    /** The answer to {@code query}: the cassette's addresses, the machine's own for a local name, or no such name. */
    private static byte[] response(byte[] bytes, DnsMessage query, Replayer replayer) {
        try {
            InetAddress[] recorded = replayer.lookup(query.name());
            List<InetAddress> addresses = Arrays.asList(recorded != null ? recorded
                    : InetAddress.getAllByName(query.name()));
            return DnsMessage.answer(bytes, query, addresses, DnsMessage.NO_ERROR);
        } catch (UnknownHostException e) {
            replayer.missedLookup("DNS " + query.question() + " over UDP", e.getMessage() + " (asked over UDP: "
                    + query.question() + "; answered: no such name)");
            return DnsMessage.answer(bytes, query, List.of(), DnsMessage.NAME_ERROR);
        }
    }

    private synchronized int answeringPort() {
        return answeringPort;
    }

    private DatagramChannel answeringChannel() throws IOException {
        if (answering == null) {
            DatagramChannel opened = DatagramChannel.open(StandardProtocolFamily.INET);
            opened.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            answering = opened;
            answeringPort = ((InetSocketAddress) opened.getLocalAddress()).getPort();
        }
        return answering;
    }

    /** Which names are left alone: their DNS goes to the network as usual. */
    public interface HostFilter {
        boolean leavesAlone(String host);
    }
}
