package netrec.runtime.names;

import java.io.IOException;
import java.net.Inet4Address;
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
    /** IPv4's loopback: netrec's channel is IPv4, whatever address family the JVM prefers. */
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress() instanceof Inet4Address
            ? InetAddress.getLoopbackAddress() : ipv4Loopback();
    private volatile DatagramChannel answering;
    private volatile int answeringPort;

    /** True for netrec's own channel, which nothing is done to. */
    public boolean isOwn(DatagramChannel channel) {
        return channel == answering;
    }

    /**
     * Record: a datagram goes out on {@code channel}; a DNS query is remembered until its answer, and true returned;
     * false for any other datagram, which is not recorded.
     */
    public boolean sending(DatagramChannel channel, byte[] bytes) {
        DnsMessage query = DnsMessage.parse(bytes);
        if (query == null || query.isResponse()) {
            return false;
        }
        synchronized (this) {
            asked.computeIfAbsent(channel, c -> new HashMap<>()).put(query.id(), query.name());
        }
        return true;
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
            recorder.answeredOverUdp(name, answer.addresses().toArray(new InetAddress[0]));
        }
    }

    /** What replay makes of a datagram about to be sent. */
    public enum Outcome {
        /** A DNS query, answered from the cassette: it is not sent. */
        ANSWERED,
        /** A DNS query to send as it is: about a name left alone, or one update mode fetches and records. */
        SENT,
        /** No DNS query replay can answer: the caller judges where it goes. */
        NOT_ANSWERED
    }

    /**
     * Replay: answers {@code bytes} when they are a DNS query that replay answers from the cassette. A query about a
     * name left alone is sent; so is one about a name the cassette lacks when {@code fetchMisses} (update mode),
     * and its answer is recorded. A query on a channel connected past loopback cannot be answered (the system takes
     * datagrams on it from its peer alone), nor can anything that is no query.
     */
    public Outcome answer(DatagramChannel channel, byte[] bytes, InetSocketAddress target, RecordedNames names,
            MissedLookups misses, HostFilter leftAlone, boolean fetchMisses) throws IOException {
        DnsMessage query = DnsMessage.parse(bytes);
        if (query == null || query.isResponse()) {
            return Outcome.NOT_ANSWERED;
        }
        if (leftAlone.leavesAlone(query.name())) {
            return Outcome.SENT;
        }
        SocketAddress peer = channel.getRemoteAddress();
        if (peer instanceof InetSocketAddress && !((InetSocketAddress) peer).getAddress().isLoopbackAddress()) {
            return Outcome.NOT_ANSWERED;
        }
        byte[] response = response(bytes, query, names, misses, fetchMisses);
        if (response == null) {
            sending(channel, bytes);
            return Outcome.SENT;
        }
        InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
        InetAddress to = bound.getAddress().isAnyLocalAddress() ? LOOPBACK : bound.getAddress();
        synchronized (this) {
            answeredFor.computeIfAbsent(channel, c -> new HashMap<>()).put(query.id(), target);
            answeringChannel().send(ByteBuffer.wrap(response), new InetSocketAddress(to, bound.getPort()));
        }
        if (Log.debugEnabled()) {
            Log.debug("replay: DNS " + query.question() + " to " + target + " answered from the cassette");
        }
        return Outcome.ANSWERED;
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

    /**
     * The answer to {@code query}: the cassette's addresses, the machine's own for a local name, or no such name; null
     * for a name the cassette lacks when {@code fetchMisses}.
     */
    private static byte[] response(byte[] bytes, DnsMessage query, RecordedNames names, MissedLookups misses,
            boolean fetchMisses) {
        try {
            InetAddress[] recorded = names.lookup(query.name());
            List<InetAddress> addresses = Arrays.asList(recorded != null ? recorded
                    : InetAddress.getAllByName(query.name()));
            return DnsMessage.answer(bytes, query, addresses, DnsMessage.NO_ERROR);
        } catch (UnknownHostException e) {
            if (fetchMisses) {
                return null;
            }
            misses.missed("DNS " + query.question() + " over UDP", e.getMessage() + " (asked over UDP: "
                    + query.question() + "; answered: no such name)");
            return DnsMessage.answer(bytes, query, List.of(), DnsMessage.NAME_ERROR);
        }
    }

    private int answeringPort() {
        return answeringPort;
    }

    private DatagramChannel answeringChannel() throws IOException {
        if (answering == null) {
            DatagramChannel opened = DatagramChannel.open(StandardProtocolFamily.INET);
            opened.bind(new InetSocketAddress(LOOPBACK, 0));
            answeringPort = ((InetSocketAddress) opened.getLocalAddress()).getPort();
            answering = opened;
        }
        return answering;
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Which names are left alone: their DNS goes to the network as usual. */
    public interface HostFilter {
        boolean leavesAlone(String host);
    }

    /** Where a question the cassette has no answer to goes: replay's report of misses. */
    public interface MissedLookups {
        void missed(String question, String why);
    }
}
