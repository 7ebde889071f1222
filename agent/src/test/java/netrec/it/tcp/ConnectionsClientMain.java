package netrec.it.tcp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import netrec.it.support.DebianServer;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * Several connections to one server that begin alike and part later, as real applications hold them, through the
 * servers' own clients: {@code redis-pubsub} (Lettuce, on Netty: a subscriber opened first and closed last, a
 * publisher between); {@code redis}, {@code postgres} and {@code mariadb} (two connections, through Jedis or JDBC,
 * opened as the third argument says: {@code ab} or {@code ba}, each asking its own question, closed in the other
 * order); {@code postgres-pool} (a HikariCP pool of four connections shared by eight threads, each asking its own
 * questions, so that which connection runs which query is the pool's to decide, run by run); {@code redis-counters}
 * (a JedisPool of four connections shared by eight threads, each incrementing its own counter ten times, so that a
 * counter's increments go over whichever connection is free). Prints what the server answered, one line each (the
 * pools' in a fixed order); exit 0, or 3 with the failure.
 */
public final class ConnectionsClientMain {
    public static void main(String[] args) throws Exception {
        try {
            int port = Integer.parseInt(args[1]);
            String order = args.length > 2 ? args[2] : "ab";
            switch (args[0]) {
                case "redis-pubsub":
                    pubSub(port);
                    break;
                case "redis":
                    twoRedisConnections(port, order);
                    break;
                case "postgres":
                    twoConnections("jdbc:postgresql://localhost:" + port + "/" + DebianServer.DATABASE, order);
                    break;
                case "mariadb":
                    twoConnections("jdbc:mariadb://localhost:" + port + "/" + DebianServer.DATABASE, order);
                    break;
                case "postgres-pool":
                    pooled("jdbc:postgresql://localhost:" + port + "/" + DebianServer.DATABASE);
                    break;
                case "redis-counters":
                    counters(port);
                    break;
                default:
                    throw new IllegalArgumentException(args[0]);
            }
            System.exit(0);
        } catch (Exception e) {
            System.out.println("FAILED: " + e);
            System.out.flush();
            System.exit(3);
        }
    }

    private static void pubSub(int port) throws Exception {
        RedisClient client = RedisClient.create("redis://localhost:" + port);
        try {
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    heard.add(channel + ": " + message);
                }
            });
            subscriber.sync().subscribe("news");
            try (StatefulRedisConnection<String, String> publisher = client.connect()) {
                for (String item : List.of("one", "two", "three")) {
                    print("published " + item + " to " + publisher.sync().publish("news", item) + " subscriber");
                    print("heard " + heard.poll(10, TimeUnit.SECONDS));
                }
            }
            subscriber.sync().unsubscribe("news");
            subscriber.close();
        } finally {
            client.shutdown(0, 5, TimeUnit.SECONDS);
        }
    }

    private static void twoRedisConnections(int port, String order) {
        Jedis first = null;
        Jedis second = null;
        try {
            for (char which : order.toCharArray()) {
                Jedis opened = new Jedis("localhost", port);
                opened.ping();
                if (which == 'a') {
                    first = opened;
                } else {
                    second = opened;
                }
            }
            print("a: " + first.set("fruit:a", "apples") + " " + first.get("fruit:a"));
            print("b: " + second.set("fruit:b", "bananas") + " " + second.get("fruit:b"));
            print("a: " + first.incrBy("count:a", 42));
            print("b: " + second.del("fruit:a", "fruit:b", "count:a"));
        } finally {
            for (char which : new StringBuilder(order).reverse().toString().toCharArray()) {
                Jedis closing = which == 'a' ? first : second;
                if (closing != null) {
                    closing.close();
                }
            }
        }
    }

    private static void twoConnections(String url, String order) throws SQLException {
        Connection first = null;
        Connection second = null;
        try {
            for (char which : order.toCharArray()) {
                Connection opened = DriverManager.getConnection(url, DebianServer.USER, DebianServer.PASSWORD);
                if (which == 'a') {
                    first = opened;
                } else {
                    second = opened;
                }
            }
            print("a: " + ask(first, "SELECT 'apples' AS answer"));
            print("b: " + ask(second, "SELECT 'bananas' AS answer"));
            print("a: " + ask(first, "SELECT 40 + 2 AS answer"));
        } finally {
            // closed in the other order than opened
            for (char which : new StringBuilder(order).reverse().toString().toCharArray()) {
                Connection closing = which == 'a' ? first : second;
                if (closing != null) {
                    closing.close();
                }
            }
        }
    }

    private static void pooled(String url) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(DebianServer.USER);
        config.setPassword(DebianServer.PASSWORD);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        try (HikariDataSource pool = new HikariDataSource(config)) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<?>> asked = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int t = thread;
                asked.add(threads.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        try (Connection connection = pool.getConnection()) {
                            answers.add(ask(connection, "SELECT 'thread " + t + " question " + i + ": ' || " + t
                                    + " * 100 + " + i + " AS answer"));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> question : asked) {
                question.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }
        List<String> sorted = new ArrayList<>(answers);
        Collections.sort(sorted);
        for (String answer : sorted) {
            print(answer);
        }
    }

    private static void counters(int port) throws Exception {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(4);
        List<String> counted = Collections.synchronizedList(new ArrayList<>());
        // Debian's Redis 7.0 has no CLIENT SETINFO, which Jedis 8 sends as each pooled connection opens
        JedisClientConfig client = DefaultJedisClientConfig.builder().clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .build();
        try (JedisPool pool = new JedisPool(config, new HostAndPort("localhost", port), client)) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<?>> counting = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int t = thread;
                counting.add(threads.submit(() -> {
                    StringBuilder values = new StringBuilder("counter " + t + ":");
                    for (int i = 0; i < 10; i++) {
                        try (Jedis jedis = pool.getResource()) {
                            values.append(' ').append(jedis.incr("counter:" + t));
                        }
                    }
                    counted.add(values.toString());
                    return null;
                }));
            }
            for (Future<?> counter : counting) {
                counter.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }
        List<String> sorted = new ArrayList<>(counted);
        Collections.sort(sorted);
        for (String line : sorted) {
            print(line);
        }
    }

    private static String ask(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
