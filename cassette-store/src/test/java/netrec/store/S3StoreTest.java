package netrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import netrec.cassette.store.StoreAddress;
import netrec.store.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing, fetching and collecting against a real S3 API server (S3Proxy, SigV4), through AWS's SDK with its
 * standard credentials chain (here the JVM's {@code aws.accessKeyId} and {@code aws.secretAccessKey}) and the endpoint
 * named as a user names it, {@code AWS_ENDPOINT_URL_S3}.
 */
class S3StoreTest {
    @TempDir
    static Path server;
    @TempDir
    Path work;
    static S3ProxyServer s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start(server, "cassettes");
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    }

    @AfterAll
    static void stopS3() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (s3 != null) {
            s3.close();
        }
    }

    private S3Store open() throws IOException {
        return S3Store.open("cassettes", Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint()));
    }

    private Path cassette(String name, byte[] body) throws IOException {
        Path cassette = Files.createDirectories(work.resolve(name).resolve("interactions")).getParent();
        Files.writeString(cassette.resolve("interactions/Main.yaml"), "version: 6\n# " + name + "\n");
        Files.createDirectories(cassette.resolve("bodies"));
        Files.write(cassette.resolve("bodies").resolve(HexFormat.of().formatHex(ObjectCache.sha256().digest(body))),
                body);
        return cassette;
    }

    @Test
    void aCassetteGoesThroughARealS3ApiAndComesBackTheSameBytes() throws Exception {
        byte[] jar = new byte[3 << 20];
        new java.util.Random(7).nextBytes(jar);
        Path recorded = cassette("build", jar);
        StoreAddress address = StoreAddress.parse("s3://cassettes/ci/build");
        try (S3Store store = open()) {
            Publishing.Result published = Publishing.publish(recorded, address, store, "test");
            assertEquals(2, published.sent());
            assertEquals(0, Publishing.publish(recorded, address, store, "test").sent(), "kept, not sent again");
            String recording = address.objectKey(HexFormat.of().formatHex(ObjectCache.sha256().digest(
                    "version: 6\n# build\n".getBytes(StandardCharsets.UTF_8))));
            Path onDisk = server.resolve("data").resolve("cassettes").resolve(recording);
            Files.setLastModifiedTime(onDisk, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
            assertTrue(lastModified(store, recording).isBefore(Instant.now().minus(Duration.ofHours(2))));
            assertTrue(store.keep(recording));
            assertTrue(lastModified(store, recording).isAfter(Instant.now().minus(Duration.ofMinutes(5))),
                    "an object found over an hour old is marked as used now, so gc's grace counts from now");

            Path pulled = work.resolve("pulled");
            Fetching.Result fetched = Fetching.fetch(address, store, new ObjectCache(work.resolve("cache"),
                    ObjectCache.DEFAULT_SIZE), pulled);
            assertEquals(2, fetched.fetched());
            assertTrue(java.util.Arrays.equals(jar, Files.readAllBytes(Files.list(pulled.resolve("bodies"))
                    .findFirst().orElseThrow())));
            assertEquals("version: 6\n# build\n", Files.readString(pulled.resolve("interactions/Main.yaml")));

            Publishing.publish(cassette("other", "another".getBytes(StandardCharsets.UTF_8)),
                    StoreAddress.parse("s3://cassettes/ci/other"), store, "test");
            store.put("ci/.netrec/objects/" + "0".repeat(64), "named by no cassette".getBytes(StandardCharsets.UTF_8));
            Collecting.Result collected = Collecting.collect(StoreAddress.store("s3://cassettes/ci"), store,
                    Duration.ZERO, false);
            assertEquals(2, collected.cassettes());
            assertEquals(1, collected.removed().size());
            assertEquals(4, store.list("ci/.netrec/objects/").size());
        }
    }

    private static Instant lastModified(S3Store store, String key) throws IOException {
        for (ObjectStore.Stored object : store.list(key)) {
            return object.lastModified();
        }
        throw new AssertionError(key + " is not in the store");
    }

    /**
     * An upload is signed whole, its payload's SHA-256 in {@code x-amz-content-sha256}, never in aws-chunked parts
     * with chunk signatures, which Google Cloud Storage's S3 endpoint refuses and s3rver kept in the object's bytes.
     */
    @Test
    void uploadsAreSignedWholeNotInAwsChunkedParts() throws Exception {
        Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.put("content-sha256", String.valueOf(exchange.getRequestHeaders().getFirst("x-amz-content-sha256")));
            seen.put("content-encoding", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Encoding")));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("ETag", "\"0\"");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try (S3Store store = S3Store.open("cassettes", Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:"
                + server.getAddress().getPort()))) {
            store.put("ci/manifest.yaml", "version: 1\n".getBytes(StandardCharsets.UTF_8));
        } finally {
            server.stop(0);
        }
        assertEquals(HexFormat.of().formatHex(ObjectCache.sha256().digest("version: 1\n".getBytes(
                StandardCharsets.UTF_8))), seen.get("content-sha256"));
        assertFalse(seen.get("content-encoding").contains("aws-chunked"), seen.toString());
        assertEquals("version: 1\n", seen.get("body"));
    }

    /**
     * No credentials found is said as it is, never taken for a store that gave no answer (which would serve the
     * manifest this machine fetched last); a mistyped endpoint finds no manifest fetched from the right one.
     */
    @Test
    void missingCredentialsOrAnotherEndpointNeverServeTheCachedManifest() throws Exception {
        Path recorded = cassette("cached", "a jar".getBytes(StandardCharsets.UTF_8));
        StoreAddress address = StoreAddress.parse("s3://cassettes/ci/cached");
        ObjectCache cache = new ObjectCache(work.resolve("cache"), ObjectCache.DEFAULT_SIZE);
        try (S3Store store = open()) {
            Publishing.publish(recorded, address, store, "test");
            Fetching.fetch(address, store, cache, work.resolve("first"));
        }
        System.clearProperty("aws.accessKeyId");
        try {
            IOException refused = assertThrows(IOException.class, this::open);
            assertFalse(refused instanceof ObjectStore.Unreachable, refused.toString());
            assertEquals("no AWS credentials were found for bucket cassettes: set AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile in ~/.aws, or run where a role gives them",
                    refused.getMessage());
        } finally {
            System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        }
        try (S3Store mistyped = S3Store.open("cassettes", Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1"))) {
            IOException refused = assertThrows(IOException.class, () -> Fetching.fetch(address, mistyped, cache,
                    work.resolve("elsewhere")));
            assertTrue(refused.getMessage().contains("and this machine has not fetched it before"),
                    refused.getMessage());
        }
    }

    @Test
    void aBucketThatDoesNotExistIsSaidAsSuchWithWhatToDo() throws Exception {
        try (S3Store store = S3Store.open("no-such-bucket", Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint()))) {
            IOException refused = assertThrows(IOException.class, () -> store.list("ci/"));
            assertTrue(refused.getMessage().startsWith("bucket no-such-bucket at " + s3.endpoint() + " does not exist: "
                    + "create the bucket (for example with aws s3 mb s3://no-such-bucket)"), refused.getMessage());
        }
    }

    @Test
    void wrongCredentialsAreSaidWithoutTheSecret() throws Exception {
        System.setProperty("aws.secretAccessKey", "not-the-secret");
        try (S3Store store = open()) {
            IOException refused = assertThrows(IOException.class, () -> store.keep("ci/anything"));
            assertTrue(refused.getMessage().startsWith("looking for ci/anything in bucket cassettes at " + s3.endpoint()
                    + " failed: "), refused.getMessage());
            assertFalse(refused.getMessage().contains("not-the-secret"), refused.getMessage());
        } finally {
            System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        }
    }
}
