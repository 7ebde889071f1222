package netrec.tools.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Duration;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.testing.protobuf.SimpleRequest;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages encoded by protobuf-java itself, as a gRPC client sends them, decoded with no schema. */
class GrpcMessagesTest {
    private static byte[] framed(byte[]... messages) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            body.write(0);
            body.write(message.length >>> 24);
            body.write(message.length >>> 16);
            body.write(message.length >>> 8);
            body.write(message.length);
            body.writeBytes(message);
        }
        return body.toByteArray();
    }

    @Test
    void eachMessageShowsItsFieldsByNumber() {
        byte[] body = framed(SimpleRequest.newBuilder().setRequestMessage("hello").build().toByteArray(),
                Duration.newBuilder().setSeconds(300).setNanos(5).build().toByteArray());

        assertEquals(List.of("message 1 (7 bytes)", "  1: \"hello\"", "message 2 (5 bytes)", "  1: 300", "  2: 5"),
                GrpcMessages.describe(body));
    }

    @Test
    void nestedMessagesAreIndented() {
        Struct struct = Struct.newBuilder().putFields("k", Value.newBuilder().setNumberValue(1.5).build()).build();

        assertEquals(List.of("message 1 (16 bytes)",
                "  1: {\n    1: \"k\"\n    2: {\n      2: 0x000000000000f83f\n    }\n  }"),
                GrpcMessages.describe(framed(struct.toByteArray())));
    }

    @Test
    void aBodyThatIsNotLengthPrefixedMessagesSaysSo() {
        assertEquals(List.of("message 1: says 577267052 bytes, and only 6 follow"),
                GrpcMessages.describe("{\"hello\":1}".getBytes()));
    }

    @Test
    void grpcContentTypesAreRecognised() {
        assertTrue(GrpcMessages.isGrpc("application/grpc"));
        assertTrue(GrpcMessages.isGrpc("application/grpc+proto"));
        assertFalse(GrpcMessages.isGrpc("application/grpc-web+json"));
        assertFalse(GrpcMessages.isGrpc(null));
    }
}
