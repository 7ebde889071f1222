package netrec.it.pace;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * Calls a gRPC server stream ({@link netrec.it.grpc.SimpleServer}'s, asked for {@code every:MILLIS}) over plaintext
 * HTTP/2 with grpc-netty-shaded: {@code HOST PORT MILLIS}. Prints each message (a hyphen for each space) and the milliseconds
 * since the call began. Exit 0 when the stream ended well, 3 when the call failed (with its status on stdout).
 */
public final class StreamMain {
    private StreamMain() {
    }

    public static void main(String[] args) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress(args[0], Integer.parseInt(args[1])).usePlaintext()
                .build();
        try {
            long start = System.nanoTime();
            Iterator<SimpleResponse> stream = SimpleServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .serverStreamingRpc(SimpleRequest.newBuilder().setRequestMessage("every:" + args[2]).build());
            while (stream.hasNext()) {
                System.out.println(stream.next().getResponseMessage().replace(" ", "-") + " "
                        + (System.nanoTime() - start) / 1_000_000L);
                System.out.flush();
            }
        } catch (StatusRuntimeException e) {
            System.out.println("FAILED: " + e.getStatus());
            System.exit(3);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        System.exit(0);
    }
}
