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

    /** This machine's copy of the cassette at {@code address}: {@code CACHE/cassettes/BUCKET/PREFIX/NAME}. */
    public static Path copyOf(StoreAddress address, Map<String, String> environment) {
        return directory(environment).resolve("cassettes").resolve(address.bucket()).resolve(address.prefix())
                .resolve(address.name());
    }
}
