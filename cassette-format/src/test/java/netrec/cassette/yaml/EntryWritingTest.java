package netrec.cassette.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.HostLookup;
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
            "2026-11-22T03:10:49.123Z", "<redacted by netrec>", "a  b", "#x", "!tag", "&anchor", "*alias", "|", ">",
            "1\n", "a\nb", "a\n\nb\n", "a\nb\n\n", "\na", " a\nb\n", "a \nb\n", "a\n b\n", "a\nb ", "{\n  \"k\": 1\n}\n",
            "yes\nno\n", "- x\n- y\n", "# title\ntext\n", "a\r\nb\r\n", "tab\tin\nlines\n", "é\nx\n", "\n", "\n\n",
            "a\n\n\nb", "line\n  indented\n", "12\n", "a: b\nc: d\n", "'q'\n\"d\"\n", "x\\y\nz\n",
            // a YAML indicator first: alone, with what makes a value quoted anyway, long, and as OPTIONS's URI
            "&", "!", "%", "@", "`", "*", "|+", ">-", "*: x", "! #c", "&a:", "!!str x", "%YAML 1.1",
            "*" + " a".repeat(60), "*/*, application/json");

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
    void everyValueOfAHeaderNamedOnceIsWrittenAsJacksonWritesIt() {
        for (String value : VALUES) {
            Interaction interaction = new Interaction(Instant.parse("2026-11-22T03:10:49.123Z"),
                    new Server("localhost", 8080, "127.0.0.1", "", null),
                    new RecordedRequest("GET", "http://localhost:8080/a", Headers.of(List.of(
                            new Headers.Field("X-Value", value))), Body.empty()),
                    new RecordedResponse(200, "OK", Headers.of(List.of(new Headers.Field("X-Value", value))),
                            value.isEmpty() ? Body.empty() : Body.text(value), false), "");
            assertWrittenAlike(CassetteYaml.entryByJackson(interaction), CassetteYaml.entry(interaction),
                    "value '" + value + "'");
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

    @Test
    void aRecordingsFirstLinesAreWrittenAsJacksonWritesThem() throws Exception {
        Instant started = Instant.parse("2026-11-22T03:10:49.120Z");
        for (String java : List.of("17.0.13", "25", "25.0.1", "26-ea", "1.8.0_402", "21.0.5+11-LTS", "")) {
            ObjectNode recording = JsonNodeFactory.instance.objectNode();
            recording.put("started", started.toString());
            recording.put("pid", 4242L);
            recording.put("java", java);
            ObjectNode head = JsonNodeFactory.instance.objectNode();
            head.put("version", CassetteYaml.RECORDING_VERSION);
            head.set("recording", recording);
            assertWrittenAlike(CassetteMapper.MAPPER.writeValueAsString(head) + "interactions:\n",
                    CassetteYaml.fileStart(started, 4242, java), "java '" + java + "'");
        }
    }

    @Test
    void lookupsAndNotesAreWrittenAsJacksonWritesThem() {
        Instant at = Instant.parse("2026-11-22T03:10:49Z");
        List<String> hosts = new ArrayList<>(VALUES);
        hosts.addAll(List.of("localhost", "repo.maven.apache.org", "::1", "fe80::1%eth0", "10.0.0.1", "1:2:3:4",
                "2001:db8::8a2e:370:7334", "::ffff:10.0.0.1", ":::", "::"));
        for (String value : hosts) {
            for (List<String> addresses : List.of(List.of("127.0.0.1", "::1"), List.of(value), List.<String>of(),
                    List.of("2001:db8::1", value))) {
                ObjectNode lookup = JsonNodeFactory.instance.objectNode();
                lookup.put("recorded-at", at.toString());
                lookup.put("lookup", value);
                ArrayNode list = lookup.putArray("addresses");
                addresses.forEach(list::add);
                assertWrittenAlike(CassetteYaml.listEntry(lookup),
                        CassetteYaml.entry(new HostLookup(at, value, addresses)), "lookup '" + value + "'");
            }
            ObjectNode note = JsonNodeFactory.instance.objectNode();
            note.put("recorded-at", at.toString());
            note.put("incomplete", value);
            assertWrittenAlike(CassetteYaml.listEntry(note), CassetteYaml.incompleteEntry(at, value), "note '" + value + "'");
        }
    }

    /**
     * {@code written} is {@code byJackson}'s text, or that text where netrec single-quotes a one-line value Jackson
     * double-quotes without needing an escape ({@code '5'} for {@code "5"}), as its recordings always have; and both
     * read back as the same YAML.
     */
    private static void assertWrittenAlike(String byJackson, String written, String what) {
        if (!written.equals(byJackson)) { // else an entry netrec left to Jackson whole
            assertEquals(byJackson.replaceAll("(?m)(: |- )\"([ -~&&[^'\"\\\\]]+)\"$", "$1'$2'"), written, what);
        }
        try {
            assertEquals(CassetteMapper.MAPPER.readTree(byJackson), CassetteMapper.MAPPER.readTree(written), what);
        } catch (java.io.IOException e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }
}
