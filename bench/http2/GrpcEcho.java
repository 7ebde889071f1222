import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * gRPC unary calls for the benchmarks, with grpc-java's Netty transport as grpc-netty-shaded ships it:
 *   server PORT            answers SimpleService.UnaryRpc with the request's text; prints "ready"
 *   client PORT N W        W calls to warm up, then N calls one after another, each with the same 100-byte
 *                          message; prints calls per second, p50, p99
 */
public final class GrpcEcho {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("server")) {
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])))
                    .addService(new SimpleServiceGrpc.SimpleServiceImplBase() {
                        @Override
                        public void unaryRpc(SimpleRequest request, StreamObserver<SimpleResponse> responses) {
                            responses.onNext(SimpleResponse.newBuilder()
                                    .setResponseMessage(request.getRequestMessage()).build());
                            responses.onCompleted();
                        }
                    }).build().start();
            System.out.println("ready");
            server.awaitTermination();
            return;
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", Integer.parseInt(args[1])).usePlaintext()
                .build();
        SimpleServiceGrpc.SimpleServiceBlockingStub stub = SimpleServiceGrpc.newBlockingStub(channel);
        SimpleRequest request = SimpleRequest.newBuilder().setRequestMessage("x".repeat(100)).build();
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            stub.unaryRpc(request);
        }
        long[] latencies = new long[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            stub.unaryRpc(request);
            latencies[i] = System.nanoTime() - t;
        }
        long elapsed = System.nanoTime() - start;
        Arrays.sort(latencies);
        System.out.printf("calls-per-second %.0f p50-us %d p99-us %d%n", n / (elapsed / 1e9), latencies[n / 2] / 1000,
                latencies[n * 99 / 100] / 1000);
        System.exit(0);
    }
}
