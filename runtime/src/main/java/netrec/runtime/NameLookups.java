package netrec.runtime;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import netrec.runtime.base.Log;
import netrec.runtime.names.DnsOverUdp;
import netrec.runtime.replay.Replayer;

/**
 * The JVM's name lookups, through the JDK's resolver and as DNS over UDP a program sends itself, with the cassette
 * in use: recorded as its DNS answers, answered from them in replay, and refused in replay when they would leave the
 * machine. Other UDP is refused in replay for the same reason.
 */
final class NameLookups {
    private final Cassettes cassettes;
    private final DnsOverUdp dns = new DnsOverUdp();

    NameLookups(Cassettes cassettes) {
        this.cassettes = cassettes;
    }

    /**
     * Before a lookup through the JDK's resolver: the addresses to answer with instead of the resolver's, or null to
     * resolve.
     *
     * @throws UnknownHostException what the lookup throws instead: replay has no answer for {@code host}
     */
    InetAddress[] lookupStart(String host) throws UnknownHostException {
        CassetteInUse cassette = cassettes.inUse();
        if (cassette == null) {
            String refusal = cassettes.refusal();
            if (refusal != null && !cassettes.jvmOptions().leavesAlone(host)) {
                throw new UnknownHostException(refusal);
            }
            return null;
        }
        if (cassette.replayer() == null) {
            return null;
        }
        try {
            return cassette.replayer().lookup(host);
        } catch (UnknownHostException e) {
            if (cassette.mode().recordsMisses()) {
                return null;
            }
            throw e;
        } catch (RuntimeException | Error e) {
            Log.internalError("answering a DNS lookup from the cassette", e);
            throw new UnknownHostException("netrec: internal error while answering " + host + ": " + e);
        }
    }

    /**
     * A lookup the JDK's resolver answered with {@code addresses}, or failed with {@code failure} (the name did not
     * resolve): recorded as it went, so replay answers it the same way.
     */
    void lookupEnd(String host, InetAddress[] addresses, Throwable failure) {
        CassetteInUse cassette = cassettes.inUse();
        if (cassette == null || cassette.recorder() == null || cassette.leavesAlone(host)) {
            return;
        }
        if (addresses != null) {
            cassette.recorder().lookup(host, addresses);
        } else if (failure instanceof UnknownHostException) {
            cassette.recorder().lookupFailed(host, failure);
        }
    }

    /**
     * A datagram is about to go to {@code target}: null to send it; its size when replay answered it (a DNS query);
     * a refusal when replay would send it off this machine.
     */
    Object datagramSend(DatagramChannel channel, byte[] bytes, InetSocketAddress target) {
        if (dns.isOwn(channel)) {
            return null;
        }
        CassetteInUse cassette = cassettes.inUse();
        if (cassette == null) {
            // the JVM's cassette could not be opened: what would leave the machine fails with the reason
            String refusal = cassettes.refusal();
            return refusal == null || staysHere(target, cassettes.jvmOptions()::leavesAlone) ? null
                    : new ConnectException(refusal);
        }
        Replayer replayer = cassette.replayer();
        if (replayer == null) {
            if (cassette.recorder() != null && !dns.sending(channel, bytes)
                    && !staysHere(target, cassette::leavesAlone)) {
                Log.warnOnce("udp-unrecorded:" + target, "recording, and UDP to " + target.getHostString() + ":"
                        + target.getPort() + " is not a DNS query: netrec records UDP only as DNS answers, so these "
                        + "datagrams pass unrecorded (and replay refuses them)");
            }
            return null;
        }
        try {
            switch (dns.answer(channel, bytes, target, replayer.names(), replayer::missedLookup,
                    cassette::leavesAlone, cassette.mode().recordsMisses())) {
                case ANSWERED:
                    return bytes.length;
                case SENT:
                    return null;
                default:
                    break;
            }
        } catch (IOException | RuntimeException e) {
            Log.internalError("answering a datagram from the cassette", e);
            return new ConnectException("netrec: internal error while answering a datagram to " + target + ": " + e);
        }
        return staysHere(target, cassette::leavesAlone) ? null : new ConnectException("netrec: replay sends no UDP "
                + "datagram off this machine, and this one (" + bytes.length + " bytes to " + target.getHostString()
                + ":" + target.getPort() + ") is no DNS query it could answer from the cassette (mode "
                + cassette.mode().label() + ")");
    }

    /** A datagram arrived from {@code sender}: the sender the program is told. */
    SocketAddress datagramReceived(DatagramChannel channel, byte[] bytes, SocketAddress sender) {
        if (dns.isOwn(channel)) {
            return sender;
        }
        CassetteInUse cassette = cassettes.inUse();
        if (cassette == null) {
            return sender;
        }
        if (cassette.recorder() != null) {
            dns.received(channel, bytes, cassette.recorder(), cassette::leavesAlone);
        }
        return cassette.replayer() != null ? dns.sender(channel, bytes, sender) : sender;
    }

    /**
     * A datagram is about to be written on a channel connected to {@code peer}: replay refuses it when the peer is
     * past this machine (connecting sends nothing, so it is allowed: the local-address idiom connects and never
     * writes).
     */
    IOException datagramWrite(SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress)) {
            return null;
        }
        CassetteInUse cassette = cassettes.inUse();
        InetSocketAddress target = (InetSocketAddress) peer;
        if (cassette == null || staysHere(target, cassette::leavesAlone)) {
            return null;
        }
        if (cassette.replayer() == null) {
            if (cassette.recorder() != null) {
                Log.warnOnce("udp-unrecorded:" + target, "recording, and UDP goes to " + target.getHostString() + ":"
                        + target.getPort() + " on a connected channel: netrec follows DNS queries sent to an address "
                        + "only, so these datagrams pass unrecorded (and replay refuses them)");
            }
            return null;
        }
        return new ConnectException("netrec: replay sends no UDP datagram off this machine, and this one goes to "
                + target.getHostString() + ":" + target.getPort() + " on a connected channel (mode "
                + cassette.mode().label() + "); netrec answers DNS queries sent to an address, not over a connected "
                + "channel");
    }

    /** True when a datagram to {@code target} stays on this machine, or goes to a host left alone. */
    private static boolean staysHere(InetSocketAddress target, DnsOverUdp.HostFilter leftAlone) {
        InetAddress address = target.getAddress();
        return address == null || address.isLoopbackAddress() || address.isAnyLocalAddress()
                || leftAlone.leavesAlone(target.getHostString());
    }
}
