package netrec.runtime.replay.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import netrec.cassette.Body;
import netrec.cassette.Cassette;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
import netrec.cassette.Message;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.cassette.match.IncomingRequest;
import netrec.cassette.match.Matcher;
import netrec.cassette.template.PathTemplate;
import org.junit.jupiter.api.Test;

class ReplayIndexTest {
    private static Interaction interaction(String uri, String body) {
        return new Interaction(Instant.EPOCH, new Server("h", 80, "", "", null),
                new RecordedRequest("GET", uri, Headers.none(), Body.empty()),
                new RecordedResponse(200, "OK", Headers.none(), Body.text(body)), "f.yaml:1");
    }

    private static ReplayIndex index(Interaction... interactions) {
        return new ReplayIndex(new Cassette(Path.of("c"), List.of(interactions), List.of(), List.of()),
                Matcher.all(body -> body.text().getBytes(StandardCharsets.UTF_8)), MatchRules.none());
    }

    private static String answer(ReplayIndex index, String uri) {
        Interaction answer = index.answer(IncomingRequest.of("GET", uri));
        return answer == null ? null : answer.response().body().text();
    }

    @Test
    void aConnectionGoesOnWithTheRecordedConnectionThatAnsweredIt() {
        ReplayIndex index = index(interaction("http://h:80/n", "one-a").inConnection(1),
                interaction("http://h:80/n", "two-a").inConnection(2),
                interaction("http://h:80/n", "one-b").inConnection(1),
                interaction("http://h:80/n", "two-b").inConnection(2));
        IncomingRequest request = IncomingRequest.of("GET", "http://h:80/n");

        assertEquals("two-a", index.answer(request, 2).response().body().text());
        assertEquals("two-b", index.answer(request, 2).response().body().text(), "its own, not the first unused");
        assertEquals("one-a", index.answer(request, 0).response().body().text(), "a new connection: in order");
        assertEquals("one-b", index.answer(request, 2).response().body().text(), "its own used up: in order");
    }

    @Test
    void conversationsComeInTheOrderTheirConnectionsOpenedFileByFile() {
        Interaction closedFirst = conversation("a.yaml:10", 2);
        Interaction openedFirst = conversation("a.yaml:20", 1);
        Interaction nextFile = conversation("b.yaml:5", 7);
        Interaction unnumbered = conversation("c.yaml:3", 0);
        ReplayIndex index = index(closedFirst, openedFirst, nextFile, unnumbered);

        assertEquals(List.of(openedFirst, closedFirst, nextFile, unnumbered),
                index.conversations("localhost", "", 6379, true), "recording files in the order read, connections "
                        + "by number within each");
        index.claim(openedFirst);
        assertEquals(List.of(closedFirst, nextFile, unnumbered), index.conversations("localhost", "", 6379, true));
        index.release(openedFirst);
        assertEquals(openedFirst, index.conversations("localhost", "", 6379, true).get(0), "given back, unused again");
    }

    private static Interaction conversation(String source, int connection) {
        Interaction conversation = new Interaction(Instant.EPOCH, new Server("localhost", 6379, "", "", null),
                Interaction.TCP, Interaction.tcpRequest("localhost", 6379), RecordedResponse.conversation(List.of(
                        Message.of(Message.Side.CLIENT, 0, Message.Kind.DATA, new byte[] {1}))), source);
        return connection == 0 ? conversation : conversation.inConnection(connection);
    }

    @Test
    void messagesCompareByteForByteUnlessTheRulesSayJsonForTheirPath() {
        ReplayIndex index = new ReplayIndex(new Cassette(Path.of("c"), List.of(), List.of(), List.of()),
                Matcher.all(body -> new byte[0]), new MatchRules(List.of(new MatchRules.Rule(null, null,
                        PathTemplate.parse("/events"), Map.of("body", List.of("json"),
                        "ignore-body-fields", List.of("sentAt")), "a test"))));
        byte[] recorded = "{\"type\":\"order\",\"sentAt\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] sent = "{ \"sentAt\": 2, \"type\": \"order\" }".getBytes(StandardCharsets.UTF_8);

        assertNull(index.turns(IncomingRequest.of("GET", "http://h:80/events")).difference(recorded, sent));
        assertEquals("it differs: sent '{ \"sentAt\": 2, \"type\": \"order\" }' (32 bytes), recorded "
                + "'{\"type\":\"order\",\"sentAt\":1}' (27 bytes)",
                index.turns(IncomingRequest.of("GET", "http://h:80/chat")).difference(recorded, sent));
    }

    @Test
    void repeatedRequestsGetRecordedResponsesInOrderThenTheLastAgain() {
        ReplayIndex index = index(interaction("http://h:80/poll", "first"), interaction("http://h:80/other", "x"),
                interaction("http://h:80/poll", "second"));
        assertEquals("first", answer(index, "http://h:80/poll"));
        assertEquals("second", answer(index, "http://h:80/poll"));
        assertEquals("second", answer(index, "http://h:80/poll"));
        assertEquals(List.of("x"), index.unused().stream().map(i -> i.response().body().text())
                .collect(Collectors.toList()));
    }

    @Test
    void aLiteralBeatsATemplateAndFewerPlaceholdersBeatMore() {
        ReplayIndex index = index(interaction("http://h:80/{**}", "deep"), interaction("http://h:80/a/{x}/{y}", "two"),
                interaction("http://h:80/a/{x}/c", "one"), interaction("http://h:80/a/b/c", "literal"));
        assertEquals("literal", answer(index, "http://h:80/a/b/c"));
        assertEquals("literal", answer(index, "http://h:80/a/b/c"));
        assertEquals("one", answer(index, "http://h:80/a/z/c"));
        assertEquals("two", answer(index, "http://h:80/a/z/z"));
        assertEquals("deep", answer(index, "http://h:80/a/z/z/z"));
    }

    @Test
    void requestsToOneTemplateConsumeItsResponsesInRecordedOrder() {
        ReplayIndex index = index(interaction("http://h:80/items?ts={*}", "1"), interaction("http://h:80/x", "x"),
                interaction("http://h:80/items?ts={*}", "2"), interaction("http://h:80/items?ts={*}", "3"));
        assertEquals("1", answer(index, "http://h:80/items?ts=1001"));
        assertEquals("2", answer(index, "http://h:80/items?ts=1002"));
        assertEquals("3", answer(index, "http://h:80/items?ts=1003"));
        assertEquals("3", answer(index, "http://h:80/items?ts=1004"));
    }

    @Test
    void theSameRequestFromAnotherClientGetsThatClientsResponse() {
        Interaction fromBuildTool = new Interaction(Instant.EPOCH, new Server("h", 80, "", "", null),
                new RecordedRequest("GET", "http://h:80/lib.pom", Headers.of(List.of(
                        new Headers.Field("User-Agent", "Apache-Maven/3.8.7"),
                        new Headers.Field("Accept-Encoding", "gzip,deflate"))), Body.empty()),
                new RecordedResponse(200, "OK", Headers.none(), Body.text("gzipped")), "f.yaml:1");
        Interaction fromTest = new Interaction(Instant.EPOCH, new Server("h", 80, "", "", null),
                new RecordedRequest("GET", "http://h:80/lib.pom", Headers.of(List.of(
                        new Headers.Field("User-Agent", "Java-http-client/17"))), Body.empty()),
                new RecordedResponse(200, "OK", Headers.none(), Body.text("plain")), "f.yaml:9");
        ReplayIndex index = index(fromBuildTool, fromTest);
        IncomingRequest test = IncomingRequest.of("GET", "http://h:80/lib.pom",
                Headers.of(List.of(new Headers.Field("User-Agent", "Java-http-client/17"))), new byte[0]);
        assertEquals("plain", index.answer(test).response().body().text());
        assertEquals("plain", index.answer(test).response().body().text());
    }

    @Test
    void requestsRecordedWithHeadersAsFarFromTheSentOnesAnswerInRecordedOrder() {
        ReplayIndex index = index(poll("1", "first"), poll("2", "second"), poll("1", "third"));
        assertEquals("first", answer(index, "http://h:80/poll"));
        assertEquals("second", answer(index, "http://h:80/poll"));
        assertEquals("third", answer(index, "http://h:80/poll"));
        assertEquals("third", answer(index, "http://h:80/poll"));
        assertEquals(List.of(), index.unused());
    }

    private static Interaction poll(String attempt, String body) {
        return new Interaction(Instant.EPOCH, new Server("h", 80, "", "", null),
                new RecordedRequest("GET", "http://h:80/poll", Headers.of(List.of(new Headers.Field("X-Attempt",
                        attempt))), Body.empty()),
                new RecordedResponse(200, "OK", Headers.none(), Body.text(body)), "f.yaml:1");
    }

    @Test
    void nearestMissIsChosenByHowFarThePathsAreNotByTheFirstOnTheHost() {
        String base = "http://h:80/maven2/org/apache/maven/plugins/maven-compiler-plugin/";
        ReplayIndex index = index(interaction(base + "maven-metadata.xml", "m"),
                interaction(base + "3.14.0/maven-compiler-plugin-3.14.0.pom", "pom"),
                interaction(base + "3.14.0/maven-compiler-plugin-3.14.0.jar", "jar"),
                interaction("http://h:80/maven2/junit/junit/4.13.2/junit-4.13.2.jar", "junit"));
        ReplayIndex.Nearest nearest = index.nearest(IncomingRequest.of("GET",
                base + "3.13.0/maven-compiler-plugin-3.13.0.jar"));
        assertEquals(base + "3.14.0/maven-compiler-plugin-3.14.0.jar", nearest.interaction().request().uri());
    }

    @Test
    void nearestMissIsTheInteractionWithFewestDifferences() {
        ReplayIndex index = index(interaction("http://other:80/a", "1"), interaction("http://h:80/b?x=1", "2"));
        IncomingRequest request = IncomingRequest.of("GET", "http://h:80/b?x=2");
        assertNull(index.answer(request));
        ReplayIndex.Nearest nearest = index.nearest(request);
        assertEquals("http://h:80/b?x=1", nearest.interaction().request().uri());
        assertEquals(List.of("query differs: not recorded x=2; recorded but absent x=1"), nearest.reasons());
    }
}
