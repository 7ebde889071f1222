package netrec.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real server from a Debian package, started by a test on a free loopback port in a folder of its own, set up in a
 * known state, and stopped (its folder deleted) by {@link #close}: Redis, PostgreSQL, MariaDB, dnsmasq, an SMTP
 * server (aiosmtpd) or an FTP server (pyftpdlib). The SQL servers need root, as CI has: PostgreSQL runs as the
 * package's {@code postgres} user, MariaDB as root. A server that is not installed fails the test, saying how to
 * install it; it is never skipped.
 */
public final class DebianServer implements AutoCloseable {
    /** The database, user and password the SQL servers are set up with. */
    public static final String DATABASE = "netrec";
    public static final String USER = "netrec";
    public static final String PASSWORD = "netrec-db-s3cret";

    private final String name;
    private final Path directory;
    private final int port;
    private final Process process;

    private DebianServer(String name, Path directory, int port, Process process) {
        this.name = name;
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** {@code redis-server}, empty, with no persistence. */
    public static DebianServer redis() throws Exception {
        return redis(List.of());
    }

    /**
     * {@code redis-server} as {@link #redis()}, whose default user's password is {@code password}, with an ACL user
     * {@value #USER} of the same password, allowed everything.
     */
    public static DebianServer redisWithPassword(String password) throws Exception {
        return redis(List.of("--requirepass", password, "--user", USER, "on", ">" + password, "~*", "&*", "+@all"));
    }

    private static DebianServer redis(List<String> options) throws Exception {
        Path binary = installed("redis-server", "redis-server", "/usr/bin/redis-server");
        Path directory = Files.createTempDirectory("netrec-redis");
        int port = Listening.freePort();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString()));
        command.addAll(options);
        Process process = start(directory, command);
        return ready(new DebianServer("redis-server", directory, port, process));
    }

    /**
     * PostgreSQL 15 as its package sets up a cluster: connections over TCP authenticate with scram-sha-256 (the
     * default since PostgreSQL 14), with the database {@value #DATABASE} owned by {@value #USER}, whose password is
     * stored for SCRAM.
     */
    public static DebianServer postgres() throws Exception {
        return postgres("scram-sha-256");
    }

    /** PostgreSQL 15 as {@link #postgres()}, but authenticating with md5, the password stored as md5. */
    public static DebianServer postgresWithMd5() throws Exception {
        return postgres("md5");
    }

    private static DebianServer postgres(String authentication) throws Exception {
        Path bin = installed("postgresql", "PostgreSQL", "/usr/lib/postgresql/15/bin/postgres").getParent();
        Path directory = Files.createTempDirectory("netrec-postgres");
        run(List.of("chown", "postgres", directory.toString()));
        Path data = directory.resolve("data");
        run(List.of("runuser", "-u", "postgres", "--", bin.resolve("initdb").toString(), "-D", data.toString(),
                "-U", "postgres", "--auth-local=trust", "--auth-host=" + authentication, "--no-sync"));
        int port = Listening.freePort();
        Process process = start(directory, List.of("runuser", "-u", "postgres", "--", bin.resolve("postgres")
                .toString(), "-D", data.toString(), "-p", String.valueOf(port), "-k", directory.toString(), "-c",
                "listen_addresses=127.0.0.1", "-c", "fsync=off"));
        DebianServer server = ready(new DebianServer("PostgreSQL", directory, port, process));
        // its port opens before it takes connections ("the database system is starting up"); pg_isready says
        // "rejecting connections" at once while it starts, so it is asked again until it accepts them
        List<String> isReady = List.of("runuser", "-u", "postgres", "--", bin.resolve("pg_isready").toString(), "-h",
                directory.toString(), "-p", String.valueOf(port), "-t", "30");
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); ; Thread.sleep(100)) {
            try {
                run(isReady);
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
        run(List.of("runuser", "-u", "postgres", "--", bin.resolve("psql").toString(), "-h", directory.toString(),
                "-p", String.valueOf(port), "-U", "postgres", "-v", "ON_ERROR_STOP=1",
                "-c", "SET password_encryption = '" + authentication + "'; CREATE ROLE " + USER + " LOGIN PASSWORD '"
                        + PASSWORD + "'",
                "-c", "CREATE DATABASE " + DATABASE + " OWNER " + USER));
        return server;
    }

    /**
     * MariaDB, a new data folder, with the database {@value #DATABASE} and the user {@value #USER}, who
     * authenticates with mysql_native_password.
     */
    public static DebianServer mariadb() throws Exception {
        Path binary = installed("mariadb-server", "MariaDB", "/usr/sbin/mariadbd");
        Path directory = Files.createTempDirectory("netrec-mariadb");
        Path data = directory.resolve("data");
        run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=root",
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        int port = Listening.freePort();
        Path socket = directory.resolve("mariadb.sock");
        Process process = start(directory, List.of(binary.toString(), "--no-defaults", "--datadir=" + data,
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + socket, "--user=root",
                "--skip-name-resolve", "--skip-log-bin", "--innodb-buffer-pool-size=16M",
                "--pid-file=" + directory.resolve("mariadb.pid")));
        DebianServer server = ready(new DebianServer("MariaDB", directory, port, process));
        run(List.of("mariadb", "--no-defaults", "--socket=" + socket, "-u", "root", "-e",
                "CREATE DATABASE " + DATABASE + "; CREATE USER '" + USER + "'@'%' IDENTIFIED VIA "
                        + "mysql_native_password USING PASSWORD('" + PASSWORD + "'); GRANT ALL ON " + DATABASE
                        + ".* TO '" + USER + "'@'%'"));
        return server;
    }

    /** dnsmasq, a DNS server that answers {@code name} with {@code address} and nothing else (no upstream). */
    public static DebianServer dnsmasq(String name, String address) throws Exception {
        Path binary = installed("dnsmasq-base", "dnsmasq", "/usr/sbin/dnsmasq");
        Path directory = Files.createTempDirectory("netrec-dnsmasq");
        int port = Listening.freePort();
        Process process = start(directory, List.of(binary.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port,
                "--address=/" + name + "/" + address, "--pid-file=" + directory.resolve("dnsmasq.pid"),
                "--log-queries", "--log-facility=-"));
        return ready(new DebianServer("dnsmasq", directory, port, process));
    }

    /**
     * An SMTP server: {@code python3-aiosmtpd}'s, run by Debian's Python 3, which accepts any mail and prints it on
     * its log.
     */
    public static DebianServer smtp() throws Exception {
        Path python = installed("python3-aiosmtpd", "aiosmtpd", "/usr/lib/python3/dist-packages/aiosmtpd")
                .getRoot().resolve("usr/bin/python3");
        Path directory = Files.createTempDirectory("netrec-smtp");
        int port = Listening.freePort();
        Process process = start(directory, List.of(python.toString(), "-m", "aiosmtpd", "-n", "-l",
                "127.0.0.1:" + port));
        return ready(new DebianServer("aiosmtpd", directory, port, process));
    }

    /**
     * An SMTP server as {@link #smtp()} that also takes {@code AUTH PLAIN} and {@code AUTH LOGIN} (without TLS) from
     * any user whose password is {@code password}.
     */
    public static DebianServer smtpWithPassword(String password) throws Exception {
        Path python = installed("python3-aiosmtpd", "aiosmtpd", "/usr/lib/python3/dist-packages/aiosmtpd")
                .getRoot().resolve("usr/bin/python3");
        Path directory = Files.createTempDirectory("netrec-smtp");
        int port = Listening.freePort();
        String server = String.join("\n",
                "import signal, sys",
                "from aiosmtpd.controller import Controller",
                "from aiosmtpd.smtp import AuthResult, LoginPassword",
                "class Handler:",
                "    async def handle_DATA(self, server, session, envelope):",
                "        return '250 OK'",
                "def authenticate(server, session, envelope, mechanism, data):",
                "    return AuthResult(success=isinstance(data, LoginPassword) and data.password == sys.argv[2].encode())",
                "controller = Controller(Handler(), hostname='127.0.0.1', port=int(sys.argv[1]),",
                "                        authenticator=authenticate, auth_require_tls=False)",
                "controller.start()",
                "signal.sigwait([signal.SIGTERM, signal.SIGINT])",
                "controller.stop()");
        Process process = start(directory, List.of(python.toString(), "-c", server, String.valueOf(port), password));
        return ready(new DebianServer("aiosmtpd", directory, port, process));
    }

    /**
     * An FTP server: {@code python3-pyftpdlib}'s, run by Debian's Python 3, serving {@code files} (each name to its
     * text) read-only to anonymous users.
     */
    public static DebianServer ftp(java.util.Map<String, String> files) throws Exception {
        return ftp(files, List.of());
    }

    /** An FTP server as {@link #ftp(java.util.Map)}, serving only {@code user}, whose password is {@code password}. */
    public static DebianServer ftpWithPassword(java.util.Map<String, String> files, String user, String password)
            throws Exception {
        return ftp(files, List.of("-u", user, "-P", password));
    }

    private static DebianServer ftp(java.util.Map<String, String> files, List<String> users) throws Exception {
        Path python = installed("python3-pyftpdlib", "pyftpdlib", "/usr/lib/python3/dist-packages/pyftpdlib")
                .getRoot().resolve("usr/bin/python3");
        Path directory = Files.createTempDirectory("netrec-ftp");
        Path served = Files.createDirectories(directory.resolve("files"));
        for (java.util.Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(served.resolve(file.getKey()), file.getValue());
        }
        int port = Listening.freePort();
        List<String> command = new ArrayList<>(List.of(python.toString(), "-m", "pyftpdlib", "-i", "127.0.0.1", "-p",
                String.valueOf(port), "-d", served.toString()));
        command.addAll(users);
        Process process = start(directory, command);
        return ready(new DebianServer("pyftpdlib", directory, port, process));
    }

    /** What the server wrote on its log so far. */
    public String log() throws IOException {
        return Files.readString(directory.resolve("server.log"));
    }

    public int port() {
        return port;
    }

    /** Stops the server and deletes its folder; once. */
    @Override
    public void close() throws Exception {
        if (!Files.exists(directory)) {
            return;
        }
        // runuser passes the signal on to the server; any child left is stopped too, before its folder goes
        List<ProcessHandle> children = process.descendants().collect(java.util.stream.Collectors.toList());
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static Path installed(String packageName, String what, String binary) {
        Path path = Paths.get(binary);
        if (!Files.isExecutable(path) && !Files.isDirectory(path)) {
            throw new AssertionError(what + " is not installed (" + binary + " is missing): install it with "
                    + "'apt-get install -y " + packageName + "'; the README's set-up step and .ci/run do");
        }
        return path;
    }

    private static Process start(Path directory, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("server.log").toFile()).start();
    }

    /** Waits until the server accepts connections; fails with its log when it does not in 60 seconds. */
    private static DebianServer ready(DebianServer server) throws Exception {
        if (Listening.on(server.process, server.port, 60)) {
            return server;
        }
        String log = Files.readString(server.directory.resolve("server.log"));
        server.close();
        throw new IOException(server.name + " did not start on port " + server.port + ":\n" + log);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
