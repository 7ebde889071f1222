package netrec.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kafka broker, Apache Kafka 4.1 from Maven Central ({@code kafka_2.13}), one node that is its own KRaft
 * controller, in a JVM of its own from libraries fetched into {@code target/kafka-broker} ({@link FetchedLibraries}),
 * with an empty log folder and no topic. Its clients reach it at {@code 127.0.0.1:PORT}.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String ARTIFACT = "org.apache.kafka:kafka_2.13:4.1.1";

    private final Process process;
    private final Path directory;
    private final int port;

    private KafkaBroker(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    public static KafkaBroker start() throws Exception {
        return start(null, null);
    }

    /** A broker as {@link #start()} whose clients log in with SASL PLAIN as {@code user}, with {@code password}. */
    public static KafkaBroker withPlainLogin(String user, String password) throws Exception {
        return start(user, password);
    }

    private static KafkaBroker start(String user, String password) throws Exception {
        Path lib = FetchedLibraries.of("kafka-broker", ARTIFACT);
        Path directory = Files.createTempDirectory("netrec-kafka");
        int port = Listening.freePort();
        int controller = Listening.freePort();
        Path properties = directory.resolve("server.properties");
        String clients = user == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        String login = user == null ? "" : String.join("\n",
                "sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config="
                        + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                        + "\" password=\"" + password + "\" user_" + user + "=\"" + password + "\";", "");
        Files.writeString(properties, login + String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
                "listeners=" + clients + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=" + clients + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + clients,
                "listener.security.protocol.map=" + clients + ":" + clients + ",CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false", ""));
        Process format = java(lib, directory, "format.log", "kafka.tools.StorageTool", "format", "-t", clusterId(),
                "-c", properties.toString(), "--standalone");
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IOException("formatting the Kafka broker's storage failed:\n"
                    + Files.readString(directory.resolve("format.log")));
        }
        KafkaBroker broker = new KafkaBroker(java(lib, directory, "server.log", "kafka.Kafka", properties.toString()),
                directory, port);
        if (Listening.on(broker.process, port, 60)) {
            return broker;
        }
        String log = Files.readString(directory.resolve("server.log"));
        broker.close();
        throw new IOException(ARTIFACT + " did not start on port " + port + ":\n" + log);
    }

    public int port() {
        return port;
    }

    /** A KRaft cluster id: 16 random bytes in URL-safe base64, as {@code kafka-storage random-uuid} makes one. */
    private static String clusterId() {
        byte[] bytes = new byte[16];
        String id;
        do {
            new SecureRandom().nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-")); // Kafka refuses an id that would read as an option
        return id;
    }

    private static Process java(Path lib, Path directory, String log, String... mainAndArguments)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.server(lib, List.of("-Xmx512m"), mainAndArguments))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(log).toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        return builder.start();
    }

    /** Stops the broker and deletes its folder. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
