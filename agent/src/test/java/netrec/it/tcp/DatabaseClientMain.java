package netrec.it.tcp;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import netrec.it.support.DebianServer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import redis.clients.jedis.Response;

/**
 * A workload against a real server through its own driver, as an application would run it: {@code redis} (Jedis;
 * {@code redis-password PORT PASSWORD} logs in twice, see {@link #redisWithPassword}; {@code redis-keys PORT PASSWORD
 * KEY,KEY...} sets and gets each key on one connection),
 * {@code postgres} (PostgreSQL's JDBC driver), {@code postgres-queries PORT PASSWORD QUERY;QUERY...} (each query's
 * rows, through it; {@code mariadb-queries} the same through MariaDB's), {@code postgres-logins PORT PASSWORD} (its JDBC driver, then R2DBC's,
 * each logging in with PASSWORD) or {@code mariadb PORT PASSWORD} (MariaDB's), on {@code localhost:PORT}; or
 * {@code greeting}, a MySQL-protocol server's greeting read through a SocketChannel. Prints what
 * the server answered, one line each. The name it stores is {@code ada}, the third argument, or {@code t} and the
 * time in milliseconds for {@code now}. Exit 0, or 3 with the failure on stdout.
 */
public final class DatabaseClientMain {
    public static void main(String[] args) throws Exception {
        try {
            int port = Integer.parseInt(args[1]);
            String name = args.length < 3 ? "ada" : args[2].equals("now") ? "t" + System.currentTimeMillis() : args[2];
            switch (args[0]) {
                case "redis":
                    redis(port, name);
                    break;
                case "redis-password":
                    redisWithPassword(port, args[2]);
                    break;
                case "redis-keys":
                    redisKeys(port, args[2], args[3].split(","));
                    break;
                case "postgres":
                    sql("jdbc:postgresql://localhost:" + port + "/" + DebianServer.DATABASE, name,
                            DebianServer.PASSWORD);
                    break;
                case "postgres-queries":
                    queries("jdbc:postgresql://localhost:" + port + "/" + DebianServer.DATABASE, args[2],
                            args[3].split(";"));
                    break;
                case "mariadb-queries":
                    queries("jdbc:mariadb://localhost:" + port + "/" + DebianServer.DATABASE, args[2],
                            args[3].split(";"));
                    break;
                case "postgres-logins":
                    sql("jdbc:postgresql://localhost:" + port + "/" + DebianServer.DATABASE, "ada", args[2]);
                    r2dbc(port, args[2]);
                    break;
                case "mariadb":
                    sql("jdbc:mariadb://localhost:" + port + "/" + DebianServer.DATABASE, "ada", args[2]);
                    break;
                case "greeting":
                    greeting(port);
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

    /**
     * Two connections that log in with {@code password}: with the {@code AUTH} command, and as Jedis does when given
     * the password, with {@code HELLO 3 AUTH default password} (RESP3).
     */
    private static void redisWithPassword(int port, String password) {
        try (Jedis jedis = new Jedis("localhost", port)) {
            print("auth: " + jedis.auth(password) + ", set: " + jedis.set("who", "one") + ", get: " + jedis.get("who"));
        }
        try (Jedis jedis = new Jedis(new HostAndPort("localhost", port), DefaultJedisClientConfig.builder()
                .password(password).protocol(RedisProtocol.RESP3).build())) {
            print("hello: " + jedis.set("who", "two") + ", get: " + jedis.get("who"));
        }
        try (Jedis jedis = new Jedis("localhost", port)) {
            print("acl: " + jedis.auth(DebianServer.USER, password) + ", get: " + jedis.get("who"));
        }
    }

    /** Logs in with {@code password}, then sets each key to its name in capitals and reads it back, in order. */
    private static void redisKeys(int port, String password, String[] keys) {
        try (Jedis jedis = new Jedis("localhost", port)) {
            jedis.auth(password);
            for (String key : keys) {
                print(key + ": " + jedis.set(key, key.toUpperCase(java.util.Locale.ROOT)) + " " + jedis.get(key));
            }
        }
    }

    private static void redis(int port, String name) {
        try (Jedis jedis = new Jedis("localhost", port)) {
            print("ping: " + jedis.ping());
            print("set: " + jedis.set("user:1:name", name));
            print("get: " + jedis.get("user:1:name"));
            print("incr: " + jedis.incr("visits") + " " + jedis.incrBy("visits", 41));
            jedis.rpush("queue", "a", "b", "c");
            print("lrange: " + jedis.lrange("queue", 0, -1));
            // in a fixed order: Map.of's order changes from JVM to JVM, and so would the bytes sent
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", name);
            fields.put("lang", "java");
            jedis.hset("user:1", fields);
            print("hgetall: " + new TreeMap<>(jedis.hgetAll("user:1")));
            Pipeline pipeline = jedis.pipelined();
            Response<Long> pushed = pipeline.lpush("queue", "z");
            Response<String> popped = pipeline.rpop("queue");
            Response<Boolean> exists = pipeline.exists("nothing");
            pipeline.sync();
            print("pipeline: " + pushed.get() + " " + popped.get() + " " + exists.get());
            print("del: " + jedis.del("user:1:name", "visits", "queue", "user:1"));
        }
    }

    /** Runs each query on one connection, printing each row's first column. */
    private static void queries(String url, String password, String[] queries) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, DebianServer.USER, password);
                Statement statement = connection.createStatement()) {
            for (String query : queries) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    while (rows.next()) {
                        print(query + ": " + rows.getString(1));
                    }
                }
            }
        }
    }

    private static void sql(String url, String name, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, DebianServer.USER, password)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(40), born INT)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO person VALUES (?, ?, ?)")) {
                Object[][] people = {{1, name, 1815}, {2, "grace", 1906}, {3, "alan", 1912}};
                for (Object[] person : people) {
                    insert.setInt(1, (Integer) person[0]);
                    insert.setString(2, (String) person[1]);
                    insert.setInt(3, (Integer) person[2]);
                    insert.addBatch();
                }
                print("inserted: " + insert.executeBatch().length);
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                print("updated: " + statement.executeUpdate("UPDATE person SET born = born + 1 WHERE id > 1"));
                connection.rollback();
                print("deleted: " + statement.executeUpdate("DELETE FROM person WHERE id = 3"));
                connection.commit();
            }
            connection.setAutoCommit(true);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, name, born FROM person WHERE born < ? ORDER BY id")) {
                select.setInt(1, 2000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        print("row: " + List.of(rows.getInt(1), rows.getString(2), rows.getInt(3)));
                    }
                }
            }
            try (Statement statement = connection.createStatement();
                    ResultSet count = statement.executeQuery("SELECT count(*) FROM person")) {
                count.next();
                print("count: " + count.getLong(1));
            }
        }
    }

    /**
     * The people {@link #sql} left, read through R2DBC's PostgreSQL driver (Netty, its own SCRAM client), logging in
     * with {@code password}.
     */
    private static void r2dbc(int port, String password) {
        PostgresqlConnectionFactory factory = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration
                .builder().host("localhost").port(port).database(DebianServer.DATABASE).username(DebianServer.USER)
                .password(password).build());
        List<String> people = Mono.usingWhen(factory.create(),
                connection -> Flux.from(connection.createStatement("SELECT name, born FROM person ORDER BY id")
                        .execute())
                        .flatMap(result -> result.map((row, meta) -> row.get("name", String.class) + " "
                                + row.get("born", Integer.class)))
                        .collectList(),
                PostgresqlConnection::close).block(Duration.ofSeconds(30));
        print("r2dbc: " + people);
    }

    /**
     * Reads a MySQL-protocol server's greeting through a SocketChannel (as NIO drivers do, which replay answers
     * through its server on loopback, not in-process), prints the server version it names, then sends a handshake
     * response too short to be one and prints the error code the server answers with.
     */
    private static void greeting(int port) throws java.io.IOException {
        try (java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(
                new java.net.InetSocketAddress("localhost", port))) {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(4);
            while (header.hasRemaining() && channel.read(header) >= 0) {
                continue;
            }
            int length = (header.get(0) & 0xFF) | (header.get(1) & 0xFF) << 8 | (header.get(2) & 0xFF) << 16;
            java.nio.ByteBuffer packet = java.nio.ByteBuffer.allocate(length);
            while (packet.hasRemaining() && channel.read(packet) >= 0) {
                continue;
            }
            byte[] bytes = packet.array();
            int end = 1;
            while (bytes[end] != 0) {
                end++;
            }
            print("protocol " + bytes[0] + ", server " + new String(bytes, 1, end - 1,
                    java.nio.charset.StandardCharsets.US_ASCII));
            // a handshake response too short to be one: the server answers with an error packet and closes
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {1, 0, 0, 1, 0}));
            java.nio.ByteBuffer answer = java.nio.ByteBuffer.allocate(512);
            while (channel.read(answer) >= 0) {
                continue;
            }
            print("answer: error " + ((answer.get(5) & 0xFF) | (answer.get(6) & 0xFF) << 8));
        }
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
