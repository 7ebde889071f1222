package netrec.runtime.base;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Redaction;
import netrec.cassette.publish.CassetteAge;
import netrec.cassette.store.MachineCache;
import netrec.cassette.store.StoreAddress;

/**
 * The agent argument {@code MODE[,key=value...]}, checked strictly: an unknown mode, key or value is an error that
 * names the valid ones. Nothing is guessed and nothing falls back silently.
 */
public final class AgentOptions {
    /** The keys, in the order the README documents them. */
    static final List<String> KEYS = List.of("cassette", "log", "redact", "leave-alone", "templates", "http2",
            "pace", "class-cache", "reports", "max-age", "expired", "fetch");

    private Mode mode;
    private Path cassette;
    private final LogLevel logLevel;
    private final Redaction redaction;
    private List<String> leftAlone;
    private final boolean templatesOnSight;
    private final boolean http2Downgraded;
    private final Path classCache;
    private final boolean standby;
    private boolean stableRecordingName;
    /** {@code pace=recorded}: replay sends the parts of answers no sooner than they came when recorded. */
    private boolean keepsPace;
    private Path reports;
    /** {@code s3://BUCKET/PREFIX/NAME} when the cassette folder is this machine's copy of a stored cassette. */
    private String store;
    private boolean bodiesOnUse;
    private int maxAgeDays;
    private Expiry expiry = Expiry.WARN;

    private AgentOptions(Mode mode, Path cassette, LogLevel logLevel, Redaction redaction,
            List<String> leftAlone, boolean templatesOnSight, boolean http2Downgraded, Path classCache,
            boolean standby) {
        this.mode = mode;
        this.cassette = cassette;
        this.logLevel = logLevel;
        this.redaction = redaction;
        this.leftAlone = leftAlone;
        this.templatesOnSight = templatesOnSight;
        this.http2Downgraded = http2Downgraded;
        this.classCache = classCache;
        this.standby = standby;
    }

    private AgentOptions copy() {
        AgentOptions copy = new AgentOptions(mode, cassette, logLevel, redaction, leftAlone, templatesOnSight,
                http2Downgraded, classCache, standby);
        copy.stableRecordingName = stableRecordingName;
        copy.keepsPace = keepsPace;
        copy.reports = reports;
        copy.store = store;
        copy.bodiesOnUse = bodiesOnUse;
        copy.maxAgeDays = maxAgeDays;
        copy.expiry = expiry;
        return copy;
    }

    /**
     * Parses the agent argument. {@code environment} supplies {@code NETREC_CASSETTE}, the default cassette.
     *
     * @throws IllegalArgumentException with a one-line message for the user
     */
    public static AgentOptions parse(String argument, Map<String, String> environment) {
        String text = argument == null ? "" : argument.trim();
        if (text.isEmpty()) {
            AgentOptions defaults = parse("off", environment);
            return new AgentOptions(Mode.OFF, defaults.cassette, defaults.logLevel, defaults.redaction,
                    defaults.leftAlone, false, false, defaults.classCache, true);
        }
        if (text.startsWith(",")) {
            throw new IllegalArgumentException("no mode given before '" + text + "': use -javaagent:netrec.jar=MODE"
                    + "[,key=value...]; valid modes: " + Mode.validModes());
        }
        List<String> parts = Arrays.asList(text.split(","));
        Mode mode = Mode.parse(parts.get(0).trim());
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : parts.subList(1, parts.size())) {
            int eq = part.indexOf('=');
            String key = (eq < 0 ? part : part.substring(0, eq)).trim();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "'; valid options: "
                        + String.join(", ", KEYS));
            }
            if (eq < 0 || part.substring(eq + 1).trim().isEmpty()) {
                throw new IllegalArgumentException("option '" + key + "' needs a value: " + key + "=...");
            }
            if (values.put(key, part.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("option '" + key + "' is given twice");
            }
        }
        String defaultCassette = environment.getOrDefault("NETREC_CASSETTE", "");
        String named = values.getOrDefault("cassette", defaultCassette.isEmpty() ? "netrec-cassette" : defaultCassette);
        String store = null;
        Path cassette;
        if (StoreAddress.isStore(named)) {
            StoreAddress address = StoreAddress.parse(named);
            store = address.toString();
            cassette = MachineCache.copyOf(address, environment);
        } else {
            cassette = Paths.get(named).toAbsolutePath().normalize();
        }
        LogLevel level = LogLevel.parse(values.getOrDefault("log", "warn"));
        AgentOptions options = new AgentOptions(mode, cassette, level, Redaction.parse(values.get("redact")),
                lowerCase(names(values.get("leave-alone"), List.of())),
                templatesOnSight(values.getOrDefault("templates", "off")),
                http2Downgraded(values.getOrDefault("http2", "keep")), classCache(values.get("class-cache"), environment),
                false);
        options.keepsPace = keepsPace(values.getOrDefault("pace", "fast"));
        options.store = store;
        options.bodiesOnUse = bodiesOnUse(values.getOrDefault("fetch", "ahead"));
        if (values.containsKey("reports")) {
            options.reports = Paths.get(values.get("reports")).toAbsolutePath().normalize();
        }
        if (values.containsKey("max-age")) {
            options.maxAgeDays = CassetteAge.parseMaxAge(values.get("max-age"));
        }
        if (values.containsKey("expired")) {
            if (!values.containsKey("max-age")) {
                throw new IllegalArgumentException("expired=" + values.get("expired") + " needs max-age=..., the "
                        + "age past which a cassette has expired (max-age=30d)");
            }
            options.expiry = Expiry.parse(values.get("expired"));
        }
        return options;
    }

    /** {@code pace=fast|recorded}. */
    private static boolean keepsPace(String value) {
        if (!value.equals("fast") && !value.equals("recorded")) {
            throw new IllegalArgumentException("pace=" + value + " is not valid; use pace=fast (replay answers at "
                    + "once) or pace=recorded (replay sends each part of an answer no sooner than it came when "
                    + "recorded: server-sent events, long polls, streams keep their rhythm)");
        }
        return value.equals("recorded");
    }

    private static boolean bodiesOnUse(String value) {
        if (!value.equals("ahead") && !value.equals("on-use")) {
            throw new IllegalArgumentException("fetch=" + value + " is not valid; use fetch=ahead (a cassette in a "
                    + "store comes whole before it is used) or fetch=on-use (a replay fetches each body as it first "
                    + "reads it)");
        }
        return value.equals("on-use");
    }

    /**
     * True when a replay of a cassette in a store fetches each body as it first reads it ({@code fetch=on-use});
     * false when the whole cassette comes before it is used. A mode that records always fetches it whole: what it
     * publishes must be.
     */
    public boolean bodiesOnUse() {
        return bodiesOnUse;
    }

    /** True when replay keeps the recorded pace of answers ({@code pace=recorded}); false to answer at once. */
    public boolean keepsPace() {
        return keepsPace;
    }

    /**
     * These options for one test's cassette: its mode, directory, hosts to leave alone and where its reports go
     * (null: where they go by default). A test's recording file has a stable name (see
     * {@link #stableRecordingName()}).
     */
    public AgentOptions forTest(Mode testMode, Path testCassette, List<String> hostsLeftAlone, Path testReports) {
        AgentOptions test = new AgentOptions(testMode, testCassette.toAbsolutePath().normalize(), logLevel,
                redaction, lowerCase(hostsLeftAlone), templatesOnSight, http2Downgraded, classCache, false);
        test.stableRecordingName = true;
        test.keepsPace = keepsPace;
        test.bodiesOnUse = bodiesOnUse;
        test.reports = testReports;
        return test;
    }

    /** These options with a {@code max-age} of {@code days} (0: none), and what an expired cassette gets. */
    public AgentOptions withMaxAge(int days, Expiry whenExpired) {
        AgentOptions changed = copy();
        changed.maxAgeDays = days;
        changed.expiry = whenExpired;
        return changed;
    }

    /** These options in {@code decided} mode: what {@link Mode#ONCE} and expiry made of the mode asked for. */
    public AgentOptions withMode(Mode decided) {
        AgentOptions changed = copy();
        changed.mode = decided;
        return changed;
    }

    /**
     * True for a test's cassette: its recording file is {@code interactions/recording.yaml} (the next free
     * {@code recording-N.yaml} when update mode adds to it), so a test recorded again changes that file and version
     * control shows the difference. False for a JVM's own cassette, where each recording JVM writes a file of its
     * own, named after its program, since several JVMs of a build record into one cassette at once.
     */
    public boolean stableRecordingName() {
        return stableRecordingName;
    }

    private static List<String> lowerCase(List<String> names) {
        List<String> result = new ArrayList<>();
        for (String name : names) {
            result.add(name.toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableList(result);
    }

    /** {@code templates=auto|off}. */
    private static boolean templatesOnSight(String value) {
        if (!value.equals("auto") && !value.equals("off")) {
            throw new IllegalArgumentException("templates=" + value + " is not valid; use templates=auto (write "
                    + "placeholders for times, UUIDs and snapshot versions as they are recorded) or templates=off");
        }
        return value.equals("auto");
    }

    /** {@code http2=keep|downgrade}. */
    private static boolean http2Downgraded(String value) {
        if (!value.equals("keep") && !value.equals("downgrade")) {
            throw new IllegalArgumentException("http2=" + value + " is not valid; use http2=keep (clients speak "
                    + "HTTP/2 where they would, and it is recorded as HTTP/2) or http2=downgrade (h2 is taken out of "
                    + "what clients offer, so they speak HTTP/1.1)");
        }
        return value.equals("downgrade");
    }

    /** {@code class-cache=DIR|off}; by default {@code $XDG_CACHE_HOME/netrec/classes} or {@code ~/.cache/...}. */
    private static Path classCache(String value, Map<String, String> environment) {
        if ("off".equals(value)) {
            return null;
        }
        if (value != null) {
            return Paths.get(value).toAbsolutePath().normalize();
        }
        String xdg = environment.getOrDefault("XDG_CACHE_HOME", "");
        Path base = xdg.isEmpty() ? Paths.get(System.getProperty("user.home"), ".cache") : Paths.get(xdg);
        return base.resolve("netrec").resolve("classes");
    }

    /** A {@code ;}-separated list of names; {@code none} for an empty one. */
    private static List<String> names(String value, List<String> byDefault) {
        if (value == null) {
            return byDefault;
        }
        if (value.equals("none")) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String name : value.split("[;+]")) {
            if (!name.trim().isEmpty()) {
                names.add(name.trim());
            }
        }
        return Collections.unmodifiableList(names);
    }

    public Mode mode() {
        return mode;
    }

    public Path cassette() {
        return cassette;
    }

    /**
     * The object store's cassette ({@code s3://BUCKET/PREFIX/NAME}) that {@link #cassette()} is this machine's copy
     * of: fetched before it is used, published after a recording that became the cassette. Null for a folder.
     */
    public String store() {
        return store;
    }

    /** These options for this machine's copy ({@link #cassette()}) of the stored cassette {@code address}. */
    public AgentOptions withStore(String address) {
        AgentOptions changed = copy();
        changed.store = address;
        return changed;
    }

    public LogLevel logLevel() {
        return logLevel;
    }

    /**
     * Where the reports on the cassette go (replay's misses and summary): {@code reports=DIR}, or null for where
     * they go by default ({@link netrec.cassette.CassetteLayout#defaultReports}).
     */
    public Path reports() {
        return reports;
    }

    /** The cassette's layout, with its reports where these options put them. */
    public CassetteLayout layout() {
        return new CassetteLayout(cassette).withReports(reports);
    }

    /** {@code max-age=}, in days: a cassette recorded longer ago has expired. 0 when none is set. */
    public int maxAgeDays() {
        return maxAgeDays;
    }

    /** What an expired cassette gets ({@code expired=warn|fail|record}). */
    public Expiry expiry() {
        return expiry;
    }

    /** Which header, query parameter and form or JSON field values never reach the cassette. */
    public Redaction redaction() {
        return redaction;
    }

    /**
     * Where replay keeps an index of each cassette it loads, and the responses it keeps out of the heap: beside the
     * class cache ({@code cassette-index}), or in the temporary directory when the cache is off.
     */
    public Path cassetteIndexes() {
        return classCache == null ? Paths.get(System.getProperty("java.io.tmpdir"), "netrec-cassette-index")
                : classCache.resolveSibling("cassette-index");
    }

    /**
     * True when clients are kept on HTTP/1.1 ({@code http2=downgrade}): no {@code h2} in what they offer in ALPN, no
     * {@code Upgrade: h2c}.
     */
    public boolean http2Downgraded() {
        return http2Downgraded;
    }

    /** True when recording writes placeholders for values recognisable on sight ({@code templates=auto}). */
    public boolean templatesOnSight() {
        return templatesOnSight;
    }

    /** Where woven JDK classes are kept between JVMs; null when the cache is off. */
    public Path classCache() {
        return classCache;
    }

    /** The hosts left alone ({@code leave-alone=}), as given (lower case; {@code loopback} as itself). */
    public List<String> leftAlone() {
        return leftAlone;
    }

    /**
     * True for a host (as the application named it) whose traffic passes untouched: never recorded, never answered
     * from the cassette ({@code leave-alone=HOSTS}). The name {@code loopback} stands for {@code localhost} and the
     * loopback addresses; a name that merely resolves to loopback is not left alone.
     */
    public boolean leavesAlone(String host) {
        if (leftAlone.isEmpty() || host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return leftAlone.contains(name) || (leftAlone.contains("loopback") && isLoopbackName(name));
    }

    /**
     * The hosts left alone but those that leave any of {@code hosts} alone: what {@code leave-alone=} would be for
     * {@code hosts} to be recorded.
     */
    public List<String> leftAloneWithout(List<String> hosts) {
        List<String> kept = new ArrayList<>();
        for (String entry : leftAlone) {
            boolean leaves = false;
            for (String host : hosts) {
                String name = host.toLowerCase(Locale.ROOT);
                leaves |= entry.equals(name) || (entry.equals("loopback") && isLoopbackName(name));
            }
            if (!leaves) {
                kept.add(entry);
            }
        }
        return kept;
    }

    /** {@code localhost} or a loopback address literal, as an application names a server on this machine. */
    private static boolean isLoopbackName(String name) {
        return name.equals("localhost") || name.matches("127\\.[0-9.]+") || name.equals("::1") || name.equals("[::1]")
                || name.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * True for the bare {@code -javaagent:netrec.jar}: hooks in place, traffic untouched until a test (the JUnit
     * extension) picks a cassette.
     */
    public boolean standby() {
        return standby;
    }

    /** True when values named {@code name} (a header, query parameter, form or JSON field) are secrets. */
    public boolean redacts(String name) {
        return redaction.redacts(name);
    }
}
