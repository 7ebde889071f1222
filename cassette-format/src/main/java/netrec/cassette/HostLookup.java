package netrec.cassette;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A DNS answer: the addresses the JVM's resolver gave for {@code host}, in the order given (the order decides
 * which address a client tries first); or how the lookup failed. Replay answers the same lookup the same way.
 */
public final class HostLookup {
    private final Instant recordedAt;
    private final String host;
    private final List<String> addresses;
    private final Failure failure;

    public HostLookup(Instant recordedAt, String host, List<String> addresses) {
        this(recordedAt, host, addresses, null);
    }

    private HostLookup(Instant recordedAt, String host, List<String> addresses, Failure failure) {
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
        this.host = Objects.requireNonNull(host, "host");
        this.addresses = List.copyOf(addresses);
        this.failure = failure;
    }

    /** A lookup of {@code host} that failed as {@code failure} says (the name did not resolve). */
    public static HostLookup failed(Instant recordedAt, String host, Failure failure) {
        return new HostLookup(recordedAt, host, List.of(), Objects.requireNonNull(failure, "failure"));
    }

    /** How the lookup failed, or null when it answered with {@link #addresses}. */
    public Failure failure() {
        return failure;
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
