package netrec.it.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.yaml.CassetteYaml;

/**
 * Writes a cassette of any size shaped like a recorded Maven build: one recording file of {@code count}
 * interactions with the headers Maven sends and a repository CDN answers, asking {@code http://localhost:<port>}
 * for the paths and answering the bodies of {@link GeneratedBodies}. Entries are written with
 * {@link CassetteYaml#entry}, so the text is what a recorder writes.
 *
 * <p>Uses only the JDK and netrec's cassette classes, so that the benchmarks compile it too.
 * Run as {@code GeneratedCassette DIR COUNT EVERY BODY_BYTES PORT}.
 */
public final class GeneratedCassette {
    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    private GeneratedCassette() {
    }

    public static void main(String[] args) throws IOException {
        write(Paths.get(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]));
    }

    public static void write(Path cassette, int count, int every, int bodyBytes, int port) throws IOException {
        CassetteLayout layout = new CassetteLayout(cassette);
        Files.createDirectories(layout.interactions());
        Files.createDirectories(layout.bodies());
        Path file = layout.interactions().resolve("20261124T100000Z-1-0001.yaml");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(CassetteYaml.fileStart(AT, 1, "17.0.21"));
            out.write(CassetteYaml.entry(new HostLookup(AT, "localhost", List.of("127.0.0.1"))));
            for (int i = 0; i < count; i++) {
                out.write(CassetteYaml.entry(interaction(i, port, responseBody(layout, i, every, bodyBytes))));
            }
            out.write(CassetteYaml.FILE_END);
        }
    }

    private static Body responseBody(CassetteLayout layout, int i, int every, int bodyBytes) throws IOException {
        byte[] bytes = GeneratedBodies.body(i, every, bodyBytes);
        if (!GeneratedBodies.stored(i, every)) {
            return Body.text(new String(bytes, StandardCharsets.UTF_8));
        }
        String sha256 = sha256(bytes);
        try (OutputStream out = Files.newOutputStream(layout.body(sha256))) {
            out.write(bytes);
        }
        return Body.stored(sha256, bytes.length);
    }

    private static Interaction interaction(int i, int port, Body body) {
        String host = "localhost:" + port;
        List<Headers.Field> request = new ArrayList<>();
        request.add(new Headers.Field("Cache-control", "no-cache"));
        request.add(new Headers.Field("Cache-store", "no-store"));
        request.add(new Headers.Field("Pragma", "no-cache"));
        request.add(new Headers.Field("User-Agent", "Apache-Maven/3.8.7 (Java 17.0.21; Linux 6.1.0)"));
        request.add(new Headers.Field("Host", host));
        request.add(new Headers.Field("Connection", "Keep-Alive"));
        request.add(new Headers.Field("Accept-Encoding", "gzip,deflate"));
        List<Headers.Field> response = new ArrayList<>();
        response.add(new Headers.Field("Connection", "keep-alive"));
        response.add(new Headers.Field("Content-Length", Long.toString(body.size())));
        response.add(new Headers.Field("Content-Type", body.isText() ? "text/xml" : "application/java-archive"));
        response.add(new Headers.Field("Last-Modified", "Tue, 05 Mar 2024 11:12:13 GMT"));
        response.add(new Headers.Field("ETag", "\"" + Integer.toHexString(i * 31 + 7) + "\""));
        response.add(new Headers.Field("X-Checksum-SHA1", String.format("%040x", i)));
        response.add(new Headers.Field("X-Checksum-MD5", String.format("%032x", i)));
        response.add(new Headers.Field("Accept-Ranges", "bytes"));
        response.add(new Headers.Field("Date", "Tue, 24 Nov 2026 10:00:00 GMT"));
        response.add(new Headers.Field("Via", "1.1 varnish, 1.1 varnish"));
        response.add(new Headers.Field("X-Served-By", "cache-iad-kcgs7200" + (i % 97) + "-IAD"));
        response.add(new Headers.Field("X-Cache", "HIT, HIT"));
        response.add(new Headers.Field("Age", Integer.toString(i % 86400)));
        return new Interaction(AT.plusMillis(i), new Server("localhost", port, "127.0.0.1", "", null),
                new RecordedRequest("GET", "http://" + host + GeneratedBodies.path(i), Headers.of(request), Body.empty()),
                new RecordedResponse(200, "OK", Headers.of(response), body), "");
    }

    private static String sha256(byte[] bytes) {
        try {
            StringBuilder hex = new StringBuilder(64);
            for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
