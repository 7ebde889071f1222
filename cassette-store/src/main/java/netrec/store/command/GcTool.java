package netrec.store.command;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import netrec.cassette.store.StoreAddress;
import netrec.store.Collecting;
import netrec.store.ObjectStore;
import netrec.store.S3Store;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;
import netrec.tools.command.UsageException;

/** {@code gc s3://BUCKET[/PREFIX] [--grace AGE] [--dry-run]}: removes the objects no cassette names. */
public final class GcTool extends Tool {
    /** The shortest grace but none: an hour of publishing taking objects as they are, and an hour to publish. */
    static final Duration SHORTEST = Duration.ofHours(2);

    public GcTool() {
        super("gc",
                "gc s3://BUCKET[/PREFIX] [--grace AGE] [--dry-run]",
                "                      remove the store's objects that no published cassette names, but those",
                "                      used within AGE (24h by default; 2h or more, as 12h or 7d, or 0 while",
                "                      nothing publishes); --dry-run only says which");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
        List<String> given = arguments.read(List.of("--grace"), List.of("--dry-run")).expect(1, "a store");
        StoreAddress store;
        try {
            store = StoreAddress.store(given.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(given.get(0) + " is not a store: write s3://BUCKET or s3://BUCKET/PREFIX");
        }
        Duration grace = grace(arguments.value("--grace"));
        boolean dryRun = arguments.flag("--dry-run");
        try (S3Store objects = S3Store.open(store.bucket(), System.getenv())) {
            Collecting.Result result = Collecting.collect(store, objects, grace, dryRun);
            if (dryRun) {
                for (ObjectStore.Stored object : result.removed()) {
                    out.println("would remove " + StoreAddress.SCHEME + store.bucket() + "/" + object.key() + " ("
                            + Sizes.of(object.size()) + ", last used " + object.lastModified() + ")");
                }
            }
            if (result.cassettes() == 0 && result.objects() == 0) {
                err.println("netrec: " + store + " holds no cassette and no object: gc takes the store a cassette is "
                        + "in, its address without the cassette's name (for s3://BUCKET/PREFIX/NAME, "
                        + "s3://BUCKET/PREFIX)");
            }
            out.println(store + ": " + Sizes.count(result.cassettes(), "cassette") + " name " + (result.objects()
                    - result.removed().size() - result.sparedRecent()) + " of its " + Sizes.count(result.objects(),
                    "object") + "; " + (dryRun ? "would remove " : "removed ") + result.removed().size()
                    + " that none names (" + Sizes.of(result.removedBytes()) + "), spared " + result.sparedRecent()
                    + " used within " + describe(grace));
            return 0;
        }
    }

    static Duration grace(String value) {
        if (value == null) {
            return Duration.ofHours(24);
        }
        Duration grace = parse(value);
        if (!grace.isZero() && grace.compareTo(SHORTEST) < 0) {
            throw new UsageException("--grace " + value + " is shorter than " + describe(SHORTEST) + ": a publishing "
                    + "takes an object it finds written within the hour as it is, so a shorter grace could remove one "
                    + "under it; use " + describe(SHORTEST) + " or more, or 0 while nothing publishes");
        }
        return grace;
    }

    private static Duration parse(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (lower.equals("0")) {
                return Duration.ZERO;
            }
            long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
            switch (lower.charAt(lower.length() - 1)) {
                case 's': return Duration.ofSeconds(amount);
                case 'm': return Duration.ofMinutes(amount);
                case 'h': return Duration.ofHours(amount);
                case 'd': return Duration.ofDays(amount);
                default: break;
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // said below
        }
        throw new UsageException("--grace " + value + " is not an age: write 0, or a number with s, m, h or d "
                + "(24h)");
    }

    private static String describe(Duration grace) {
        return grace.isZero() ? "no grace" : grace.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
