package netrec.runtime.replay;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import netrec.cassette.Cassette;
import netrec.cassette.Interaction;
import netrec.cassette.Server;
import netrec.runtime.names.RecordedNames;

/**
 * Where a replayed JVM's connects go: to replay when the cassette recorded the destination (by the name or the
 * address it was reached at, or the proxy it went through); as asked when they stay on this machine and the cassette
 * does not know them; refused with netrec's reason when they would leave the machine. Nothing leaves the JVM,
 * whatever the cassette says.
 */
final class ReplayRoutes {
    private final Set<String> destinations = new HashSet<>();
    private final RecordedNames names;
    /** Said in a refusal after the cassette's name: its mode, and what to do when it does not exist. */
    private final String context;
    private final Cassette cassette;

    ReplayRoutes(Cassette cassette, RecordedNames names, String context) {
        this.cassette = cassette;
        this.names = names;
        this.context = context;
        for (Interaction interaction : cassette.interactions()) {
            Server s = interaction.server();
            destinations.add(destination(s.host(), s.port()));
            if (!s.address().isEmpty()) {
                destinations.add(destination(s.address(), s.port()));
            }
            if (!s.via().isEmpty()) {
                destinations.add(s.via().toLowerCase(Locale.ROOT));
            }
            for (String address : names.addresses(s.host())) {
                if (RecordedNames.UNRECORDED_ADDRESS.equals(address)) {
                    destinations.add(destination(address, s.port()));
                }
            }
        }
    }

    /** True when the cassette has traffic with {@code target}, by the name or the address it was reached at. */
    boolean recorded(InetSocketAddress target) {
        InetAddress address = target.getAddress();
        return destinations.contains(destination(target.getHostString(), target.getPort()))
                || (address != null && destinations.contains(destination(address.getHostAddress(), target.getPort())));
    }

    /**
     * Why a connect to {@code target}, which the cassette has not recorded, is refused; null when it may go ahead:
     * to loopback that the cassette does not know, by a name this machine answers itself (a name whose address came
     * from the cassette is never connected to). Anything that would leave the machine is refused.
     */
    IOException refusal(InetSocketAddress target) {
        InetAddress address = target.getAddress();
        String host = target.getHostString();
        if (address != null && (address.isLoopbackAddress() || address.isAnyLocalAddress()) && !names.answers(host)) {
            return null;
        }
        return new ConnectException("netrec: replay refuses to connect to " + host + ":" + target.getPort()
                + (address == null ? "" : " (" + address.getHostAddress() + ")") + ": no recorded interaction with it in "
                + cassette.directory() + context + ", and replay sends nothing off this machine");
    }

    private static String destination(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
