package netrec.agent.proxy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code java -cp netrec.jar netrec.agent.proxy.ProxiedCommand COMMAND...}: what the launcher runs a command through
 * (in its network namespace, with netrec's agent from {@code JAVA_TOOL_OPTIONS}, as every JVM of the command): it
 * starts the {@link ChildrenProxy} with a {@link RunAuthority} made for this run, runs the command with the
 * {@link ProxyEnvironment} that sends its programs that are not JVMs through the proxy, and exits with the command's
 * status. Recording, the proxy reaches servers through the one the programs had before, if any. Should the proxy fail to start, the command runs without it, and that is said once.
 */
public final class ProxiedCommand {
    /** The system property by which the launcher says the command records, so that the proxy it had is used. */
    public static final String UPSTREAM = "netrec.proxy.upstream";
    /**
     * The variable by which the launcher hands over the command's {@code JAVA_TOOL_OPTIONS} (the user's and netrec's
     * agent), so that this JVM, which gets the agent on its command line, takes none of the user's (a debugger's
     * {@code suspend=y}, say) and the command gets them all.
     */
    public static final String JAVA_TOOL_OPTIONS = "NETREC_COMMAND_JAVA_TOOL_OPTIONS";
    /** The system property naming the file this JVM's options came in ({@code java @file}), deleted at once. */
    public static final String OPTIONS_FILE = "netrec.proxy.options";

    private ProxiedCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        String options = System.getProperty(OPTIONS_FILE);
        if (options != null) {
            new File(options).delete();
        }
        System.exit(run(Arrays.asList(args)));
    }

    static int run(List<String> command) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> environment = builder.environment();
        String commandsOptions = environment.remove(JAVA_TOOL_OPTIONS);
        if (commandsOptions != null) {
            environment.put("JAVA_TOOL_OPTIONS", commandsOptions);
        }
        ChildrenProxy proxy = null;
        Path files = null;
        try {
            RunAuthority authority = RunAuthority.create();
            proxy = ChildrenProxy.start(authority, upstream());
            files = Files.createTempDirectory("netrec-proxy");
            ProxyEnvironment.give(environment, proxy.url(), authority.pem(), files);
        } catch (Exception | LinkageError e) {
            System.err.println("netrec: programs of this command that are not JVMs (curl, wget, npm) reach the "
                    + "network unrecorded: the proxy for them could not start (" + e + ")");
        }
        Path made = files;
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            System.err.println("netrec: cannot run " + command + ": " + e.getMessage());
            deleteTree(made);
            return 127;
        }
        // the launcher stopped (Ctrl-C, SIGTERM): the command and whatever it started go too, and the files
        Thread stop = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            deleteTree(made);
        }, "netrec: stops the command with its launcher");
        Runtime.getRuntime().addShutdownHook(stop);
        int status = process.waitFor();
        Runtime.getRuntime().removeShutdownHook(stop);
        if (proxy != null) {
            closeQuietly(proxy);
        }
        deleteTree(made);
        return status;
    }

    /**
     * The proxy the programs had before, to go on through when recording ({@value #UPSTREAM}: the launcher says so);
     * none in replay, or when what they had cannot be used (said once).
     */
    private static Upstream upstream() {
        if (!Boolean.getBoolean(UPSTREAM)) {
            return Upstream.NONE;
        }
        try {
            return Upstream.of(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("netrec: " + e.getMessage() + "; netrec's proxy reaches servers directly");
            return Upstream.NONE;
        }
    }

    private static void closeQuietly(ChildrenProxy proxy) {
        try {
            proxy.close();
        } catch (IOException ignored) {
            // the JVM ends next
        }
    }

    private static void deleteTree(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }
}
