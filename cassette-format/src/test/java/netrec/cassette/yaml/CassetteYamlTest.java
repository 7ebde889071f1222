package netrec.cassette.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.Interleaving;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.Tls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassetteYamlTest {
    private static final Instant AT = Instant.parse("2026-11-22T03:10:49.123Z");

    @TempDir
    Path dir;

    @Test
    void writtenFileMatchesGoldenFile() throws IOException {
        // versions 4 and 5 write HTTP exchanges as version 3 did (but for what 3 could not hold); their own goldens
        // (messages; connections, pace, failures) are FormatVersionsTest's
        assertEquals(golden("recording-v3.yaml").replaceFirst("version: 3", "version: 6"), sampleFile());
    }

    @Test
    void goldenFileLoadsIntoTheSameModel() throws IOException {
        write("a.yaml", golden("recording-v3.yaml"));
        Cassette cassette = new CassetteReader(w -> { }).load(dir);
        assertEquals(1, cassette.lookups().size());
        assertEquals(List.of("127.0.0.1"), cassette.lookups().get(0).addresses());
        assertEquals(5, cassette.interactions().size());
        assertTrue(cassette.interactions().get(4).response().isUnanswered());
        assertEquals(7, cassette.interactions().get(3).response().interleaving().responseAllowed(5));
        Interaction json = cassette.interactions().get(0);
        assertEquals("https://localhost:8443/api/items?b=2&a=1", json.request().uri());
        assertEquals("{\"id\": 1, \"name\": \"first\"}\n", json.response().body().text());
        assertEquals(List.of("a=1", "b=2"), json.response().headers().all("Set-Cookie"));
        assertEquals("TLS_AES_128_GCM_SHA256", json.server().tls().cipherSuite());
        assertEquals("http/1.1", json.protocol());
        Interaction binary = cassette.interactions().get(1);
        assertEquals(Body.stored("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 4),
                binary.response().body());
        assertTrue(binary.source().endsWith("a.yaml:37"), binary.source());
        assertTrue(!binary.response().endedEarly());
        assertTrue(cassette.interactions().get(2).response().endedEarly());
        Interaction stream = cassette.interactions().get(3);
        assertEquals("h2", stream.protocol());
        assertEquals(List.of(new Headers.Field("grpc-status", "5"), new Headers.Field("grpc-message",
                "no such service")), stream.response().trailers().fields());
    }

    @Test
    void textThatLooksLikeOtherYamlTypesSurvivesRoundTrip() throws IOException {
        for (String tricky : List.of("1e3", "true", "null", "0012", "- a", "a: b", "  leading", "trailing  ", "#x",
                "multi\nline\n", "no newline\nat end", "tab\there", "'quoted'", "\"dq\"", "{json: 1}", "é ü 漢")) {
            Interaction original = interaction(Body.text(tricky), Headers.of(List.of(new Headers.Field("X-V", tricky))));
            write("t.yaml", CassetteYaml.fileStart(AT, 1, "17") + CassetteYaml.entry(original) + CassetteYaml.FILE_END);
            Interaction loaded = new CassetteReader(w -> { }).load(dir).interactions().get(0);
            assertEquals(tricky, loaded.response().body().text(), "body " + tricky);
            assertEquals(tricky, loaded.request().headers().first("X-V"), "header " + tricky);
        }
    }

    @Test
    void recordingFileOfManyMegabytesLoadsWhole() throws IOException {
        StringBuilder text = new StringBuilder(CassetteYaml.fileStart(AT, 1, "17"));
        int count = 6_000;
        for (int i = 0; i < count; i++) {
            text.append(CassetteYaml.entry(interaction(Body.text("body " + i + " " + "x".repeat(600)), Headers.none())));
        }
        write("large.yaml", text.append(CassetteYaml.FILE_END).toString());
        assertTrue(Files.size(dir.resolve("interactions/large.yaml")) > 4 << 20, "over SnakeYAML's 3 MiB default");
        Cassette cassette = new CassetteReader(w -> { throw new AssertionError(w); }).load(dir);
        assertEquals(count, cassette.interactions().size());
        assertTrue(cassette.interactions().get(count - 1).response().body().text().startsWith("body " + (count - 1)));
    }

    @Test
    void inlineTextBodyOfAHundredMegabytesLoads() throws IOException {
        String hundredMegabytes = ("0123456789abcdef".repeat(7) + "0123456789abc\n").repeat(100 << 10);
        write("long.yaml", CassetteYaml.fileStart(AT, 1, "17")
                + CassetteYaml.entry(interaction(Body.text(hundredMegabytes), Headers.none())) + CassetteYaml.FILE_END);
        Interaction loaded = new CassetteReader(w -> { }).load(dir).interactions().get(0);
        assertEquals(hundredMegabytes.length(), loaded.response().body().text().length());
    }

    @Test
    void readHandsOverEveryEntryInRecordedOrder() throws IOException {
        write("a.yaml", golden("recording-v2.yaml"));
        List<String> seen = new ArrayList<>();
        new CassetteReader(w -> { }).read(dir, new EntryHandler() {
            @Override
            public void interaction(Interaction interaction) {
                seen.add(interaction.request().method() + " " + interaction.response().status());
            }

            @Override
            public void lookup(HostLookup lookup) {
                seen.add("lookup " + lookup.host());
            }
        });
        assertEquals(List.of("lookup localhost", "GET 200", "POST 201", "GET 404"), seen);
    }

    @Test
    void unfinishedFileLoadsUpToItsLastWholeEntry() throws IOException {
        String full = CassetteYaml.fileStart(AT, 1, "17") + CassetteYaml.entry(interaction(Body.text("one"), Headers.none()))
                + CassetteYaml.entry(interaction(Body.text("two"), Headers.none()));
        write("killed.yaml", full.substring(0, full.length() - 40));
        List<String> warnings = new ArrayList<>();
        Cassette cassette = new CassetteReader(warnings::add).load(dir);
        assertEquals(1, cassette.interactions().size());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("killed.yaml was not closed by its recorder"), warnings.get(0));
    }

    @Test
    void malformedFinishedFileNamesFileAndLine() throws IOException {
        String text = golden("recording-v2.yaml").replace("status: 200", "status: two hundred");
        write("bad.yaml", text);
        CassetteException e = assertThrows(CassetteException.class, () -> new CassetteReader(w -> { }).load(dir));
        assertTrue(e.getMessage().matches(".*bad\\.yaml:\\d+: in the entry starting here, 'status' must be a whole "
                + "number, not 'two hundred'"), e.getMessage());
    }

    @Test
    void portOutOfRangeNamesFileAndLine() throws IOException {
        String text = golden("recording-v2.yaml").replaceFirst("port: \\d+", "port: 84403");
        write("bad.yaml", text);
        CassetteException e = assertThrows(CassetteException.class, () -> new CassetteReader(w -> { }).load(dir));
        assertTrue(e.getMessage().matches(".*bad\\.yaml:\\d+: in the entry starting here, 'server.port' must be a "
                + "TCP port, 0 to 65535, not 84403"), e.getMessage());
    }

    @Test
    void trailersThatAreNotAMappingNameFileAndLine() throws IOException {
        String text = golden("recording-v3.yaml").replace("      trailers:\n        grpc-status: '5'\n",
                "      trailers:\n        - grpc-status\n").replace("        grpc-message: no such service\n", "");
        write("bad.yaml", text);
        CassetteException e = assertThrows(CassetteException.class, () -> new CassetteReader(w -> { }).load(dir));
        assertTrue(e.getMessage().endsWith("bad.yaml:68: in the entry starting here, 'response.trailers' must be a "
                + "mapping of header name to value (or to a list of values)"), e.getMessage());
    }

    @Test
    void malformedTemplateNamesFileAndLine() throws IOException {
        String text = golden("recording-v2.yaml").replace("uri: http://localhost:8080/upload",
                "uri: http://localhost:8080/upload/{id");
        write("bad.yaml", text);
        CassetteException e = assertThrows(CassetteException.class, () -> new CassetteReader(w -> { }).load(dir));
        assertTrue(e.getMessage().matches(".*bad\\.yaml:\\d+: in the entry starting here, 'request.uri' the "
                + "placeholder at column 1 of '\\{id' is not closed.*"), e.getMessage());
    }

    @Test
    void yamlSyntaxErrorNamesFileAndLine() throws IOException {
        write("broken.yaml", "version: 2\ninteractions:\n- request: [unclosed\n" + CassetteYaml.FILE_END);
        CassetteException e = assertThrows(CassetteException.class, () -> new CassetteReader(w -> { }).load(dir));
        assertTrue(e.getMessage().contains("broken.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void bodyStoreKeepsShortTextInlineAndBinaryOnceInAFile() throws IOException {
        BodyStore store = new BodyStore(new CassetteLayout(dir));
        assertEquals(Body.text("hello"), write(store, "hello".getBytes(StandardCharsets.UTF_8)));
        byte[] binary = {0, 1, 2, (byte) 0xff};
        Body first = write(store, binary);
        Body second = write(store, binary);
        assertEquals(first, second);
        try (InputStream in = store.open(first)) {
            assertEquals(List.of(0, 1, 2, 255), List.of(in.read(), in.read(), in.read(), in.read()));
        }
        try (var files = Files.list(dir.resolve("bodies"))) {
            assertEquals(1, files.count());
        }
        assertEquals(null, store.check(first));
        Files.write(dir.resolve("bodies").resolve(first.sha256()), new byte[] {9, 9, 9, 9});
        assertTrue(store.check(first).contains("has SHA-256"));
    }

    @Test
    void largeTextIsStoredNotInlined() throws IOException {
        byte[] big = "x".repeat(BodyStore.INLINE_LIMIT + 1).getBytes(StandardCharsets.UTF_8);
        assertTrue(write(new BodyStore(new CassetteLayout(dir)), big).isStored());
    }

    private static Body write(BodyStore store, byte[] bytes) throws IOException {
        BodyStore.BodyWriter writer = store.newBody();
        writer.write(bytes, 0, bytes.length);
        return writer.finish();
    }

    private static String sampleFile() {
        Headers responseHeaders = Headers.of(List.of(new Headers.Field("Content-Type", "application/json"),
                new Headers.Field("Set-Cookie", "a=1"), new Headers.Field("Set-Cookie", "b=2")));
        Interaction json = new Interaction(AT,
                new Server("localhost", 8443, "127.0.0.1", "",
                        new Tls("TLSv1.3", "TLS_AES_128_GCM_SHA256", "http/1.1", "ab".repeat(32))),
                new RecordedRequest("GET", "https://localhost:8443/api/items?b=2&a=1",
                        Headers.of(List.of(new Headers.Field("Accept", "*/*"))), Body.empty()),
                new RecordedResponse(200, "OK", responseHeaders, Body.text("{\"id\": 1, \"name\": \"first\"}\n")), "");
        Interaction binary = new Interaction(AT.plusSeconds(1), new Server("localhost", 8080, "127.0.0.1", "", null),
                new RecordedRequest("POST", "http://localhost:8080/upload", Headers.none(), Body.text("name=x")),
                new RecordedResponse(201, "Created", Headers.none(),
                        Body.stored("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 4)), "");
        Interaction endedEarly = new Interaction(AT.plusSeconds(2), new Server("localhost", 8080, "127.0.0.1", "", null),
                new RecordedRequest("GET", "http://localhost:8080/missing.jar", Headers.none(), Body.empty()),
                new RecordedResponse(404, "Not Found", Headers.of(List.of(new Headers.Field("Transfer-Encoding",
                        "chunked"))), Body.empty(), true), "");
        Interaction stream = new Interaction(AT.plusSeconds(3),
                new Server("localhost", 50051, "127.0.0.1", "",
                        new Tls("TLSv1.3", "TLS_AES_128_GCM_SHA256", "h2", "ab".repeat(32))),
                Interaction.HTTP_2,
                new RecordedRequest("POST", "https://localhost:50051/grpc.health.v1.Health/Check",
                        Headers.of(List.of(new Headers.Field("content-type", "application/grpc"),
                                new Headers.Field("te", "trailers"), new Headers.Field("grpc-timeout", "30S"))),
                        Body.stored("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", 5)),
                new RecordedResponse(200, "", Headers.of(List.of(new Headers.Field("content-type",
                        "application/grpc"))),
                        Body.stored("486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7", 7), false,
                        Headers.of(List.of(new Headers.Field("grpc-status", "5"),
                                new Headers.Field("grpc-message", "no such service"))),
                        Interleaving.of(List.of(new Interleaving.Step(0, 0), new Interleaving.Step(5, 7)))), "");
        Interaction unanswered = new Interaction(AT.plusSeconds(4), new Server("localhost", 50051, "127.0.0.1", "",
                null), Interaction.HTTP_2,
                new RecordedRequest("POST", "http://localhost:50051/grpc.health.v1.Health/Watch",
                        Headers.of(List.of(new Headers.Field("content-type", "application/grpc"),
                                new Headers.Field("grpc-timeout", "500m"))), Body.empty()),
                RecordedResponse.unanswered(), "");
        return CassetteYaml.fileStart(AT, 4242, "17.0.21")
                + CassetteYaml.entry(new HostLookup(AT, "localhost", List.of("127.0.0.1")))
                + CassetteYaml.entry(json) + CassetteYaml.entry(binary) + CassetteYaml.entry(endedEarly)
                + CassetteYaml.entry(stream) + CassetteYaml.entry(unanswered) + CassetteYaml.FILE_END;
    }

    private static Interaction interaction(Body body, Headers requestHeaders) {
        return new Interaction(AT, new Server("h", 80, "", "", null),
                new RecordedRequest("GET", "http://h:80/", requestHeaders, Body.empty()),
                new RecordedResponse(200, "OK", Headers.none(), body), "");
    }

    private String golden(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void write(String name, String text) throws IOException {
        Files.createDirectories(dir.resolve("interactions"));
        Files.writeString(dir.resolve("interactions").resolve(name), text);
    }
}
