package netrec.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import netrec.agent.NetrecAgent;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Interaction;
import netrec.cassette.yaml.CassetteReader;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.Mode;
import netrec.runtime.replay.report.ReplayUsage;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;
import netrec.tools.command.UsageException;

/**
 * {@code java -jar netrec.jar MODE --cassette DIR [--no-network] [OPTIONS] -- COMMAND...}: runs a command (a whole
 * Maven build, say) with netrec in every JVM it starts, through {@code JAVA_TOOL_OPTIONS}, optionally in a network
 * namespace with only loopback. After a replay it sums up what every JVM served and missed, and which recorded
 * interactions none used, in {@code replay-report.txt} in the cassette (and on stderr when anything missed).
 */
final class Launcher extends Tool {
    /** The modes it runs a command in, each a command of its own. */
    static final List<String> MODES = List.of("record", "replay", "update");
    static final String USAGE = String.join("\n",
            "record|replay|update --cassette DIR [--no-network] [--log LEVEL] [--leave-alone HOSTS] -- COMMAND...",
            "                      run COMMAND (mvn package, say) with netrec in every JVM it starts",
            "                      (JAVA_TOOL_OPTIONS); --no-network runs it with no network but loopback");
    private static final String NAMESPACE_SCRIPT = "ip link set lo up && exec \"$@\"";

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
        boolean noNetwork = false;
        StringBuilder agentArgument = new StringBuilder(mode);
        List<String> options = args.subList(0, separator);
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            switch (option) {
                case "--no-network":
                    noNetwork = true;
                    break;
                case "--cassette":
                case "--log":
                case "--leave-alone":
                case "--redact":
                case "--templates":
                    if (i + 1 >= options.size()) {
                        throw new UsageException(option + " needs a value");
                    }
                    String value = options.get(++i);
                    if (option.equals("--cassette")) {
                        cassette = Paths.get(value).toAbsolutePath().normalize().toString();
                        value = cassette;
                    }
                    agentArgument.append(',').append(option.substring(2)).append('=').append(value);
                    break;
                default:
                    throw new UsageException("unknown option '" + option + "' for " + mode + "; valid: --cassette DIR, "
                            + "--no-network, --log LEVEL, --leave-alone HOSTS, --redact NAMES, --templates auto|off");
            }
        }
        if (cassette == null) {
            throw new UsageException(mode + " needs --cassette DIR");
        }
        try {
            AgentOptions.parse(agentArgument.toString(), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (checked before running " + String.join(" ", command) + ")");
        }
        Mode chosen = Mode.parse(mode);
        if (chosen.replays() && !chosen.recordsMisses() && !Files.isDirectory(Paths.get(cassette))) {
            err.println("netrec: the cassette " + cassette + " does not exist, so replay would answer nothing; check "
                    + "--cassette, or record it first: java -jar netrec.jar record --cassette " + cassette + " -- "
                    + String.join(" ", command));
            return 2;
        }
        if (agentArgument.indexOf(" ") >= 0) {
            throw new UsageException("JAVA_TOOL_OPTIONS cannot carry a space; use a cassette path and values without "
                    + "spaces (" + agentArgument + ")");
        }
        List<String> full = new ArrayList<>();
        if (noNetwork) {
            List<String> namespace = networkNamespace();
            if (namespace == null) {
                err.println("netrec: --no-network needs a network namespace, and this machine allows none to this user "
                        + "(not root, and unprivileged user namespaces are off: see sysctl user.max_user_namespaces and "
                        + "kernel.unprivileged_userns_clone). Run without --no-network: replay still sends nothing "
                        + "off the machine.");
                return 2;
            }
            full.addAll(namespace);
        }
        full.addAll(command);
        Path usage = Mode.parse(mode).replays() ? Files.createTempDirectory("netrec-usage") : null;
        ProcessBuilder builder = new ProcessBuilder(full).inheritIO();
        Map<String, String> environment = builder.environment();
        String existing = environment.getOrDefault("JAVA_TOOL_OPTIONS", "").trim();
        String javaagent = "-javaagent:" + netrecJar() + "=" + agentArgument;
        environment.put("JAVA_TOOL_OPTIONS", existing.isEmpty() ? javaagent : existing + " " + javaagent);
        if (usage != null) {
            environment.put(ReplayUsage.DIRECTORY_VARIABLE, usage.toString());
        }
        int status;
        try {
            status = builder.start().waitFor();
        } catch (IOException e) {
            err.println("netrec: cannot run " + command + ": " + e.getMessage());
            return 127;
        }
        if (usage != null) {
            report(Paths.get(cassette), AgentOptions.parse(agentArgument.toString(), System.getenv()),
                    ReplayUsage.readAll(usage), err);
            deleteTree(usage);
        }
        return status;
    }

    /**
     * Writes the job's replay summary into the cassette, and says it on stderr when anything missed. The cassette is
     * read from the index its replaying JVMs left (the requests alone), not parsed again.
     */
    private static void report(Path cassette, AgentOptions options, ReplayUsage usage, PrintStream err)
            throws IOException {
        List<String> unused = new ArrayList<>();
        List<Interaction> interactions = new CassetteReader(w -> { }, options.cassetteIndexes()).load(cassette)
                .interactions();
        for (Interaction interaction : interactions) {
            if (!usage.used().contains(interaction.source())) {
                unused.add(interaction.request() + "  (" + interaction.source() + ")");
            }
        }
        Path file = new CassetteLayout(cassette).replayReport();
        String summary = "replayed " + usage.served() + " requests from " + cassette + ", " + usage.failedCalls()
                + " missed" + (usage.failedCalls() == usage.misses().size() ? "" : " (" + usage.misses().size()
                + " distinct requests)") + ", " + unused.size() + " of " + interactions.size() + " recorded interactions never used";
        StringBuilder text = new StringBuilder(summary).append('\n');
        if (!usage.misses().isEmpty()) {
            text.append("\n# missed\n");
            usage.misses().forEach(m -> text.append(m).append("\n\n"));
        }
        if (!unused.isEmpty()) {
            text.append("\n# never used\n");
            unused.forEach(line -> text.append(line).append('\n'));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        if (!usage.misses().isEmpty()) {
            err.println("netrec: " + summary + "; the first miss:\n" + usage.misses().get(0) + "\nnetrec: every miss and "
                    + "unused interaction is in " + file);
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
