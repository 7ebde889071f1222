package netrec.it.grpc;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.okhttp.OkHttpChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client as an application writes one, knowing nothing of netrec: {@code netty|okhttp HOST PORT tls|plain
 * [PORT tls|plain]... [TEXT]}, then, on a channel to each server in turn, makes the four kinds of call on grpc-java's
 * {@code SimpleService} (bidirectional both ways: all messages then the answers, and ping-pong), an error call and a
 * call past its deadline, printing one line for each answer; the tests compare the lines between recording and
 * replay. With TEXT, it makes one unary call with that text instead. A failed call prints {@code FAILED:} and ends
 * with status 3.
 */
public final class SimpleClientMain {
    public static void main(String[] args) throws Exception {
        int next = 2;
        while (next + 1 < args.length && args[next].matches("[0-9]+") && args[next + 1].matches("tls|plain")) {
            ManagedChannel channel = channel(args[0], args[1], Integer.parseInt(args[next]),
                    args[next + 1].equals("tls"));
            try {
                if (next + 2 < args.length && !args[next + 2].matches("[0-9]+")) {
                    String text = args[next + 2];
                    System.out.println("unary: " + SimpleServiceGrpc.newBlockingStub(channel).unaryRpc(request(text))
                            .getResponseMessage());
                    return;
                }
                calls(channel);
            } catch (StatusRuntimeException e) {
                System.out.println("FAILED: " + e.getStatus() + " " + causes(e));
                System.exit(3);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            next += 2;
        }
        System.exit(0);
    }

    private static ManagedChannel channel(String transport, String host, int port, boolean tls) {
        ManagedChannelBuilder<?> builder = transport.equals("okhttp") ? OkHttpChannelBuilder.forAddress(host, port)
                : NettyChannelBuilder.forAddress(host, port);
        if (!tls) {
            builder.usePlaintext();
        }
        return builder.build();
    }

    private static void calls(ManagedChannel channel) throws InterruptedException {
        SimpleServiceGrpc.SimpleServiceBlockingStub blocking = SimpleServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS);
        System.out.println("unary: " + blocking.unaryRpc(request("hello")).getResponseMessage());

        List<String> streamed = new ArrayList<>();
        for (Iterator<SimpleResponse> it = blocking.serverStreamingRpc(request("tick")); it.hasNext(); ) {
            streamed.add(it.next().getResponseMessage());
        }
        System.out.println("server streaming: " + streamed);

        SimpleServiceGrpc.SimpleServiceStub async = SimpleServiceGrpc.newStub(channel);
        System.out.println("client streaming: " + exchange(async, false, "a", "b", "c"));
        System.out.println("bidirectional: " + exchange(async, true, "x", "y", "z"));
        System.out.println("ping-pong: " + pingPong(async, "p1", "p2", "p3"));

        try {
            blocking.unaryRpc(request("status:NOT_FOUND:no such thing"));
            System.out.println("error: none");
        } catch (StatusRuntimeException e) {
            Metadata trailers = Status.trailersFromThrowable(e);
            System.out.println("error: " + e.getStatus().getCode() + " " + e.getStatus().getDescription() + " reason="
                    + (trailers == null ? null : trailers.get(SimpleServer.REASON)));
        }

        try {
            blocking.withDeadlineAfter(300, TimeUnit.MILLISECONDS).unaryRpc(request("sleep:1500"));
            System.out.println("deadline: answered in time");
        } catch (StatusRuntimeException e) {
            System.out.println("deadline: " + e.getStatus().getCode());
        }
    }

    /** Sends the messages, then ends its side, and waits for every answer. */
    private static List<String> exchange(SimpleServiceGrpc.SimpleServiceStub async, boolean bidirectional,
            String... messages) throws InterruptedException {
        List<String> answers = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        StreamObserver<SimpleResponse> responses = new StreamObserver<>() {
            @Override
            public void onNext(SimpleResponse response) {
                synchronized (answers) {
                    answers.add(response.getResponseMessage());
                }
            }

            @Override
            public void onError(Throwable t) {
                failure[0] = t;
                done.countDown();
            }

            @Override
            public void onCompleted() {
                done.countDown();
            }
        };
        StreamObserver<SimpleRequest> requests = bidirectional ? async.bidiStreamingRpc(responses)
                : async.clientStreamingRpc(responses);
        for (String message : messages) {
            requests.onNext(request(message));
        }
        requests.onCompleted();
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw Status.DEADLINE_EXCEEDED.withDescription("no answer in 30 s").asRuntimeException();
        }
        if (failure[0] != null) {
            throw Status.fromThrowable(failure[0]).withCause(failure[0]).asRuntimeException();
        }
        return answers;
    }

    /** A bidirectional call that sends each message only once the answer to the one before has come. */
    private static List<String> pingPong(SimpleServiceGrpc.SimpleServiceStub async, String... messages)
            throws InterruptedException {
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        StreamObserver<SimpleRequest> requests = async.bidiStreamingRpc(new StreamObserver<>() {
            @Override
            public void onNext(SimpleResponse response) {
                answers.add(response.getResponseMessage());
            }

            @Override
            public void onError(Throwable t) {
                answers.add(t);
            }

            @Override
            public void onCompleted() {
                answers.add("completed");
            }
        });
        List<String> received = new ArrayList<>();
        for (String message : messages) {
            requests.onNext(request(message));
            Object answer = answers.poll(30, TimeUnit.SECONDS);
            if (!(answer instanceof String) || answer.equals("completed")) {
                throw Status.INTERNAL.withDescription("ping-pong got " + answer + " for " + message)
                        .withCause(answer instanceof Throwable ? (Throwable) answer : null).asRuntimeException();
            }
            received.add((String) answer);
        }
        requests.onCompleted();
        Object end = answers.poll(30, TimeUnit.SECONDS);
        if (!"completed".equals(end)) {
            throw Status.INTERNAL.withDescription("ping-pong ended with " + end).asRuntimeException();
        }
        return received;
    }

    private static SimpleRequest request(String text) {
        return SimpleRequest.newBuilder().setRequestMessage(text).build();
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }
}
