package netrec.it.grpc;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import netrec.it.support.TestCertificates;

/**
 * The real gRPC server recordings are made against: grpc-java's Netty server (as grpc-netty-shaded ships it),
 * plaintext or TLS with the test certificate, serving grpc-java's own test service {@code SimpleService} with all
 * four kinds of call. A request message {@code status:CODE:description} is answered with that error and a
 * {@code reason} metadata trailer; {@code sleep:MILLIS} is answered that late; a server stream asked for with
 * {@code every:MILLIS} sends its messages that far apart. It counts the calls it served.
 */
public final class SimpleServer implements AutoCloseable {
    /** The trailer an error carries besides its status. */
    public static final Metadata.Key<String> REASON = Metadata.Key.of("reason", Metadata.ASCII_STRING_MARSHALLER);

    private final Server server;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    private SimpleServer(Server server) {
        this.server = server;
    }

    public static SimpleServer start(String host, boolean tls) throws Exception {
        SimpleServer[] self = new SimpleServer[1];
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, 0))
                .addService(new Service(() -> self[0].calls.incrementAndGet()))
                .addTransportFilter(new ServerTransportFilter() {
                    @Override
                    public Attributes transportReady(Attributes attributes) {
                        self[0].connections.incrementAndGet();
                        return attributes;
                    }
                });
        if (tls) {
            builder.sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(keyManagers())).build());
        }
        self[0] = new SimpleServer(builder.build().start());
        return self[0];
    }

    public int port() {
        return server.getPort();
    }

    public int calls() {
        return calls.get();
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private static KeyManagerFactory keyManagers() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(TestCertificates.keyStore().toFile())) {
            keys.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, TestCertificates.PASSWORD.toCharArray());
        return factory;
    }

    private static final class Service extends SimpleServiceGrpc.SimpleServiceImplBase {
        private final Runnable counter;

        Service(Runnable counter) {
            this.counter = counter;
        }

        private static SimpleResponse reply(String text) {
            return SimpleResponse.newBuilder().setResponseMessage(text).build();
        }

        @Override
        public void unaryRpc(SimpleRequest request, StreamObserver<SimpleResponse> responses) {
            counter.run();
            String message = request.getRequestMessage();
            if (message.startsWith("sleep:")) {
                try {
                    Thread.sleep(Long.parseLong(message.substring("sleep:".length())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (message.startsWith("status:")) {
                String[] parts = message.split(":", 3);
                Metadata trailers = new Metadata();
                trailers.put(REASON, "asked for " + parts[1]);
                responses.onError(Status.fromCode(Status.Code.valueOf(parts[1])).withDescription(parts[2])
                        .asRuntimeException(trailers));
                return;
            }
            responses.onNext(reply("unary " + message));
            responses.onCompleted();
        }

        @Override
        public void serverStreamingRpc(SimpleRequest request, StreamObserver<SimpleResponse> responses) {
            counter.run();
            String message = request.getRequestMessage();
            long every = message.startsWith("every:") ? Long.parseLong(message.substring("every:".length())) : 0;
            for (int i = 1; i <= 3; i++) {
                if (i > 1 && every > 0) {
                    try {
                        Thread.sleep(every);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                responses.onNext(reply(message + " " + i));
            }
            responses.onCompleted();
        }

        @Override
        public StreamObserver<SimpleRequest> clientStreamingRpc(StreamObserver<SimpleResponse> responses) {
            counter.run();
            List<String> received = new ArrayList<>();
            return new StreamObserver<>() {
                @Override
                public void onNext(SimpleRequest request) {
                    received.add(request.getRequestMessage());
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    responses.onNext(reply("received " + received));
                    responses.onCompleted();
                }
            };
        }

        @Override
        public StreamObserver<SimpleRequest> bidiStreamingRpc(StreamObserver<SimpleResponse> responses) {
            counter.run();
            return new StreamObserver<>() {
                @Override
                public void onNext(SimpleRequest request) {
                    responses.onNext(reply("echo " + request.getRequestMessage()));
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    responses.onCompleted();
                }
            };
        }
    }

    /**
     * Runs a server until stopped: {@code HOST tls|plain}. Prints {@code listening PORT}, and when stopped (SIGTERM)
     * {@code served N calls on M connections}.
     */
    public static void main(String[] args) throws Exception {
        SimpleServer server = start(args[0], args[1].equals("tls"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("served " + server.calls()
                + " calls on " + server.connections() + " connections")));
        System.out.println("listening " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
