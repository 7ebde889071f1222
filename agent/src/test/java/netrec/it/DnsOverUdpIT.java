package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.util.Collections;
import java.nio.file.Path;
import java.util.List;
import netrec.it.dns.DatagramClientMain;
import netrec.it.dns.NettyDnsClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.CoversJdkClasses;
import netrec.it.support.DebianServer;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS over UDP from a resolver of the program's own: Reactor Netty's HttpClient, its names resolved by Netty's DNS
 * resolver (its default), asks a real DNS server (dnsmasq, from Debian's packages) for a name only that server knows.
 * Recorded as the cassette's DNS answer; replayed with the DNS server and the web server stopped, in a JVM without
 * network, where replay answers the query itself and no datagram leaves the JVM's namespace. A DatagramSocket's
 * query is answered too; any other datagram past loopback is refused in replay.
 */
@CoversJdkClasses("DatagramChannel: DNS a program sends over UDP itself")
class DnsOverUdpIT {
    private static final String NAME = "shop.netrec.test";

    @TempDir
    Path work;

    @Test
    void nettysResolverIsAnsweredFromTheCassetteOffline() throws Exception {
        Path cassette = work.resolve("cassette");
        String dnsServer;
        String url;
        List<String> answers;
        try (DebianServer dns = DebianServer.dnsmasq(NAME, "127.0.0.1");
                TestServer web = TestServer.start(work.resolve("files"))) {
            dnsServer = "127.0.0.1:" + dns.port();
            url = web.http().replace("localhost", NAME) + "/json";
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(NettyDnsClientMain.class.getName(), dnsServer, url).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            answers = recorded.lines();
            assertEquals(List.of("200 " + TestServer.JSON), answers);
            RecordReplayScenario.assertQuiet(recorded.stderr);
            assertTrue(dns.log().contains("query[A] " + NAME), dns.log());
        }
        String recording = Files.readString(RecordReplayScenario.onlyRecordingFile(cassette));
        assertTrue(recording.contains("    lookup: " + NAME + "\n    addresses:\n      - 127.0.0.1\n"), recording);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(NettyDnsClientMain.class.getName(), dnsServer, url).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(answers, replayed.lines());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }

    @Test
    void aDatagramSocketQueryIsAnsweredOfflineAsComingFromTheServerAsked() throws Exception {
        Path cassette = work.resolve("cassette");
        String server;
        try (DebianServer dns = DebianServer.dnsmasq(NAME, "10.1.2.3")) {
            server = "127.0.0.1:" + dns.port();
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(DatagramClientMain.class.getName(), "query", server, NAME).run(work);
            assertEquals(List.of("answer: 10.1.2.3 from /" + server), recorded.lines(), recorded.toString());
        }

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(DatagramClientMain.class.getName(), "query", server, NAME).run(work);

        assertEquals(List.of("answer: 10.1.2.3 from /" + server), replayed.lines(), replayed.toString());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }

    @Test
    void replaySendsNoOtherDatagramPastLoopback() throws Exception {
        InetAddress local = machineAddress();
        try (DatagramSocket listener = new DatagramSocket(new InetSocketAddress(local, 0))) {
            listener.setSoTimeout(1000);
            String target = local.getHostAddress() + ":" + listener.getLocalPort();
            ChildJvm.Result withoutAgent = ChildJvm.withoutAgent()
                    .main(DatagramClientMain.class.getName(), "send", target).run(work);
            assertEquals(List.of("channel sent", "socket sent"), withoutAgent.lines(), withoutAgent.toString());
            assertEquals(2, received(listener), "the test can see a datagram that gets through");

            ChildJvm.Result replayed = ChildJvm.withAgent("replay,cassette=" + work.resolve("empty"))
                    .main(DatagramClientMain.class.getName(), "send", target).run(work);

            String refusal = "netrec: replay sends no UDP datagram off this machine, and this one (5 bytes to "
                    + local.getHostAddress() + ":" + listener.getLocalPort() + ") is no DNS query it could answer "
                    + "from the cassette (mode replay)";
            assertEquals(List.of("channel: " + refusal, "socket: " + refusal), replayed.lines(), replayed.toString());
            assertEquals(0, received(listener));
        }
    }

    /** How many datagrams arrive before a read times out. */
    private static int received(DatagramSocket listener) throws IOException {
        int count = 0;
        try {
            while (true) {
                listener.receive(new DatagramPacket(new byte[64], 64));
                count++;
            }
        } catch (SocketTimeoutException done) {
            return count;
        }
    }

    /** An address of this machine that is not loopback: replay treats it as any address past loopback. */
    private static InetAddress machineAddress() throws IOException {
        for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(face.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && face.isUp()) {
                    return address;
                }
            }
        }
        throw new AssertionError("this machine has no IPv4 address but loopback, for the test to listen on");
    }

    @Test
    void aNameTheCassetteLacksIsNoSuchNameAndAMiss() throws Exception {
        Path cassette = work.resolve("cassette");
        try (DebianServer dns = DebianServer.dnsmasq(NAME, "127.0.0.1");
                TestServer web = TestServer.start(work.resolve("files"))) {
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(NettyDnsClientMain.class.getName(), "127.0.0.1:" + dns.port(),
                            web.http().replace("localhost", NAME) + "/json").run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
        }

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(NettyDnsClientMain.class.getName(), "127.0.0.1:53", "http://other.netrec.test/json").run(work);

        assertEquals(3, replayed.exitCode, replayed.toString());
        assertTrue(replayed.stdout.contains("other.netrec.test"), replayed.toString());
        String misses = Files.readString(cassette.resolve(".netrec").resolve("replay-misses.txt"));
        assertTrue(misses.contains("netrec: other.netrec.test has no DNS answer in the cassette"), misses);
        assertTrue(misses.contains("(asked over UDP: A other.netrec.test; answered: no such name)"), misses);
    }
}
