package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import netrec.it.dns.NettyDnsClientMain;
import netrec.it.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reactor Netty exactly as it ships, Netty's DNS resolver asking the machine's name servers over UDP (its default),
 * fetching a file from Maven Central: recorded against the real thing, then replayed in a JVM without network. Runs
 * with the real builds (-Pfull), since it needs Maven Central.
 */
class MavenCentralDnsIT {
    private static final String URL = "https://repo.maven.apache.org/maven2/junit/junit/4.13.2/junit-4.13.2.pom.sha1";

    @TempDir
    Path work;

    /** The child JDK's own trust store, in place of the tests' one: Maven Central's certificate is a public one. */
    private static String jdkTrust() {
        return "-Djavax.net.ssl.trustStore=" + Paths.get(ChildJvm.javaExecutable()).getParent().getParent()
                .resolve("lib/security/cacerts");
    }

    @Test
    void reactorNettysDefaultResolverReplaysOffline() throws Exception {
        Path cassette = work.resolve("cassette");
        ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette).jvmOption(jdkTrust())
                .main(NettyDnsClientMain.class.getName(), "system", URL).run(work);
        assertEquals(0, recorded.exitCode, "Maven Central must be reachable, by its name, for this test: "
                + recorded);
        assertTrue(recorded.stdout.matches("200 [0-9a-f]{40}\\s*"), recorded.toString());
        String recording = Files.readString(RecordReplayScenario.onlyRecordingFile(cassette));
        assertTrue(recording.contains("    lookup: repo.maven.apache.org\n"), recording);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette).jvmOption(jdkTrust())
                .main(NettyDnsClientMain.class.getName(), "system", URL).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(recorded.lines(), replayed.lines());
        RecordReplayScenario.assertQuiet(replayed.stderr);
    }
}
