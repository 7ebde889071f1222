package netrec.tools.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.testing.protobuf.SimpleRequest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import netrec.testing.TestCassette;
import netrec.testing.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code show}: one interaction in full, as the cassette holds it, with its body files and gRPC messages. */
class ShowToolTest {
    private static final String BASE = "http://127.0.0.1:8080";

    @TempDir
    Path work;

    @Test
    void anInteractionIsShownAsTheCassetteHoldsItWithItsBodyFile() throws Exception {
        Path cassette = new TestCassette(work.resolve("cassette"))
                .get(BASE + "/json", "application/json", "{\"a\":1}")
                .exchange("GET", BASE + "/binary", List.of(), null, 200, List.of("Content-Type", "image/png"),
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0})
                .write("recording");

        ToolRun run = ToolRun.of(new ShowTool(), cassette.toString(), "2");

        assertEquals(0, run.status(), run.toString());
        List<String> lines = run.lines();
        assertEquals("# " + cassette.resolve("interactions/recording.yaml") + ":", lines.get(0).replaceAll("\\d+$", ""));
        assertTrue(run.out().contains("uri: " + BASE + "/binary"), run.out());
        assertTrue(run.out().contains("size: 7"), run.out());
        assertTrue(lines.get(lines.size() - 1).matches("# body file: " + cassette.resolve("bodies") + "/[0-9a-f]{64}"),
                run.out());
    }

    @Test
    void aGrpcBodysMessagesFollowTheEntryDecodedByFieldNumber() throws Exception {
        byte[] message = SimpleRequest.newBuilder().setRequestMessage("hello").build().toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {0, 0, 0, 0, (byte) message.length});
        body.writeBytes(message);
        Path cassette = new TestCassette(work.resolve("cassette"))
                .exchange("POST", BASE + "/grpc.testing.SimpleService/UnaryRpc", List.of("content-type",
                        "application/grpc"), body.toByteArray(), 200, List.of(), null)
                .write("recording");

        ToolRun run = ToolRun.of(new ShowTool(), cassette.toString(), "1");

        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().endsWith("# request messages (gRPC; protobuf decoded without its schema, by field number):\n"
                + "#   message 1 (7 bytes)\n#     1: \"hello\"\n"), run.out());
    }

    @Test
    void aNumberOutsideTheCassetteSaysWhichThereAre() throws Exception {
        Path cassette = new TestCassette(work.resolve("cassette")).get(BASE + "/a", "text/plain", "a")
                .get(BASE + "/b", "text/plain", "b").write("recording");

        assertEquals("netrec: the cassette has interactions 1 to 2, not 3\n"
                + "Try 'java -jar netrec.jar show --help' for more information.\n",
                ToolRun.of(new ShowTool(), cassette.toString(), "3").err());
        assertEquals("netrec: 'second' is not an interaction number (see list)\n"
                + "Try 'java -jar netrec.jar show --help' for more information.\n",
                ToolRun.of(new ShowTool(), cassette.toString(), "second").err());
        ToolRun missingNumber = ToolRun.of(new ShowTool(), cassette.toString());
        assertEquals(2, missingNumber.status());
        assertEquals("netrec: show takes a cassette and an interaction number, got [" + cassette + "]\n"
                + "Try 'java -jar netrec.jar show --help' for more information.\n", missingNumber.err());
    }
}
