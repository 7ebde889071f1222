package netrec.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A JVM started the way a user starts one under netrec: {@code java -javaagent:netrec.jar=...}, the JDK under test
 * ({@code netrec.test.java}), and a classpath holding only the test program and the client libraries, never netrec's
 * own classes. Replay can run it in a fresh network namespace with only loopback, where no packet can leave.
 *
 * <p>It compiles with C1 only ({@value #QUICK_JIT}): the tests' JVMs live a second or two, too short for C2 to
 * compile much of what they run, netrec's code included, yet C2's compiler thread takes a quarter to a third of
 * their CPU as they start (measured on two cores). A test whose JVM runs long loops (thousands of requests) asks for
 * the JVM's usual compilers with {@link #usualJvm()}. Maven's JVM in the builds the tests run compiles with C1 only
 * too ({@link MavenRun}).
 *
 * <p>It collects with the serial collector and a young generation of {@value #QUICK_YOUNG_GENERATION} ({@link
 * #QUICK_HEAP}): a test JVM's first touch of a large, fresh young generation (page faults, zeroing) and the G1
 * collector's threads cost it a tenth of its CPU (measured on a replay of 22 interactions over HTTP and HTTPS: 1.25
 * to 1.13 s). A test that measures netrec's heap asks for the usual collector ({@link #usualJvm()}).
 *
 * <p>Its class path holds the libraries its program needs ({@link #LIBRARIES}), not every client library the tests
 * use: the JDK looks for URL handlers in every jar of the class path the first time a program makes a URL, and
 * netrec's own classes are looked for in each of them before netrec.jar, appended last. With the 146 entries of all
 * the libraries, a {@code ClientMain} JVM recording two requests with HttpURLConnection took 520-550 ms of CPU
 * against 410-490 ms with the test classes alone. A program not named there gets them all.
 */
public final class ChildJvm {
    private static final String[] APPLICATION_JARS = {"/com/squareup/", "/org/jetbrains/",
        "/org/apache/httpcomponents/", "/commons-logging/", "/commons-codec/", "/org/slf4j/",
        "/com/fasterxml/jackson/", "/io/netty/", "/io/projectreactor/", "/org/reactivestreams/", "/io/micrometer/",
        "/org/eclipse/jetty/", "/org/junit/", "/org/opentest4j/", "/org/apiguardian/", "/com/stripe/", "/com/google/",
        "/io/grpc/", "/io/perfmark/", "/org/codehaus/mojo/", "/org/java-websocket/", "/redis/clients/",
        "/org/apache/commons/", "/org/json/", "/org/postgresql/", "/org/mariadb/", "/io/lettuce/",
        "/org/apache/tomcat/", "/com/zaxxer/", "/software/amazon/", "/io/r2dbc/", "/com/ongres/", "/org/apache/kafka/",
        "/org/lz4/", "/org/xerial/", "/com/github/luben/", "/io/vertx/"};
    /**
     * The jars of {@link #APPLICATION_JARS} a program needs beyond the test classes and SLF4J (which keeps client
     * libraries quiet), by its main class and, for a program that takes one first, its client: the key is
     * {@code "MAIN CLIENT"} or {@code "MAIN"}. A jar left out fails the test that needs it, with the class it lacks.
     */
    private static final Map<String, List<String>> LIBRARIES = libraries();
    private static Boolean namespacesWork;
    /** What runs a command in a new network namespace with only loopback up. */
    static final List<String> OFFLINE = List.of("unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$@\"",
            "netrec-offline");

    /** What runs a command in a new network namespace where not even loopback is up. */
    static final List<String> NO_NETWORK_AT_ALL = List.of("unshare", "-n");

    /** The option that keeps a child JVM on C1. */
    static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

    static final String QUICK_YOUNG_GENERATION = "16m";

    static final String SERIAL_COLLECTOR = "-XX:+UseSerialGC";

    /** The options that make a child JVM's heap quick to start. */
    static final List<String> QUICK_HEAP = List.of(SERIAL_COLLECTOR, "-Xmn" + QUICK_YOUNG_GENERATION);

    /**
     * The options of another JVM the tests start that lives seconds, mostly starting: C1 only and the serial
     * collector, for Maven's own ({@link MavenRun#MAVEN_OPTS}) and for a server's ({@link #server}).
     */
    static final List<String> SHORT_LIVED = List.of(QUICK_JIT, SERIAL_COLLECTOR);

    private final List<String> command = new ArrayList<>();
    private List<String> namespace = List.of();
    private final Map<String, String> environment = new HashMap<>();
    /** How long {@link #run} lets the JVM run before it takes it for hung. */
    private int minutes = 2;

    private ChildJvm(String agentArgument) {
        command.add(javaExecutable());
        command.add(QUICK_JIT);
        command.addAll(QUICK_HEAP);
        if (agentArgument != null) {
            command.add("-javaagent:" + agentJar() + "=" + agentArgument);
        }
        command.add("-Djavax.net.ssl.trustStore=" + TestCertificates.trustStore());
        command.add("-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD);
        command.add("-cp");
        command.add(applicationClasspath());
    }

    /** {@code java -jar netrec.jar args...}: netrec's command line. */
    public static ChildJvm netrecCommand(String... args) {
        ChildJvm jvm = new ChildJvm(null);
        jvm.command.subList(2 + QUICK_HEAP.size(), jvm.command.size()).clear();
        jvm.command.add("-jar");
        jvm.command.add(agentJar().toString());
        jvm.command.addAll(Arrays.asList(args));
        return jvm;
    }

    /** A JVM with netrec attached as {@code -javaagent:netrec.jar=agentArgument}. */
    public static ChildJvm withAgent(String agentArgument) {
        return new ChildJvm(agentArgument);
    }

    /** A JVM without netrec's agent, as a test JVM that attaches netrec itself starts. */
    public static ChildJvm withoutAgent() {
        return new ChildJvm(null);
    }

    /**
     * The command that starts a server the tests run in a JVM of its own (Kafka's broker, the OAuth2 server) from
     * the jars in {@code libraries}: {@code options} ({@link #SHORT_LIVED} among them), then its main class and
     * arguments.
     */
    public static List<String> server(Path libraries, List<String> options, String... mainAndArguments) {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(SHORT_LIVED);
        command.addAll(options);
        command.addAll(List.of("-cp", libraries + "/*"));
        command.addAll(Arrays.asList(mainAndArguments));
        return command;
    }

    /**
     * Puts netrec.jar on the class path, and netrec-junit5's jar when the tests name it ({@code netrec.junit5.jar}),
     * as a project's test dependency on dev.netrec:netrec-junit5 does.
     */
    public ChildJvm netrecOnClasspath() {
        int classpath = command.indexOf("-cp") + 1;
        String junit5 = System.getProperty("netrec.junit5.jar", "");
        command.set(classpath, agentJar() + File.pathSeparator + (junit5.isEmpty() ? "" : junit5 + File.pathSeparator)
                + command.get(classpath));
        return this;
    }

    /** Sets {@code name} in the child's environment. */
    public ChildJvm env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Sets each of {@code variables} in the child's environment. */
    public ChildJvm env(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** Adds a JVM option, such as a system property. */
    public ChildJvm jvmOption(String option) {
        int classpath = command.indexOf("-cp");
        command.add(classpath >= 0 ? classpath : command.indexOf("-jar"), option);
        return this;
    }

    /**
     * The JVM's usual compilers (C1 and then C2) and collector, as a JVM has them by default: for a JVM that runs long
     * loops, or whose heap a test measures.
     */
    public ChildJvm usualJvm() {
        command.remove(QUICK_JIT);
        command.removeAll(QUICK_HEAP);
        return this;
    }

    /**
     * The JVM's usual compilers (C1 and then C2), the quick heap kept: for a JVM that streams gigabytes through code
     * C1 alone runs slowly (SHA-256 at a tenth of C2's speed), and whose heap the test bounds as before.
     */
    public ChildJvm usualCompilers() {
        command.remove(QUICK_JIT);
        return this;
    }

    /**
     * Lets the JVM run up to {@code minutes} before {@link #run} takes it for hung (two by default): for a JVM that
     * has minutes of work on a busy machine, such as one that reads a million interactions in a small heap.
     */
    public ChildJvm within(int minutes) {
        this.minutes = minutes;
        return this;
    }

    /** Runs the JVM in a new network namespace with only loopback up. */
    public ChildJvm offline() {
        namespace = OFFLINE;
        return this;
    }

    /** Runs the JVM in a new network namespace where not even loopback is up: no socket connects anywhere. */
    public ChildJvm withoutLoopback() {
        namespace = NO_NETWORK_AT_ALL;
        return this;
    }

    /** Runs {@code mainClass} with {@code args}, the libraries it needs on the class path ({@link #LIBRARIES}). */
    public ChildJvm main(String mainClass, String... args) {
        int classpath = command.indexOf("-cp") + 1;
        if (classpath > 0) {
            command.set(classpath, command.get(classpath).replace(applicationClasspath(),
                    applicationClasspath(mainClass, args)));
        }
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        return this;
    }

    /** True when this machine lets us make network namespaces ({@code unshare -n}, as root or with user namespaces). */
    public static synchronized boolean networkNamespacesWork() {
        if (namespacesWork == null) {
            try {
                Process probe = new ProcessBuilder("unshare", "-n", "sh", "-c", "ip link set lo up").start();
                namespacesWork = probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                namespacesWork = false;
            }
        }
        return namespacesWork;
    }

    public Process start(Path workingDirectory) throws IOException {
        List<String> full = new ArrayList<>(namespace);
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Runs to the end (at most two minutes or those {@link #within} gave, then it is killed and the test fails) and
     * returns what it printed.
     */
    public Result run(Path workingDirectory) throws IOException, InterruptedException {
        Process process = start(workingDirectory);
        Path stdout = Files.createTempFile("netrec-child", ".out");
        Path stderr = Files.createTempFile("netrec-child", ".err");
        try {
            Thread out = drain(process.getInputStream(), stdout);
            Thread err = drain(process.getErrorStream(), stderr);
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                printThreadDumps(process);
                process.destroyForcibly().waitFor();
                out.join();
                err.join();
                throw new IllegalStateException("child JVM did not finish in " + minutes + " minutes (its threads at"
                        + " the end are in its stdout)\n--- stdout\n" + Files.readString(stdout) + "--- stderr\n"
                        + Files.readString(stderr) + "--- command\n" + command);
            }
            out.join();
            err.join();
            return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /**
     * Asks the JVM (and whatever it runs in, such as {@code unshare}) to print its threads' stacks to its stdout, so
     * that a child that hung says where; gives it a few seconds to do so.
     */
    private static void printThreadDumps(Process process) throws IOException, InterruptedException {
        List<String> quit = new ArrayList<>(List.of("kill", "-QUIT"));
        quit.add(Long.toString(process.pid()));
        process.descendants().forEach(child -> quit.add(Long.toString(child.pid())));
        new ProcessBuilder(quit).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        process.waitFor(3, TimeUnit.SECONDS);
    }

    private static Thread drain(java.io.InputStream stream, Path file) {
        Thread thread = new Thread(() -> {
            try {
                Files.copy(stream, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        thread.start();
        return thread;
    }

    /** The java launcher of the JDK under test: {@code netrec.test.java}, else the one running the tests. */
    public static String javaExecutable() {
        return System.getProperty("netrec.test.java", Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    /** The feature version (17, 25) of the JDK under test, from its {@code release} file. */
    public static int javaFeatureVersion() throws IOException {
        Path release = Paths.get(javaExecutable()).getParent().getParent().resolve("release");
        for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=")) {
                return Integer.parseInt(line.replaceAll("JAVA_VERSION=\"?(\\d+).*", "$1"));
            }
        }
        throw new IOException(release + " names no JAVA_VERSION");
    }

    public static Path agentJar() {
        return Paths.get(System.getProperty("netrec.jar", "target/netrec.jar")).toAbsolutePath().normalize();
    }

    /**
     * The class path of the programs the tests run: the test classes (of this module, and the agent module's test
     * jar, which other modules' tests use) and the client libraries.
     */
    public static String applicationClasspath() {
        return classpathOf(APPLICATION_JARS);
    }

    /** The class path {@code mainClass} run with {@code args} needs: see {@link #LIBRARIES}. */
    static String applicationClasspath(String mainClass, String... args) {
        List<String> needed = args.length > 0 ? LIBRARIES.get(mainClass + " " + args[0]) : null;
        if (needed == null) {
            needed = LIBRARIES.get(mainClass);
        }
        if (needed == null) {
            return applicationClasspath();
        }
        List<String> parts = new ArrayList<>(needed);
        parts.add("/org/slf4j/");
        return classpathOf(parts.toArray(new String[0]));
    }

    private static String classpathOf(String[] libraries) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith("test-classes") || entry.endsWith("-tests.jar")
                        || Arrays.stream(libraries).anyMatch(part -> entry.replace('\\', '/').contains(part)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Map<String, List<String>> libraries() {
        List<String> apache = List.of("/org/apache/httpcomponents/", "/commons-logging/", "/commons-codec/");
        List<String> okHttp = List.of("/com/squareup/", "/org/jetbrains/");
        List<String> reactorNetty = List.of("/io/netty/", "/io/projectreactor/", "/org/reactivestreams/",
                "/io/micrometer/");
        List<String> jetty = List.of("/org/eclipse/jetty/");
        String client = "netrec.it.client.ClientMain ";
        Map<String, List<String>> libraries = new HashMap<>();
        for (String jdkOnly : List.of("urlconnection", "jdkhttp", "socket-adaptor")) {
            libraries.put(client + jdkOnly, List.of());
        }
        for (String apacheClient : List.of("apache4", "apache5", "apache5-async-h2")) {
            libraries.put(client + apacheClient, apache);
        }
        libraries.put(client + "okhttp", okHttp);
        libraries.put(client + "reactor-netty", reactorNetty);
        libraries.put(client + "reactor-netty-h2", reactorNetty);
        libraries.put(client + "jetty", jetty);
        libraries.put(client + "jetty-h2", jetty);
        // the line protocols' program speaks Redis, SMTP and FTP itself, with the JDK alone
        libraries.put("netrec.it.tcp.LineProtocolClientMain", List.of());
        // the databases' program names Jedis and R2DBC's PostgreSQL, and finds pgjdbc and MariaDB's driver by JDBC
        libraries.put("netrec.it.tcp.DatabaseClientMain", List.of("/redis/clients/", "/org/apache/commons/",
                "/org/json/", "/com/google/", "/org/postgresql/", "/com/ongres/", "/org/mariadb/", "/io/r2dbc/",
                "/io/projectreactor/", "/org/reactivestreams/", "/io/netty/", "/io/micrometer/"));
        // the chat program's class names every WebSocket client it can run, and its verification loads them all
        libraries.put("netrec.it.websocket.ChatClientMain", List.of("/com/squareup/", "/org/jetbrains/",
                "/org/eclipse/jetty/", "/org/java-websocket/", "/org/apache/tomcat/"));
        return Map.copyOf(libraries);
    }

    /** What a finished child printed. */
    public static final class Result {
        public final int exitCode;
        public final String stdout;
        public final String stderr;

        public Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        public List<String> lines() {
            return stdout.lines().collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
