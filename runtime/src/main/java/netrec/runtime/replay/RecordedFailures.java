package netrec.runtime.replay;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import netrec.cassette.Cassette;
import netrec.cassette.ConnectFailure;
import netrec.cassette.Failure;
import netrec.cassette.Interaction;
import netrec.cassette.Server;

/**
 * The connects that failed when recorded, replayed as they went: the connects to one server, in the order the
 * recording made them (by connection number), each succeeded or failed, and the replayed connects to it take those
 * outcomes in turn (the last repeating): a server that refused two connects and then answered does so again. A
 * failure is the same exception the program saw then, saying it is netrec's replay of it.
 */
final class RecordedFailures {
    private final Map<String, List<Failure>> outcomes = new HashMap<>();
    private final Map<String, Integer> taken = new HashMap<>();
    private final String context;

    /** {@code context} follows the cassette's name in a failure's message. */
    RecordedFailures(Cassette cassette, String context) {
        this.context = " (" + cassette.directory() + context + ")";
        Map<String, Map<Integer, Failure>> byServer = new HashMap<>();
        for (ConnectFailure failure : cassette.failures()) {
            for (String key : keys(failure.server())) {
                byServer.computeIfAbsent(key, k -> new HashMap<>()).put(failure.connection(), failure.failure());
            }
        }
        for (Interaction interaction : cassette.interactions()) {
            for (String key : keys(interaction.server())) {
                Map<Integer, Failure> connects = byServer.get(key);
                if (connects != null) {
                    connects.putIfAbsent(interaction.connection(), null);
                }
            }
        }
        byServer.forEach((key, connects) -> {
            List<Integer> order = new ArrayList<>(connects.keySet());
            order.sort(Comparator.naturalOrder());
            List<Failure> inOrder = new ArrayList<>();
            order.forEach(n -> inOrder.add(connects.get(n)));
            outcomes.put(key, inOrder);
        });
    }

    /** True when a connect to {@code target} failed when recorded (at least once). */
    boolean known(InetSocketAddress target) {
        return key(target) != null;
    }

    /**
     * What this connect to {@code target} throws, as the recording's connect in the same turn did; null when that one
     * succeeded (or the cassette recorded no failure there).
     */
    synchronized IOException next(InetSocketAddress target) {
        String key = key(target);
        if (key == null) {
            return null;
        }
        List<Failure> inOrder = outcomes.get(key);
        int turn = taken.merge(key, 1, Integer::sum) - 1;
        Failure failure = inOrder.get(Math.min(turn, inOrder.size() - 1));
        return failure == null ? null : exception(failure, target.getHostString() + ":" + target.getPort());
    }

    private String key(InetSocketAddress target) {
        String byName = target.getHostString().toLowerCase(Locale.ROOT) + ":" + target.getPort();
        if (outcomes.containsKey(byName)) {
            return byName;
        }
        InetAddress address = target.getAddress();
        String byAddress = address == null ? null : address.getHostAddress() + ":" + target.getPort();
        return byAddress != null && outcomes.containsKey(byAddress) ? byAddress : null;
    }

    private static List<String> keys(Server server) {
        List<String> keys = new ArrayList<>();
        keys.add(server.host().toLowerCase(Locale.ROOT) + ":" + server.port());
        if (!server.address().isEmpty()) {
            keys.add(server.address() + ":" + server.port());
        }
        return keys;
    }

    /** The exception {@code failure} names (an IOException of the JDK's), saying that replay throws it as recorded. */
    IOException exception(Failure failure, String what) {
        String message = "netrec: " + what + " failed when recorded, and replay fails it the same way: "
                + failure + context;
        try {
            Class<?> type = Class.forName(failure.error(), false, null);
            if (IOException.class.isAssignableFrom(type)) {
                Constructor<?> withMessage = type.getConstructor(String.class);
                return (IOException) withMessage.newInstance(message);
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notAJdkException) {
            // an exception of the program's own, or one with no message constructor: an IOException says it all
        }
        return new IOException(message);
    }
}
