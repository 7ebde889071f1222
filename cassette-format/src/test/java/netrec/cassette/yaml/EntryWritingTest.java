package netrec.cassette.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.Tls;
import org.junit.jupiter.api.Test;

/** The hand-written entries are the text Jackson writes, for values plain and otherwise, in headers and trailers. */
class EntryWritingTest {
    private static final List<String> VALUES = List.of("*/*", "a=1", "yes", "No", "on", "true", "null", "~", "1e3",
            "0x1F", "12:30", "", " leading", "trailing ", "a: b", "a #b", "-dash", "?q", "%41", "multi\nline\n",
            "tab\tx", "unicode é", "quote's", "\"dq\"", "{\"json\": 1}", "[x]", "@at", "`tick", "a,b", "*/*;q=0.8",
            "Mozilla/5.0 (X11; Linux x86_64)", "text/html; charset=utf-8", "x".repeat(300) + " y", "100-continue",
            "W/\"etag\"", "-1", "+1", ".5", "1.", "1_000", "0o17", "y", "N", "Off", "=", "a:", "http://h:80/p?q=1&r=2",
            "2026-11-22T03:10:49.123Z", "<redacted by netrec>", "a  b", "#x", "!tag", "&anchor", "*alias", "|", ">");

    @Test
    void everyValueIsWrittenAsJacksonWritesIt() {
        for (String value : VALUES) {
            List<Headers.Field> fields = new ArrayList<>();
            fields.add(new Headers.Field("X-Value", value));
            fields.add(new Headers.Field("Set-Cookie", "a=1"));
            fields.add(new Headers.Field("Set-Cookie", value));
            Interaction interaction = new Interaction(Instant.parse("2026-11-22T03:10:49.123Z"),
                    new Server("localhost", 8443, "127.0.0.1", value.isEmpty() ? "" : "proxy:3128",
                            new Tls("TLSv1.3", "TLS_AES_128_GCM_SHA256", "http/1.1", "")),
                    new RecordedRequest("GET", "https://localhost:8443/a?v=" + value.replace(" ", "%20").replace("\n", ""),
                            Headers.of(fields), Body.text(value)),
                    new RecordedResponse(200, value.replace("\n", ""), Headers.of(fields),
                            value.isEmpty() ? Body.empty() : Body.text(value), value.length() % 2 == 0), "");
            assertEquals(CassetteYaml.entryByJackson(interaction), CassetteYaml.entry(interaction), "value '" + value + "'");
        }
    }

    @Test
    void jsonBodiesAndQuotedValuesWrittenByHandAreTheTextJacksonWrites() {
        List<String> values = List.of("{\"id\":42,\"name\":\"small response\"}", "[{\"a\": [1, 2]}, \"b\\\\c\"]",
                "\"etag\"", "W/\"abc\"", " {\"x\": \"\\\"\"} ", "\\", "{\"path\": \"C:\\\\x\"}",
                "{\"json\": 1}", "\"dq\"", "W/\"etag\"", "a: \"b\"", "#\"x\"", "[\"a\"]", "{'a': \"b\"}");
        for (String value : values) {
            Interaction interaction = new Interaction(Instant.parse("2026-11-22T03:10:49.123Z"),
                    new Server("localhost", 8080, "127.0.0.1", "", null),
                    new RecordedRequest("POST", "http://localhost:8080/a", Headers.of(List.of(
                            new Headers.Field("If-None-Match", value))), Body.text(value)),
                    new RecordedResponse(200, "OK", Headers.of(List.of(new Headers.Field("ETag", value))),
                            value.isEmpty() ? Body.empty() : Body.text(value), false), "");
            assertEquals(CassetteYaml.entryByJackson(interaction), CassetteYaml.entry(interaction),
                    "value '" + value + "'");
        }
    }

    @Test
    void everyTrailerValueIsWrittenAsJacksonWritesIt() {
        for (String value : VALUES) {
            Headers trailers = Headers.of(List.of(new Headers.Field("grpc-message", value),
                    new Headers.Field("grpc-status-details-bin", "a=1"),
                    new Headers.Field("grpc-status-details-bin", value)));
            Interaction interaction = new Interaction(Instant.parse("2026-11-22T03:10:49.123Z"),
                    new Server("localhost", 50051, "127.0.0.1", "", null), Interaction.HTTP_2,
                    new RecordedRequest("POST", "http://localhost:50051/a", Headers.none(), Body.empty()),
                    new RecordedResponse(200, "", Headers.none(), Body.empty(), false, trailers), "");
            assertEquals(CassetteYaml.entryByJackson(interaction), CassetteYaml.entry(interaction), "value '" + value + "'");
        }
    }
}
