package netrec.cassette.store;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * The folder where this machine keeps what it fetched from object stores, shared by every cassette and JVM:
 * {@code NETREC_CACHE}, else {@code $XDG_CACHE_HOME/netrec}, else {@code ~/.cache/netrec}.
 */
public final class MachineCache {
    private MachineCache() {
    }

    /** The folder {@code environment} names, absolute. */
    public static Path directory(Map<String, String> environment) {
        String named = environment.get("NETREC_CACHE");
        if (named != null && !named.isEmpty()) {
            return Paths.get(named).toAbsolutePath();
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("netrec").toAbsolutePath();
    }

    /**
     * This machine's copy of the cassette at {@code address}: {@code CACHE/cassettes/BUCKET/PREFIX%2FNAME}, the key
     * path in one folder name ({@code /} written {@code %2F}, {@code %} written {@code %25}), so that the copies of
     * {@code s3://b/builds} and {@code s3://b/builds/enforcer}, two cassettes of one store, never lie one in the other.
     */
    public static Path copyOf(StoreAddress address, Map<String, String> environment) {
        return directory(environment).resolve("cassettes").resolve(address.bucket()).resolve(oneName(address));
    }

    /**
     * The file whose lock says which process uses the copy of {@code address}: {@code CACHE/locks/BUCKET/PREFIX%2FNAME},
     * beside no copy, so that no cassette's name can be another's lock.
     */
    public static Path lockOf(StoreAddress address, Map<String, String> environment) {
        return directory(environment).resolve("locks").resolve(address.bucket()).resolve(oneName(address));
    }

    private static String oneName(StoreAddress address) {
        return (address.prefix() + address.name()).replace("%", "%25").replace("/", "%2F");
    }
}
