package netrec.cassette;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A DNS answer: the addresses the JVM's resolver gave for {@code host}, in the order given (the order decides
 * which address a client tries first). Replay answers the same lookup with the same list.
 */
public final class HostLookup {
    private final Instant recordedAt;
    private final String host;
    private final List<String> addresses;

    public HostLookup(Instant recordedAt, String host, List<String> addresses) {
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
        this.host = Objects.requireNonNull(host, "host");
        this.addresses = List.copyOf(addresses);
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String host() {
        return host;
    }

    public List<String> addresses() {
        return addresses;
    }
}
