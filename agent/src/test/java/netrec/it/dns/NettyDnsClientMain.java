package netrec.it.dns;

import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import java.net.InetSocketAddress;
import java.time.Duration;
import reactor.netty.http.client.HttpClient;

/**
 * Reactor Netty's HttpClient fetching a URL, its host name resolved by Netty's own DNS resolver over UDP (Reactor
 * Netty's default): the system's name servers, or the one at {@code HOST:PORT} given first. Prints the status and the
 * body; exit 0, or 3 with the failure on stdout.
 */
public final class NettyDnsClientMain {
    public static void main(String[] args) {
        try {
            HttpClient client = HttpClient.create().responseTimeout(Duration.ofSeconds(20));
            if (!args[0].equals("system")) {
                int colon = args[0].lastIndexOf(':');
                InetSocketAddress server = new InetSocketAddress(args[0].substring(0, colon),
                        Integer.parseInt(args[0].substring(colon + 1)));
                client = client.resolver(new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                        .channelType(NioDatagramChannel.class)
                        .nameServerProvider(new SingletonDnsServerAddressStreamProvider(server))));
            }
            String answer = client.get().uri(args[1])
                    .responseSingle((response, body) -> body.asString().map(text -> response.status().code() + " "
                            + text))
                    .block(Duration.ofSeconds(30));
            System.out.println(answer);
            System.exit(0);
        } catch (RuntimeException e) {
            System.out.println("FAILED: " + e);
            System.exit(3);
        }
    }
}
