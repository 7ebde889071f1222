package netrec.cassette.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import netrec.cassette.Body;
import netrec.cassette.Cassette;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.template.UriTemplate;
import org.junit.jupiter.api.Test;

class TemplateProposerTest {
    private static final Instant RECORDED = Instant.parse("2026-11-22T10:15:30Z");

    private static Interaction interaction(String method, String uri, String body) {
        return new Interaction(RECORDED, new Server("h", 80, "", "", null),
                new RecordedRequest(method, uri, Headers.none(), body.isEmpty() ? Body.empty() : Body.text(body)),
                new RecordedResponse(200, "OK", Headers.none(), Body.empty()), "f.yaml:1");
    }

    private static Cassette cassette(Interaction... interactions) {
        return new Cassette(Path.of("c"), List.of(interactions), List.of(), List.of());
    }

    private static List<String> uris(List<Proposal> proposals) {
        return proposals.stream().map(Proposal::uri).collect(Collectors.toList());
    }

    @Test
    void valuesRecognisableOnSightBecomePlaceholders() {
        long millis = RECORDED.toEpochMilli() - 5_000;
        String uri = "http://h:80/v1/7c0e6e3a-7d4b-4a8e-9b1f-2a3c4d5e6f70/app-1.0-20250101.120000-3.jar"
                + "?t=" + millis + "&s=" + RECORDED.getEpochSecond() + "&at=2026-11-22T10%3A15%3A00Z"
                + "&old=1000000000000&date=2019-01-01T00:00:00Z&n=42";
        List<Proposal> proposals = TemplateProposer.propose(cassette(interaction("GET", uri, "")), null);
        assertEquals(List.of("http://h:80/v1/{uuid:[0-9a-fA-F-]{36}}/app-1.0-{snapshot:[0-9]{8}\\.[0-9]{6}-[0-9]+}.jar"
                + "?t={epochMillis:[0-9]{13}}&s={epochSeconds:[0-9]{10}}&at={timestamp}"
                + "&old=1000000000000&date=2019-01-01T00:00:00Z&n=42"), uris(proposals));
        UriTemplate template = UriTemplate.parse(proposals.get(0).uri());
        assertEquals(true, template.path().matches("/v1/00000000-1111-2222-3333-444444444444/app-1.0-20270202.010203-9.jar"));
    }

    @Test
    void aSecondRecordingShowsWhatElseVaries() {
        Cassette first = cassette(interaction("GET", "http://h:80/builds/1234/log?cb=x8f3k&page=1", ""),
                interaction("GET", "http://h:80/static/app.js?v=abc123", ""),
                interaction("GET", "http://h:80/repo/lib-1.0-20261122.101530-3.jar", ""));
        Cassette second = cassette(interaction("GET", "http://h:80/static/app.js?v=abc123", ""),
                interaction("GET", "http://h:80/builds/1240/log?cb=q9z1m&page=1", ""),
                interaction("GET", "http://h:80/repo/lib-1.0-20261123.090000-4.jar", ""));
        assertEquals(List.of("http://h:80/builds/{*}/log?cb={cb}&page=1",
                "http://h:80/repo/lib-1.0-{snapshot:[0-9]{8}\\.[0-9]{6}-[0-9]+}.jar"),
                uris(TemplateProposer.propose(first, second)));
    }

    @Test
    void bodyFieldsThatVaryAreNamed() {
        Cassette first = cassette(interaction("POST", "http://h:80/events",
                "{\"item\": \"x\", \"meta\": {\"requestId\": \"r-1\", \"sentAt\": " + RECORDED.toEpochMilli() + "}}"));
        Cassette second = cassette(interaction("POST", "http://h:80/events",
                "{\"item\": \"x\", \"meta\": {\"requestId\": \"r-2\", \"sentAt\": " + RECORDED.toEpochMilli() + "}}"));
        assertEquals(List.of("requestId", "sentAt"), TemplateProposer.propose(first, second).get(0).bodyFields());
        assertEquals(List.of("sentAt"), TemplateProposer.propose(first, null).get(0).bodyFields());
        Cassette form = cassette(interaction("POST", "http://h:80/f", "a=1&nonce=" + RECORDED.getEpochSecond()));
        assertEquals(List.of("nonce"), TemplateProposer.propose(form, null).get(0).bodyFields());
    }

    @Test
    void aTemplatedCassetteNeedsNothingMore() {
        Cassette templated = cassette(interaction("GET", "http://h:80/a/{id:[0-9]+}?t={epochMillis:[0-9]{13}}&cb={cb}", ""));
        Cassette other = cassette(interaction("GET", "http://h:80/a/{id:[0-9]+}?t={epochMillis:[0-9]{13}}&cb={cb}", ""));
        assertEquals(List.of(), TemplateProposer.propose(templated, other));
        assertEquals(List.of(), TemplateProposer.propose(templated, null));
    }
}
