package netrec.runtime.names;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import netrec.cassette.Cassette;
import netrec.cassette.Failure;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.Server;

/**
 * A cassette's DNS answers, as replay gives them to the JVM's resolver and to DNS sent over UDP: the addresses
 * recorded for each name (a resolver of the program's own asks for IPv4 and IPv6 apart: both answers count), the
 * address each recorded server was reached at, and for a recorded server whose name has no answer in the cassette
 * (recorded by an older netrec while the JVM's DNS cache answered) a documentation address, 192.0.2.1, which replay
 * redirects like any recorded one. Names this machine answers itself (localhost, /etc/hosts) resolve as usual.
 */
public final class RecordedNames {
    /** What a recorded server whose name the cassette never looked up resolves to. */
    public static final String UNRECORDED_ADDRESS = "192.0.2.1";

    private final Map<String, List<String>> addressesByHost = new HashMap<>();
    /** How each name that did not resolve when recorded failed, and never resolved. */
    private final Map<String, Failure> failedByHost = new HashMap<>();
    private final LocalNames localNames = new LocalNames();
    private final Path cassette;
    /** Said in a failed lookup after the cassette's name: its mode, and what to do when it does not exist. */
    private final String context;

    /** The answers of {@code cassette}; {@code context} follows its name in a failed lookup's message. */
    public RecordedNames(Cassette cassette, String context) {
        this.cassette = cassette.directory();
        this.context = context;
        for (Interaction interaction : cassette.interactions()) {
            Server s = interaction.server();
            if (!s.address().isEmpty()) {
                addressesByHost.putIfAbsent(key(s.host()), List.of(s.address()));
            }
        }
        Map<String, Set<String>> looked = new HashMap<>();
        for (HostLookup lookup : cassette.lookups()) {
            if (lookup.failure() != null) {
                failedByHost.put(key(lookup.host()), lookup.failure());
            } else {
                looked.computeIfAbsent(key(lookup.host()), h -> new LinkedHashSet<>()).addAll(lookup.addresses());
            }
        }
        looked.forEach((host, addresses) -> addressesByHost.put(host, List.copyOf(addresses)));
        failedByHost.keySet().removeAll(addressesByHost.keySet());
        for (Interaction interaction : cassette.interactions()) {
            Server s = interaction.server();
            if (!addressesByHost.containsKey(key(s.host())) && !s.hostIsAddress()) {
                addressesByHost.put(key(s.host()), List.of(UNRECORDED_ADDRESS));
            }
        }
    }

    /**
     * The answer for {@code host}: its recorded addresses, or null to resolve as usual (a name this machine answers
     * itself).
     *
     * @throws UnknownHostException when the cassette has no answer for it
     */
    public InetAddress[] lookup(String host) throws UnknownHostException {
        List<String> recorded = addressesByHost.get(key(host));
        if (recorded != null) {
            InetAddress[] answer = new InetAddress[recorded.size()];
            for (int i = 0; i < answer.length; i++) {
                answer[i] = InetAddress.getByAddress(host, InetAddress.getByName(recorded.get(i)).getAddress());
            }
            return answer;
        }
        if (localNames.isLocal(host)) {
            return null;
        }
        Failure failed = failedByHost.get(key(host));
        if (failed != null) {
            throw new UnknownHostException("netrec: " + host + " did not resolve when recorded (" + failed
                    + "), and replay answers it the same way (" + cassette + context + ")");
        }
        throw new UnknownHostException("netrec: " + host + " has no DNS answer in the cassette " + cassette + context
                + "; replay makes no DNS query. Record a run that reaches " + host);
    }

    /** True when the cassette, not this machine, answers {@code host}: its address is a recorded one. */
    public boolean answers(String host) {
        return addressesByHost.containsKey(key(host)) && !localNames.isLocal(host);
    }

    /** The addresses the cassette gives {@code host}, or none. */
    public List<String> addresses(String host) {
        return addressesByHost.getOrDefault(key(host), List.of());
    }

    /** True when {@code host} did not resolve when recorded (and never did): its lookup fails as it did then. */
    public boolean failedWhenRecorded(String host) {
        return failedByHost.containsKey(key(host)) && !localNames.isLocal(host);
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }
}
