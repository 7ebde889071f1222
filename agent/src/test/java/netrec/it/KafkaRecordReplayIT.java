package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netrec.it.support.AlsoCoversJdkClasses;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.support.KafkaBroker;
import netrec.it.tcp.KafkaClientMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own client against a real broker from Maven Central ({@link KafkaBroker}), recorded as raw TCP, replays
 * offline with no rule of the user's: what changes in its requests from run to run (each record batch's CRC and
 * timestamps, the time a CreateTopics call has left) is known to netrec and matched as any value; a SASL PLAIN
 * login's password never reaches the cassette.
 */
@AlsoCoversJdkClasses("SocketChannel driven by a client's own Selector loop (Kafka's), not Netty's")
class KafkaRecordReplayIT {
    @TempDir
    Path work;

    @Test
    void anAdminProducerAndConsumerWorkloadReplaysOfflineWithNoRule() throws Exception {
        Path cassette = work.resolve("cassette");
        String port;
        ChildJvm.Result recorded;
        try (KafkaBroker broker = KafkaBroker.start()) {
            port = String.valueOf(broker.port());
            recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(KafkaClientMain.class.getName(), port)
                    .run(work);
        }
        assertEquals(List.of("created orders", "sent k1 at offset 0", "sent k2 at offset 1", "sent k3 at offset 2",
                "read k1=v1 at offset 0", "read k2=v2 at offset 1", "read k3=v3 at offset 2"), recorded.lines(),
                recorded.toString());
        assertFalse(Files.exists(cassette.resolve("rules.yaml")));

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(KafkaClientMain.class.getName(), port).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(recorded.lines(), replayed.lines(), replayed.toString());
        assertFalse(Files.exists(cassette.resolve(".netrec").resolve("replay-misses.txt")), replayed.toString());
    }

    @JdkIndependent("the SASL PLAIN login is matched and kept out by netrec; the Kafka client's NIO channels run on both JDKs in "
            + "the workload case above")
    @Test
    void aSaslPlainLoginKeepsNoPasswordAndReplaysWithAnother() throws Exception {
        String password = "kafka-s3cret-" + System.nanoTime();
        Path cassette = work.resolve("cassette");
        String port;
        ChildJvm.Result recorded;
        try (KafkaBroker broker = KafkaBroker.withPlainLogin("alice", password)) {
            port = String.valueOf(broker.port());
            recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(KafkaClientMain.class.getName(), port, "alice", password).run(work);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        String everything = RecordReplayScenario.everythingIn(cassette);
        assertFalse(everything.contains(password), "the password in " + everything);
        assertTrue(everything.contains("PLAIN"), "a SASL PLAIN login was recorded: " + everything);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(KafkaClientMain.class.getName(), port, "alice", "another password").run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(recorded.lines(), replayed.lines(), replayed.toString());
    }
}
