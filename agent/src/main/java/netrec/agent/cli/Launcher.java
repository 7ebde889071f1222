package netrec.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import netrec.agent.NetrecAgent;
import netrec.agent.StoredCassette;
import netrec.agent.proxy.ProxiedCommand;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Interaction;
import netrec.cassette.publish.RecordingAttempt;
import netrec.cassette.publish.UsageReport;
import netrec.cassette.store.MachineCache;
import netrec.cassette.store.StoreAddress;
import netrec.cassette.yaml.CassetteReader;
import netrec.runtime.ModeChoice;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.Mode;
import netrec.runtime.replay.report.ReplayUsage;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;
import netrec.tools.command.UsageException;

/**
 * {@code java -jar netrec.jar MODE --cassette DIR [--no-network] [OPTIONS] -- COMMAND...}: runs a command (a whole
 * Maven build, say) with netrec in every JVM it starts, through {@code JAVA_TOOL_OPTIONS}, optionally in a network
 * namespace with only loopback, and its programs that are not JVMs through netrec's proxy ({@link ProxiedCommand}).
 * The mode is decided once for the whole command ({@code once}, {@code max-age}), so
 * that every JVM of it agrees. Recording, every JVM records into one attempt beside the cassette, which becomes the
 * cassette only when the command exits with status 0 and recorded something; otherwise the cassette is left as it
 * was, and the launcher says so in one line. After a replay it sums up what every JVM served and missed, and which
 * recorded interactions none used, in {@code replay-report.txt} among the cassette's reports (and on stderr when
 * anything missed).
 */
final class Launcher extends Tool {
    /** The modes it runs a command in, each a command of its own. */
    static final List<String> MODES = List.of("record", "replay", "update", "once");
    static final String USAGE = String.join("\n",
            "record|replay|update|once --cassette DIR [--no-network] [--no-proxy] [--log LEVEL] [--leave-alone HOSTS]",
            "                      [--reports DIR] [--max-age AGE [--expired warn|fail|record]] -- COMMAND...",
            "                      run COMMAND (mvn package, say) with netrec in every JVM it starts",
            "                      (JAVA_TOOL_OPTIONS); --no-network runs it with no network but loopback; a",
            "                      recording replaces the cassette only when COMMAND exits with 0; programs that",
            "                      are not JVMs (curl, wget, npm) go through netrec's proxy unless --no-proxy");
    private static final String NAMESPACE_SCRIPT = "ip link set lo up && exec \"$@\"";
    private static final String VALID = "--cassette DIR, --no-network, --no-proxy, --log LEVEL, --leave-alone HOSTS, "
            + "--redact NAMES, --templates auto|off, --reports DIR, --max-age AGE, --expired warn|fail|record";

    private final String mode;

    Launcher(String mode) {
        super(mode, USAGE);
        this.mode = mode;
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        List<String> args = arguments.given();
        int separator = args.indexOf("--");
        if (separator < 0 || separator == args.size() - 1) {
            throw new UsageException(mode + " needs the command to run after '--', as in: " + mode
                    + " --cassette DIR -- mvn package");
        }
        List<String> command = args.subList(separator + 1, args.size());
        String cassette = null;
        StoreAddress stored = null;
        boolean noNetwork = false;
        boolean noProxy = false;
        StringBuilder passed = new StringBuilder();
        StringBuilder decidedHere = new StringBuilder();
        List<String> options = args.subList(0, separator);
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            switch (option) {
                case "--no-network":
                    noNetwork = true;
                    break;
                case "--no-proxy":
                    noProxy = true;
                    break;
                case "--cassette":
                case "--log":
                case "--leave-alone":
                case "--redact":
                case "--templates":
                case "--reports":
                case "--max-age":
                case "--expired":
                    if (i + 1 >= options.size()) {
                        throw new UsageException(option + " needs a value");
                    }
                    String value = options.get(++i);
                    if (option.equals("--cassette")) {
                        stored = storeAddress(value);
                        Path folder = stored == null ? Paths.get(value) : MachineCache.copyOf(stored, System.getenv());
                        cassette = folder.toAbsolutePath().normalize().toString();
                        value = cassette;
                    } else if (option.equals("--reports")) {
                        value = Paths.get(value).toAbsolutePath().normalize().toString();
                    }
                    String pair = "," + option.substring(2) + "=" + value;
                    (option.equals("--max-age") || option.equals("--expired") ? decidedHere : passed).append(pair);
                    break;
                default:
                    throw new UsageException("unknown option '" + option + "' for " + mode + "; valid: " + VALID);
            }
        }
        if (cassette == null) {
            throw new UsageException(mode + " needs --cassette DIR (or s3://BUCKET/PREFIX/NAME)");
        }
        AgentOptions asked;
        try {
            asked = AgentOptions.parse(mode + passed + decidedHere, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (checked before running " + String.join(" ", command) + ")");
        }
        if (passed.indexOf(" ") >= 0) {
            throw new UsageException("JAVA_TOOL_OPTIONS cannot carry a space; use a cassette path and values without "
                    + "spaces (" + passed + ")");
        }
        if (stored == null) {
            return run(command, asked, passed.toString(), noNetwork, noProxy, null, err);
        }
        try (StoredCassette copy = StoredCassette.take(stored, line -> err.println("netrec: " + line), false)) {
            boolean inStore = copy.fetch();
            if (copy.staleBecause() != null) {
                err.println("netrec: " + copy.staleBecause());
            }
            if (!inStore && mode.equals("replay")) {
                err.println("netrec: " + stored + " is not in the store, so replay would answer nothing; check "
                        + "--cassette, or record it first: java -jar netrec.jar record --cassette " + stored + " -- "
                        + String.join(" ", command));
                return 2;
            }
            return run(command, asked, passed.toString(), noNetwork, noProxy, copy, err);
        } catch (IOException e) {
            err.println("netrec: " + e.getMessage());
            return 2;
        }
    }

    /** The store's cassette {@code given} names, null for a folder; a usage error for a wrong address. */
    private static StoreAddress storeAddress(String given) {
        try {
            return StoreAddress.isStore(given) ? StoreAddress.parse(given) : null;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Runs the command in the mode {@code asked} decides for the cassette folder; {@code stored}, when the cassette
     * is in a store, publishes the folder after a recording that became the cassette.
     */
    private int run(List<String> command, AgentOptions asked, String passed, boolean noNetwork, boolean noProxy,
            StoredCassette stored, PrintStream err) throws IOException, InterruptedException {
        String cassette = asked.cassette().toString();
        ModeChoice choice = ModeChoice.of(asked, LocalDate.now(ZoneOffset.UTC));
        if (choice.refusal() != null) {
            err.println(choice.refusal());
            return 2;
        }
        if (choice.warning() != null) {
            err.println("netrec: " + choice.warning());
        }
        Mode chosen = choice.mode();
        if (stored != null && stored.staleBecause() != null && chosen.records()) {
            err.println("netrec: " + stored.address() + " cannot be reached, and a recording published later could "
                    + "replace a newer cassette than the one this machine fetched last; replay works from the cache, "
                    + "record when the store answers again");
            return 2;
        }
        CassetteLayout layout = asked.layout();
        if (chosen.replays() && !chosen.recordsMisses() && !ModeChoice.hasRecordings(Paths.get(cassette))) {
            err.println("netrec: the cassette " + cassette + (Files.isDirectory(Paths.get(cassette)) ? " holds no "
                    + "recording" : " does not exist") + ", so replay would answer nothing; check --cassette, or "
                    + "record it first: java -jar netrec.jar record --cassette " + cassette + " -- "
                    + String.join(" ", command));
            return 2;
        }
        List<String> full = new ArrayList<>();
        if (noNetwork) {
            List<String> namespace = networkNamespace();
            if (namespace == null) {
                err.println("netrec: --no-network needs a network namespace, and this machine allows none to this "
                        + "user (not root, and unprivileged user namespaces are off: see sysctl "
                        + "user.max_user_namespaces and kernel.unprivileged_userns_clone). Run without --no-network: "
                        + "replay still sends nothing off the machine.");
                return 2;
            }
            full.addAll(namespace);
        }
        String javaagent = "-javaagent:" + netrecJar() + "=" + chosen.label() + passed;
        Path proxyOptions = noProxy ? null : proxyOptions(javaagent, chosen.records());
        if (proxyOptions != null) {
            full.addAll(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "@" + proxyOptions, ProxiedCommand.class.getName()));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).inheritIO();
        Map<String, String> environment = builder.environment();
        String existing = environment.getOrDefault("JAVA_TOOL_OPTIONS", "").trim();
        String commandsOptions = existing.isEmpty() ? javaagent : existing + " " + javaagent;
        if (proxyOptions != null) { // handed over by the proxy's JVM, which takes none of the user's options
            environment.remove("JAVA_TOOL_OPTIONS");
            environment.put(ProxiedCommand.JAVA_TOOL_OPTIONS, commandsOptions);
        } else {
            environment.put("JAVA_TOOL_OPTIONS", commandsOptions);
        }
        Path usage = null;
        if (chosen.replays()) {
            usage = Files.createTempDirectory("netrec-usage");
            environment.put(ReplayUsage.DIRECTORY_VARIABLE, usage.toString());
            Files.deleteIfExists(layout.missReport());
            Files.deleteIfExists(layout.replayReport());
        }
        RecordingAttempt attempt = null;
        if (chosen.records()) {
            for (Path kept : RecordingAttempt.abandoned(layout)) {
                err.println("netrec: an earlier recording into " + cassette + " was cut short (killed); what it "
                        + "recorded is kept in " + kept);
            }
            attempt = RecordingAttempt.begin(layout, Instant.now());
            environment.put(RecordingAttempt.SHARED_VARIABLE, attempt.directory().toString());
        }
        int status;
        try {
            status = builder.start().waitFor();
        } catch (IOException e) {
            err.println("netrec: cannot run " + command + ": " + e.getMessage());
            if (attempt != null) {
                attempt.discard();
            }
            return 127;
        } finally {
            if (proxyOptions != null) {
                Files.deleteIfExists(proxyOptions);
            }
        }
        if (attempt != null && publish(attempt, chosen, status, asked, err) && stored != null) {
            try {
                err.println("netrec: " + stored.publish());
            } catch (IOException e) {
                err.println("netrec: the recording could not be published to " + stored.address() + " (" + e.getMessage()
                        + "); it is kept in " + cassette + ": publish it with java -jar netrec.jar push " + cassette
                        + " " + stored.address());
                status = status == 0 ? 1 : status;
            }
        }
        if (usage != null) {
            report(Paths.get(cassette), asked, ReplayUsage.readAll(usage), status, err);
            deleteTree(usage);
        }
        return status;
    }

    /**
     * The command's recording becomes the cassette when the command exited with 0 and recorded something: it
     * replaces what the cassette had (record) or adds to it (update). Otherwise the cassette is left as it was, and
     * one line says what happened and where the attempt is kept. Failed connects and lookups alone (servers down)
     * go only into a cassette that has no recording yet. Returns whether the recording became the cassette.
     */
    private static boolean publish(RecordingAttempt attempt, Mode mode, int status, AgentOptions options,
            PrintStream err) throws IOException {
        int recorded = attempt.interactions();
        int failures = recorded == 0 ? attempt.failures() : 0;
        if (failures > 0 && (status != 0 || ModeChoice.hasRecordings(options.cassette()))) {
            Path kept = attempt.keep();
            err.println("netrec: the command recorded only " + failures + " failed connects or lookups (are its "
                    + "servers down?), so " + options.cassette() + " is left as it was; the attempt is kept in "
                    + kept);
            return false;
        }
        if (recorded == 0 && failures == 0) {
            attempt.discard();
            if (!mode.replays()) {
                err.println("netrec: the command recorded nothing, so " + options.cassette()
                        + " is left as it was" + (options.leftAlone().isEmpty() ? "" : " (--leave-alone "
                        + String.join(";", options.leftAlone()) + " left those hosts alone: drop it to record them)"));
            }
            return false;
        }
        if (status != 0) {
            Path kept = attempt.keep();
            err.println("netrec: the command exited with status " + status + ", so its recording of " + recorded
                    + " interaction" + (recorded == 1 ? "" : "s") + " does not replace " + options.cassette()
                    + ", which is left as it was; the attempt is kept in " + kept);
            return false;
        }
        attempt.publish(!mode.replays());
        return true;
    }

    /**
     * Writes the command's replay summary among the cassette's reports, and says it on stderr when anything missed.
     * The cassette is read from the index its replaying JVMs left (the requests alone), not parsed again.
     */
    private static void report(Path cassette, AgentOptions options, ReplayUsage usage, int status, PrintStream err)
            throws IOException {
        Map<String, String> neverUsed = new LinkedHashMap<>();
        List<Interaction> interactions = new CassetteReader(w -> { }, options.cassetteIndexes()).load(cassette)
                .interactions();
        for (Interaction interaction : interactions) {
            if (!usage.used().contains(interaction.source())) {
                neverUsed.put(interaction.source(), interaction.request().toString());
            }
        }
        UsageReport report = new UsageReport(cassette.toString(), usage.served(), usage.failedCalls(),
                status == 0 ? null : "the command exited with status " + status,
                UsageReport.recordingFiles(cassette), usage.misses(), usage.used(), neverUsed);
        Path file = options.layout().replayReport();
        if (file.startsWith(options.layout().work())) {
            RecordingAttempt.prepareWork(options.layout());
        }
        report.write(file);
        if (!usage.misses().isEmpty()) {
            err.println("netrec: " + report.summary() + "; the first miss:\n" + usage.misses().get(0) + "\nnetrec: "
                    + "every miss and unused interaction is in " + file);
        }
    }

    /**
     * The options of the JVM that runs a command through {@link ProxiedCommand}, in a file of its own that only this
     * user can read ({@code java @file}: they carry the trust store's password, which a command line would show
     * anyone): netrec's agent, the trust settings of this JVM, and, when the command {@code records}, that the proxy
     * goes on through the one the programs had. Null, said once, when it cannot be written: the command then runs
     * without the proxy.
     */
    private static Path proxyOptions(String javaagent, boolean records) {
        List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", javaagent,
                "-D" + ProxiedCommand.UPSTREAM + "=" + records, "-cp", netrecJar().toString()));
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("javax.net.ssl.")) {
                options.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        try {
            Path written = Files.createTempFile("netrec-proxy-options", ".txt",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            options.add("-D" + ProxiedCommand.OPTIONS_FILE + "=" + written); // deleted as soon as the JVM has read it
            StringBuilder file = new StringBuilder();
            for (String option : options) {
                file.append('"').append(option.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
            }
            return Files.writeString(written, file);
        } catch (IOException | UnsupportedOperationException e) {
            System.err.println("netrec: programs of this command that are not JVMs reach the network unrecorded: "
                    + "the options of netrec's proxy could not be written (" + e + ")");
            return null;
        }
    }

    /** The command prefix that runs a command with no network but loopback, or null when this machine allows none. */
    private static List<String> networkNamespace() throws InterruptedException {
        for (List<String> unshare : List.of(List.of("unshare", "-n"), List.of("unshare", "-r", "-n"))) {
            List<String> probe = new ArrayList<>(unshare);
            probe.addAll(List.of("sh", "-c", "ip link set lo up"));
            try {
                Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (process.waitFor() == 0) {
                    List<String> prefix = new ArrayList<>(unshare);
                    prefix.addAll(List.of("sh", "-c", NAMESPACE_SCRIPT, "netrec-no-network"));
                    return prefix;
                }
            } catch (IOException noUnshare) {
                return null;
            }
        }
        return null;
    }

    private static Path netrecJar() {
        try {
            return Paths.get(NetrecAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where netrec.jar is: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
