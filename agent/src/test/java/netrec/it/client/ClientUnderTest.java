package netrec.it.client;

import java.util.Map;

/** One HTTP client library, driven the way an application would drive it. */
public interface ClientUnderTest {
    Response execute(String method, String url, Map<String, String> headers, byte[] body) throws Exception;

    /** What came back: status, the headers the scenarios look at, and the body bytes exactly as received. */
    final class Response {
        public final int status;
        public final Map<String, String> headers;
        public final byte[] body;

        public Response(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }
    }

    static ClientUnderTest named(String name) throws Exception {
        switch (name) {
            case "urlconnection":
                return new UrlConnectionClient();
            case "apache4":
                return new Apache4Client();
            case "apache5":
                return new Apache5Client();
            case "okhttp":
                return new OkHttpClientUnderTest();
            case "jdkhttp":
                return new JdkHttpClientUnderTest();
            case "reactor-netty":
                return new ReactorNettyClient();
            case "jetty":
                return JettyClient.overHttp11();
            case "jetty-h2":
                return JettyClient.overHttp2();
            case "reactor-netty-h2":
                return new ReactorNettyHttp2Client();
            case "apache5-async-h2":
                return new Apache5AsyncHttp2Client();
            case "socket-adaptor":
                return new SocketAdaptorClient();
            default:
                throw new IllegalArgumentException("unknown client " + name);
        }
    }
}
