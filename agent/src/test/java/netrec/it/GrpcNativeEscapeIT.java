package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import netrec.it.grpc.NativeLibrariesClientMain;
import netrec.it.grpc.SimpleServer;
import netrec.it.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grpc-netty-shaded carries its own copy of Netty, under {@code io.grpc.netty.shaded}, with its native epoll
 * transport and OpenSSL (netty-tcnative), which it picks when it can; both bypass the JDK. In a network namespace made
 * for the test, with a real gRPC server at a non-loopback address (10.77.0.1, on a veth interface), a client
 * replaying an empty cassette must fail with netrec's reason and never reach the server. The same client without
 * netrec reaches it (through epoll), which shows the namespace and the server work, so the replay tests can fail.
 * Recording against a loopback server keeps that copy of Netty on JDK NIO and the JDK's TLS. What the cassette holds
 * for gRPC is {@link GrpcRecordReplayIT}'s business.
 */
class GrpcNativeEscapeIT {
    private static final String ADDRESS = "10.77.0.1";
    private static final String SHADED_NO_NATIVE = "-Dio.grpc.netty.shaded.io.netty.transport.noNative=false";

    @TempDir
    Path work;

    @Test
    void replayNeverReachesAServerAtANonLoopbackAddressThroughShadedNettysNativeTransport() throws Exception {
        List<String> run = runInNamespace(replayingAnEmptyCassette());

        assertRefusedByNetrec(run);
    }

    @Test
    void replayOverridesTheUsersNoNativeFalseForGrpcsCopyOfNetty() throws Exception {
        List<String> run = runInNamespace(replayingAnEmptyCassette() + " " + SHADED_NO_NATIVE);

        assertRefusedByNetrec(run);
        assertTrue(run.contains("netrec: io.grpc.netty.shaded.io.netty.transport.noNative=false would let Netty (shaded "
                + "under io.grpc.netty.shaded)'s native transports (epoll, kqueue, io_uring) reach the network past "
                + "replay; netrec set it to true for this replay run"), String.join("\n", run));
    }

    @Test
    void withoutNetrecTheSameClientReachesTheServerInTheNamespaceThroughEpoll() throws Exception {
        List<String> run = runInNamespace("");

        assertTrue(run.contains("client exit 0"), String.join("\n", run));
        assertTrue(run.contains("unary: unary hello"), String.join("\n", run));
        assertTrue(run.contains("Netty native libraries: [netty_transport_native_epoll]"), String.join("\n", run));
        assertTrue(run.stream().anyMatch(line -> line.matches("served [1-9][0-9]* calls on 1 connections")),
                String.join("\n", run));
        assertTrue(run.contains("tcp connections accepted 1"), String.join("\n", run));
    }

    @Test
    void recordingKeepsGrpcsCopyOfNettyOnJdkNioAndTheJdksTls() throws Exception {
        ChildJvm.Result recorded = callLoopbackServerOverTls(ChildJvm.withAgent("record,cassette=" + work
                .resolve("cassette")));

        assertCallsAnswered(recorded);
        assertEquals("Netty native libraries: []", lastLine(recorded), recorded.toString());
        RecordReplayScenario.assertQuiet(recorded.stderr);
    }

    @Test
    void withoutNetrecGrpcsCopyOfNettyPicksEpollAndOpenSsl() throws Exception {
        ChildJvm.Result plain = callLoopbackServerOverTls(ChildJvm.withoutAgent());

        assertCallsAnswered(plain);
        assertEquals("Netty native libraries: [netty_tcnative, netty_transport_native_epoll]", lastLine(plain),
                plain.toString());
    }

    @Test
    void recordingKeepsTheUsersNoNativeFalseForGrpcsCopyAndSaysItCannotSeeThatTraffic() throws Exception {
        ChildJvm.Result recorded = callLoopbackServerOverTls(ChildJvm.withAgent("record,cassette=" + work
                .resolve("cassette")).jvmOption(SHADED_NO_NATIVE));

        assertCallsAnswered(recorded);
        assertEquals("Netty native libraries: [netty_transport_native_epoll]", lastLine(recorded), recorded.toString());
        assertTrue(recorded.stderr.lines().anyMatch(line -> line.equals("netrec: io.grpc.netty.shaded.io.netty.transport"
                + ".noNative=false lets Netty (shaded under io.grpc.netty.shaded)'s native transports (epoll, kqueue, "
                + "io_uring) bypass the JDK: netrec cannot record or replay that traffic. Remove the setting to let "
                + "netrec keep Netty on the JDK")), recorded.toString());
    }

    private String replayingAnEmptyCassette() throws IOException {
        return "-javaagent:" + ChildJvm.agentJar() + "=replay,cassette="
                + Files.createDirectories(work.resolve("empty-cassette"));
    }

    /** The replaying client failed with netrec's reason, and neither the server nor the namespace saw a connection. */
    private static void assertRefusedByNetrec(List<String> run) {
        String output = String.join("\n", run);
        assertTrue(run.contains("client exit 3"), output);
        assertTrue(run.stream().anyMatch(line -> line.startsWith("FAILED: ") && line.contains("netrec")), output);
        assertTrue(run.contains("Netty native libraries: []"), output);
        assertTrue(run.contains("served 0 calls on 0 connections"), output);
        assertTrue(run.contains("tcp connections accepted 0"), output);
    }

    private static void assertCallsAnswered(ChildJvm.Result client) {
        assertEquals(0, client.exitCode, client.toString());
        assertTrue(client.lines().contains("unary: unary hello"), client.toString());
    }

    private static String lastLine(ChildJvm.Result client) {
        List<String> lines = client.lines();
        return lines.get(lines.size() - 1);
    }

    /** The calls over TLS to a gRPC server on loopback, by {@code client}, which prints Netty's native libraries. */
    private ChildJvm.Result callLoopbackServerOverTls(ChildJvm client) throws Exception {
        try (SimpleServer server = SimpleServer.start("127.0.0.1", true)) {
            return client.main(NativeLibrariesClientMain.class.getName(), "netty", "localhost",
                    String.valueOf(server.port()), "tls").run(work);
        }
    }

    /**
     * In a new network namespace: loopback and a veth pair up, the server on {@link #ADDRESS}, then the client with
     * {@code clientOptions} (none when empty); the lines both printed, {@code client exit N}, and how many TCP
     * connections the namespace accepted ({@code PassiveOpens} of its {@code /proc/net/snmp}).
     */
    private List<String> runInNamespace(String clientOptions) throws IOException, InterruptedException {
        assertTrue(ChildJvm.networkNamespacesWork(), "this test needs network namespaces (unshare -n, as root or with "
                + "user namespaces), and this machine makes none");
        String java = ChildJvm.javaExecutable();
        String classpath = ChildJvm.applicationClasspath();
        String script = String.join("\n",
                "set -e",
                "ip link set lo up",
                "ip link add nr0 type veth peer name nr1",
                "ip addr add " + ADDRESS + "/24 dev nr0",
                "ip link set nr0 up",
                "ip link set nr1 up",
                "'" + java + "' -cp '" + classpath + "' " + SimpleServer.class.getName() + " " + ADDRESS
                        + " plain > server.out 2> server.err &",
                "server=$!",
                "for i in $(seq 1 200); do grep -q listening server.out && break; sleep 0.1; done",
                "port=$(sed -n 's/^listening //p' server.out)",
                "set +e",
                "'" + java + "' " + clientOptions + " -cp '" + classpath + "' "
                        + NativeLibrariesClientMain.class.getName() + " netty " + ADDRESS + " $port plain",
                "echo \"client exit $?\"",
                "kill $server; wait $server",
                "cat server.out server.err",
                "awk '/^Tcp:/ { if (!header) { for (i = 1; i <= NF; i++) if ($i == \"PassiveOpens\") column = i; "
                        + "header = 1 } else print \"tcp connections accepted \" $column }' /proc/net/snmp");
        Process process = new ProcessBuilder("unshare", "-n", "sh", "-c", script).directory(work.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), output);
        return output.lines().collect(Collectors.toList());
    }
}
