package netrec.it.junit;

import static netrec.it.junit.ParallelWork.assertEcho;
import static netrec.it.junit.ParallelWork.path;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import netrec.junit.Netrec;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.http.client.HttpClient;

/**
 * Calls made on a library's own threads, with what every test shares: Netty's event loops (two for every test, as a
 * Netty-based client keeps them; each test's connections are made and written to by the loops), Reactor Netty as
 * Spring's WebClient uses it (its global loops, connection pool and DNS resolver) and OkHttp's
 * {@code enqueue} (its dispatcher's threads, its connection pool; one call at a time, so that a call waits and is
 * started from the thread of another test's call).
 */
@ExtendWith(ParallelWork.Counted.class)
@Netrec(leaveAlone = {})
public class ParallelLibraryThreadCalls {
    /** Reactor Netty as it comes: its global event loops, connection pool and DNS resolver. */
    private static final HttpClient REACTOR_NETTY = HttpClient.create();
    private static final CountDownLatch REACTOR_NETTY_TESTS = new CountDownLatch(3);
    @SuppressWarnings("deprecation") // in Netty 4.2, where MultiThreadIoEventLoopGroup takes its place
    private static final EventLoopGroup NETTY_LOOPS = new NioEventLoopGroup(2);
    /** One call at a time: the others wait, and each is started from the thread of the call before it. */
    private static final OkHttpClient OK_HTTP = oneCallAtATime();
    private static final CountDownLatch OK_HTTP_TESTS = new CountDownLatch(3);

    @Test
    void nettyFirst(TestInfo test) throws Exception {
        nettyCalls(test);
    }

    @Test
    void nettySecond(TestInfo test) throws Exception {
        nettyCalls(test);
    }

    @Test
    void nettyThird(TestInfo test) throws Exception {
        nettyCalls(test);
    }

    @Test
    void nettyFourth(TestInfo test) throws Exception {
        nettyCalls(test);
    }

    @Test
    void reactorNettyFirst(TestInfo test) throws Exception {
        reactorNettyCalls(test);
    }

    @Test
    void reactorNettySecond(TestInfo test) throws Exception {
        reactorNettyCalls(test);
    }

    @Test
    void reactorNettyThird(TestInfo test) throws Exception {
        reactorNettyCalls(test);
    }

    /**
     * Through Reactor's operators, its pool and Netty's resolver onto Netty's loops; the three tests meet first, so
     * that their first requests ask the pool for connections, and the resolver for the name, at the same time.
     */
    private static void reactorNettyCalls(TestInfo test) throws Exception {
        ParallelWork.meet(REACTOR_NETTY_TESTS, 20);
        for (int n = 1; n <= 3; n++) {
            String path = path(test, n);
            String answer = REACTOR_NETTY.get().uri(System.getProperty("test.server") + path)
                    .responseSingle((response, body) -> body.asString()
                            .map(text -> response.status().code() + " " + text))
                    .block(Duration.ofSeconds(20));
            assertEcho(path, answer);
        }
    }

    @Test
    void okHttpEnqueuedFirst(TestInfo test) throws Exception {
        okHttpCalls(test);
    }

    @Test
    void okHttpEnqueuedSecond(TestInfo test) throws Exception {
        okHttpCalls(test);
    }

    @Test
    void okHttpEnqueuedThird(TestInfo test) throws Exception {
        okHttpCalls(test);
    }

    /** Each call on a connection of its own, connected, written and read on the shared loops. */
    private static void nettyCalls(TestInfo test) throws Exception {
        URI server = URI.create(System.getProperty("test.server"));
        for (int n = 1; n <= 3; n++) {
            String path = path(test, n);
            CompletableFuture<String> answer = new CompletableFuture<>();
            Bootstrap bootstrap = new Bootstrap().group(NETTY_LOOPS).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                    new SimpleChannelInboundHandler<FullHttpResponse>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext context,
                                                FullHttpResponse response) {
                                            answer.complete(response.status().code() + " "
                                                    + response.content().toString(StandardCharsets.UTF_8));
                                            context.close();
                                        }

                                        @Override
                                        public void exceptionCaught(ChannelHandlerContext context, Throwable e) {
                                            answer.completeExceptionally(e);
                                            context.close();
                                        }
                                    });
                        }
                    });
            Channel channel = bootstrap.connect(server.getHost(), server.getPort()).sync().channel();
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
            request.headers().set(HttpHeaderNames.HOST, server.getHost() + ":" + server.getPort());
            channel.writeAndFlush(request);
            assertEcho(path, answer.get(20, TimeUnit.SECONDS));
        }
    }
    private static OkHttpClient oneCallAtATime() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(1);
        return new OkHttpClient.Builder().dispatcher(dispatcher).build();
    }

    /** The three tests' calls are enqueued together (each test's at once, the tests meeting first), then awaited. */
    private static void okHttpCalls(TestInfo test) throws Exception {
        ParallelWork.meet(OK_HTTP_TESTS, 20);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            answers.add(answer);
            OK_HTTP.newCall(new Request.Builder().url(System.getProperty("test.server") + path(test, n)).build())
                    .enqueue(new Callback() {
                        @Override
                        public void onResponse(Call call, Response response) throws IOException {
                            try (response) {
                                answer.complete(response.code() + " " + response.body().string());
                            }
                        }

                        @Override
                        public void onFailure(Call call, IOException e) {
                            answer.completeExceptionally(e);
                        }
                    });
        }
        for (int n = 1; n <= 3; n++) {
            assertEcho(path(test, n), answers.get(n - 1).get(20, TimeUnit.SECONDS));
        }
    }
}
