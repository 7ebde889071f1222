package netrec.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.Cassette;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import org.junit.jupiter.api.Test;

class ReplayIndexTest {
    private static Interaction interaction(String uri, String body) {
        return new Interaction(Instant.EPOCH, new Server("h", 80, "", "", null),
                new RecordedRequest("GET", uri, Headers.none(), Body.empty()),
                new RecordedResponse(200, "OK", Headers.none(), Body.text(body)), "f.yaml:1");
    }

    private static ReplayIndex index(Interaction... interactions) {
        return new ReplayIndex(new Cassette(Path.of("c"), List.of(interactions), List.of(), List.of()),
                Matcher.defaults());
    }

    @Test
    void repeatedRequestsGetRecordedResponsesInOrderThenTheLastAgain() {
        ReplayIndex index = index(interaction("http://h:80/poll", "first"), interaction("http://h:80/other", "x"),
                interaction("http://h:80/poll", "second"));
        RequestKey poll = RequestKey.of("GET", "http://h:80/poll");
        assertEquals("first", index.answer(poll).response().body().text());
        assertEquals("second", index.answer(poll).response().body().text());
        assertEquals("second", index.answer(poll).response().body().text());
        assertEquals(List.of("x"), index.unused().stream().map(i -> i.response().body().text())
                .collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void nearestMissIsTheInteractionWithFewestDifferences() {
        ReplayIndex index = index(interaction("http://other:80/a", "1"), interaction("http://h:80/b?x=1", "2"));
        RequestKey request = RequestKey.of("GET", "http://h:80/b?x=2");
        assertNull(index.answer(request));
        ReplayIndex.Nearest nearest = index.nearest(request);
        assertEquals("http://h:80/b?x=1", nearest.interaction().request().uri());
        assertEquals(List.of("query differs: not recorded x=2; recorded but absent x=1"), nearest.reasons());
    }
}
