package netrec.tools.har;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import netrec.cassette.Redacted;
import netrec.testing.TestCassette;

/**
 * A cassette as the agent records a client's five requests: JSON (with a query), 64 KiB of binary, a gzip body, a
 * form POST, and a request whose Authorization and Set-Cookie the recorder redacted.
 */
final class HarFixture {
    static final String BASE = "http://127.0.0.1:8080";
    static final String JSON = "{\"name\":\"netrec\",\"items\":[1,2,3]}";
    static final byte[] BINARY = binary();
    static final String UNZIPPED = "compressed text, ".repeat(500);

    private HarFixture() {
    }

    static Path recorded(Path directory) throws IOException {
        return new TestCassette(directory)
                .exchange("GET", BASE + "/json?q=a%20b&page=2", List.of("Accept", "application/json"), null, 200,
                        List.of("Content-Type", "application/json", "Content-Length",
                                String.valueOf(JSON.length())), JSON.getBytes(StandardCharsets.UTF_8))
                .exchange("GET", BASE + "/binary", List.of(), null, 200, List.of("Content-Type",
                        "application/octet-stream", "Content-Length", String.valueOf(BINARY.length)), BINARY)
                .exchange("GET", BASE + "/gzip", List.of("Accept-Encoding", "gzip"), null, 200, List.of("Content-Type",
                        "text/plain", "Content-Encoding", "gzip", "Content-Length", String.valueOf(gzip().length)), gzip())
                .exchange("POST", BASE + "/echo", List.of("Content-Type", "application/x-www-form-urlencoded"),
                        "name=netrec&n=1".getBytes(StandardCharsets.UTF_8), 200, List.of("Content-Type", "text/plain"),
                        "name=netrec&n=1".getBytes(StandardCharsets.UTF_8))
                .exchange("GET", BASE + "/secret", List.of("Authorization", Redacted.VALUE), null, 200,
                        List.of("Content-Type", "text/plain", "Set-Cookie", Redacted.VALUE),
                        "ok".getBytes(StandardCharsets.UTF_8))
                .write("recorded");
    }

    /** The gzip body, as sent (compressed). */
    static byte[] gzip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(UNZIPPED.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] binary() {
        byte[] bytes = new byte[64 * 1024];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
