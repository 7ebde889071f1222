package netrec.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Maven ({@code mvn} from the PATH, or {@code netrec.test.mvn}) in a project directory on the JDK under test,
 * optionally in a network namespace with only loopback, and returns what it printed.
 *
 * <p>Maven's own JVM runs with {@value #MAVEN_OPTS} (a script run here passes them on to the Mavens it starts):
 * a build of seconds to a minute is too short for C2 to pay back its compiling. Measured on 2 cores, a replayed
 * build of maven-clean-plugin 3.4.0 on Maven 4 took 28 s of CPU (15 s) with the JVM's defaults and 14 s (10.5 s)
 * with these. Nothing of netrec's depends on them: they are the JVM's compilers and collector, and the JVMs Maven
 * forks (Surefire's) keep their defaults.
 */
public final class MavenRun {
    /** Maven's JVM options: C1 only, the serial collector. */
    public static final String MAVEN_OPTS = String.join(" ", ChildJvm.SHORT_LIVED);
    private final List<String> command = new ArrayList<>();
    private final List<String> environment = new ArrayList<>();
    private boolean offline;
    private Duration limit = Duration.ofMinutes(30);

    private MavenRun(String... arguments) {
        command.add(System.getProperty("netrec.test.mvn", "mvn"));
        command.add("-B");
        command.addAll(Arrays.asList(arguments));
    }

    public static MavenRun of(String... arguments) {
        return new MavenRun(arguments);
    }

    /** Runs Maven in a new network namespace with only loopback up. */
    public MavenRun offline() {
        offline = true;
        return this;
    }

    /**
     * Fails the run, and kills Maven with every process it started, when it takes longer than {@code limit}: a replay
     * that hangs fails its test instead of the whole suite's time.
     */
    public MavenRun within(Duration limit) {
        this.limit = limit;
        return this;
    }

    /**
     * Runs Maven through netrec's command line: {@code java -jar netrecJar ARGUMENTS -- mvn ...}, the {@code java} of
     * the JDK under test.
     */
    public MavenRun launchedBy(Path netrecJar, String... arguments) {
        List<String> launcher = new ArrayList<>(List.of(ChildJvm.javaExecutable(), "-jar", netrecJar.toString()));
        launcher.addAll(Arrays.asList(arguments));
        launcher.add("--");
        command.addAll(0, launcher);
        return this;
    }

    /** Adds {@code NAME=value} to Maven's environment. */
    public MavenRun env(String name, String value) {
        environment.add(name);
        environment.add(value);
        return this;
    }

    /** Sets each of {@code variables} in Maven's environment. */
    public MavenRun env(Map<String, String> variables) {
        variables.forEach(this::env);
        return this;
    }

    public ChildJvm.Result run(Path project) throws IOException, InterruptedException {
        return runCommand(project, command);
    }

    /** Runs {@code bash script arguments...} in {@code project} with this run's environment, instead of Maven. */
    public ChildJvm.Result runScript(Path project, String script, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(Arrays.asList(arguments));
        return runCommand(project, command);
    }

    private ChildJvm.Result runCommand(Path project, List<String> what) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (offline) {
            full.addAll(ChildJvm.OFFLINE);
        }
        full.addAll(what);
        ProcessBuilder builder = new ProcessBuilder(full).directory(project.toFile());
        Path javaHome = Paths.get(ChildJvm.javaExecutable()).getParent().getParent();
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("PATH", javaHome.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put("MAVEN_OPTS", MAVEN_OPTS);
        for (int i = 0; i < environment.size(); i += 2) {
            builder.environment().put(environment.get(i), environment.get(i + 1));
        }
        Path output = Files.createTempFile("netrec-maven", ".out");
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("did not finish in " + limit.toMinutes() + " minutes: " + full + "\n"
                        + Files.readString(output));
            }
            return new ChildJvm.Result(process.exitValue(), Files.readString(output), "");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
