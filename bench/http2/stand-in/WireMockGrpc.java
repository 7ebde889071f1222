import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.wiremock.grpc.dsl.WireMockGrpc.message;
import static org.wiremock.grpc.dsl.WireMockGrpc.method;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.wiremock.grpc.GrpcExtensionFactory;
import org.wiremock.grpc.dsl.WireMockGrpcService;

/**
 * The gRPC stand-in a user would pick to mock a service: WireMock with its gRPC extension, answering
 * SimpleService.UnaryRpc with a fixed 100-byte message over h2c. Arguments: PORT ROOT_DIRECTORY; prints "ready".
 */
public final class WireMockGrpc {
    public static void main(String[] args) throws Exception {
        Path root = Paths.get(args[1]);
        Files.createDirectories(root.resolve("grpc"));
        Files.write(root.resolve("grpc/simple.dsc"), FileDescriptorSet.newBuilder()
                .addFile(SimpleServiceProto.getDescriptor().toProto()).build().toByteArray());
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
                .port(Integer.parseInt(args[0])).withRootDirectory(root.toString()).disableRequestJournal()
                .extensions(new GrpcExtensionFactory()));
        server.start();
        new WireMockGrpcService(new WireMock(server.port()), "grpc.testing.SimpleService")
                .stubFor(method("UnaryRpc").willReturn(message(SimpleResponse.newBuilder()
                        .setResponseMessage("x".repeat(100)))));
        System.out.println("ready");
    }
}
