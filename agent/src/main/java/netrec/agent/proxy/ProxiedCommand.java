package netrec.agent.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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

    private ProxiedCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(Arrays.asList(args)));
    }

    static int run(List<String> command) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        ChildrenProxy proxy = null;
        Path files = null;
        try {
            RunAuthority authority = RunAuthority.create();
            proxy = ChildrenProxy.start(authority, upstream());
            files = Files.createTempDirectory("netrec-proxy");
            ProxyEnvironment.give(builder.environment(), proxy.port(), authority.pem(), files);
        } catch (Exception | LinkageError e) {
            System.err.println("netrec: programs of this command that are not JVMs (curl, wget, npm) reach the "
                    + "network unrecorded: the proxy for them could not start (" + e + ")");
        }
        try {
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                System.err.println("netrec: cannot run " + command + ": " + e.getMessage());
                return 127;
            }
            Thread stop = new Thread(process::destroy, "netrec: stops the command with its launcher");
            Runtime.getRuntime().addShutdownHook(stop);
            int status = process.waitFor();
            Runtime.getRuntime().removeShutdownHook(stop);
            return status;
        } finally {
            if (proxy != null) {
                closeQuietly(proxy);
            }
            if (files != null) {
                deleteTree(files);
            }
        }
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
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }
}
