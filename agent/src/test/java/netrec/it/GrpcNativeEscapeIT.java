package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import netrec.it.grpc.SimpleClientMain;
import netrec.it.grpc.SimpleServer;
import netrec.it.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grpc-netty-shaded carries its own copy of Netty, under {@code io.grpc.netty.shaded}, which picks its native epoll
 * transport when it can; that transport bypasses the JDK. In a network namespace made for the test, with a real
 * gRPC server at a non-loopback address (10.77.0.1, on a veth interface), a client replaying an empty cassette must
 * fail with netrec's reason and never reach the server. The same client with no agent reaches it, which shows the
 * namespace and the server work, so the first test can fail.
 */
class GrpcNativeEscapeIT {
    private static final String ADDRESS = "10.77.0.1";

    @TempDir
    Path work;

    @Test
    void replayNeverReachesAServerAtANonLoopbackAddressThroughShadedNettysNativeTransport() throws Exception {
        Path cassette = Files.createDirectories(work.resolve("empty-cassette"));
        List<String> run = runInNamespace("-javaagent:" + ChildJvm.agentJar() + "=replay,cassette=" + cassette);

        assertTrue(run.contains("client exit 3"), String.join("\n", run));
        assertTrue(run.stream().anyMatch(line -> line.startsWith("FAILED: ") && line.contains("netrec")),
                String.join("\n", run));
        assertTrue(run.contains("served 0 calls on 0 connections"), String.join("\n", run));
    }

    @Test
    void withoutNetrecTheSameClientReachesTheServerInTheNamespace() throws Exception {
        List<String> run = runInNamespace("");

        assertTrue(run.contains("client exit 0"), String.join("\n", run));
        assertTrue(run.contains("unary: unary hello"), String.join("\n", run));
        assertTrue(run.contains("served 7 calls on 1 connections"), String.join("\n", run));
    }

    /**
     * In a new network namespace: loopback and a veth pair up, the server on {@link #ADDRESS}, then the client with
     * {@code clientOption} (none when empty); the lines both printed, and {@code client exit N}.
     */
    private List<String> runInNamespace(String clientOption) throws IOException, InterruptedException {
        assumeTrue(ChildJvm.networkNamespacesWork(), "this machine makes no network namespaces (unshare -n)");
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
                "'" + java + "' " + clientOption + " -cp '" + classpath + "' " + SimpleClientMain.class.getName()
                        + " netty " + ADDRESS + " $port plain",
                "echo \"client exit $?\"",
                "kill $server; wait $server",
                "cat server.out server.err");
        Process process = new ProcessBuilder("unshare", "-n", "sh", "-c", script).directory(work.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), output);
        return output.lines().collect(Collectors.toList());
    }
}
