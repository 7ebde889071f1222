package netrec.runtime.protocol.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
import netrec.cassette.Message;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.runtime.protocol.ScriptedReplay;
import netrec.runtime.replay.match.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw TCP conversation answered by turns: the conversation is picked by the client's first turn, turns may arrive
 * cut anywhere or several at once, free parts of a turn may differ, and the first divergence is a miss that says
 * where.
 */
class TcpAnsweringTest {
    @TempDir
    Path bodies;

    @Test
    void theConversationIsTheFirstUnusedWhoseFirstClientTurnMatchesAndEachTurnGetsItsAnswer() throws IOException {
        Interaction ping = conversation("c:PING\r\n", "s:+PONG\r\n");
        Interaction get = conversation("c:GET a\r\n", "s:$1\r\nx\r\n", "c:GET b\r\n", "s:$1\r\ny\r\n");
        ScriptedReplay context = context(List.of(ping, get), MatchRules.none());
        TcpAnswering answering = TcpAnswering.clientFirst(context, context);

        feed(answering, "GET ");
        assertEquals("", text(context.takeSent()), "the first turn could still be either");
        feed(answering, "a\r\n");
        assertEquals("$1\r\nx\r\n", text(context.takeSent()));
        assertEquals(List.of(get), context.claimed);
        feed(answering, "GET b\r");
        feed(answering, "\n");
        assertEquals("$1\r\ny\r\n", text(context.takeSent()));
        assertEquals(List.of(), context.misses);
    }

    @Test
    void aConversationAnotherConnectionTakesAsThisOneChoosesItIsLeftToThatConnection() throws IOException {
        Interaction first = conversation("c:HELLO 3\r\n", "s:%1\r\nid:7\r\n");
        Interaction second = conversation("c:HELLO 3\r\n", "s:%1\r\nid:8\r\n");
        ScriptedReplay context = context(List.of(first, second), MatchRules.none());
        context.takenMeanwhile = first; // a pool's connections open at once, with the same first turn
        TcpAnswering answering = TcpAnswering.clientFirst(context, context);

        feed(answering, "HELLO 3\r\n");

        assertEquals("%1\r\nid:8\r\n", text(context.takeSent()), "the other connection's conversation is its own");
        assertEquals(List.of(first, second), context.claimed);
        assertEquals(List.of(), context.misses);
    }

    @Test
    void aServersGreetingAnotherConnectionTookAsThisOneOpenedIsLeftToIt() throws IOException {
        Interaction first = conversation("s:greeting 1\n", "c:login\n", "s:ok 1\n");
        Interaction second = conversation("s:greeting 2\n", "c:login\n", "s:ok 2\n");
        ScriptedReplay context = context(List.of(first, second), MatchRules.none());
        context.takenMeanwhile = first;

        TcpAnswering.serverFirst(context, context);

        assertEquals("greeting 2\n", text(context.takeSent()));
        assertEquals(List.of(first, second), context.claimed);
    }

    @Test
    void aClientThatSendsSeveralTurnsAtOnceGetsEachAnswerInOrder() throws IOException {
        Interaction pipelined = conversation("c:A\n", "s:1\n", "c:B\n", "s:2\n", "c:C\n", "s:3\n", "s:");
        ScriptedReplay context = context(List.of(pipelined), MatchRules.none());
        TcpAnswering answering = TcpAnswering.clientFirst(context, context);

        feed(answering, "A\nB\nC\n");

        assertEquals("1\n2\n3\n", text(context.takeSent()));
        assertTrue(answering.closing(), "the server ended the recorded conversation");
    }

    @Test
    void aServerThatSpokeFirstGreetsAsTheConnectionOpens() throws IOException {
        Interaction greeting = conversation("s:HELLO 42\n", "c:LOGIN\n", "s:OK\n");
        ScriptedReplay context = context(List.of(greeting), MatchRules.none());

        TcpAnswering answering = TcpAnswering.serverFirst(context, context);

        assertEquals("HELLO 42\n", text(context.takeSent()));
        feed(answering, "LOGIN\n");
        assertEquals("OK\n", text(context.takeSent()));
        assertTrue(TcpAnswering.serverFirst(context, context) != null, "a pool may open more connections than it did");
        assertEquals("HELLO 42\n", text(context.takeSent()), "once all are used, the last one greets again");
        ScriptedReplay clientSpoke = context(List.of(conversation("c:PING\n", "s:PONG\n")), MatchRules.none());
        assertNull(TcpAnswering.serverFirst(clientSpoke, clientSpoke), "a server that did not speak first does not");
    }

    @Test
    void onceAllAreUsedTheLastThatMatchesAnswersAgain() throws IOException {
        Interaction first = conversation("c:PING\n", "s:ONE\n");
        Interaction second = conversation("c:PING\n", "s:TWO\n");
        ScriptedReplay context = context(List.of(first, second), MatchRules.none());
        for (String expected : List.of("ONE\n", "TWO\n", "TWO\n")) {
            feed(TcpAnswering.clientFirst(context, context), "PING\n");
            assertEquals(expected, text(context.takeSent()));
        }
    }

    @Test
    void aConnectionThatPartsFromTheConversationItTookMovesToOneThatFitsAndGivesTheFirstBack() throws IOException {
        Interaction publisher = conversation("c:HELLO\n", "s:hi\n", "c:PUBLISH news x\n", "s::1\n");
        Interaction subscriber = conversation("c:HELLO\n", "s:hi\n", "c:SUBSCRIBE news\n", "s:subscribed\n");
        ScriptedReplay context = context(List.of(publisher, subscriber), MatchRules.none());

        TcpAnswering subscribing = TcpAnswering.clientFirst(context, context);
        feed(subscribing, "HELLO\n");
        assertEquals("hi\n", text(context.takeSent()));
        feed(subscribing, "SUBSCRIBE news\n");
        assertEquals("subscribed\n", text(context.takeSent()), "it took the publisher's first, and moved");
        assertEquals(List.of(subscriber), context.claimed);

        TcpAnswering publishing = TcpAnswering.clientFirst(context, context);
        feed(publishing, "HELLO\nPUBLISH news x\n");
        assertEquals("hi\n:1\n", text(context.takeSent()), "the publisher's was given back, and is this one's");
        assertEquals(List.of(), context.misses);
    }

    @Test
    void aPooledConnectionThatSendsAQueryRecordedOnAnotherIsAnsweredWithItsAnswerOnce() throws IOException {
        Interaction first = conversation("c:HELLO\n", "s:hi\n", "c:Q a\n", "s:A\n", "c:Q b\n", "s:B\n");
        Interaction second = conversation("c:HELLO\n", "s:hi\n", "c:Q c\n", "s:C\n", "c:Q d\n", "s:D\n");
        ScriptedReplay context = context(List.of(first, second), MatchRules.none());
        TcpAnswering one = TcpAnswering.clientFirst(context, context);
        TcpAnswering two = TcpAnswering.clientFirst(context, context);
        feed(one, "HELLO\n");
        feed(two, "HELLO\n");
        assertEquals("hi\nhi\n", text(context.takeSent()));

        feed(one, "Q c\n");
        assertEquals("C\n", text(context.takeSent()));
        feed(two, "Q a\n");
        assertEquals("A\n", text(context.takeSent()));
        feed(one, "Q b\n");
        assertEquals("B\n", text(context.takeSent()), "recorded on the other connection, after one it answered");
        feed(two, "Q d\n");
        assertEquals("D\n", text(context.takeSent()));
        assertEquals(List.of(), context.misses);

        feed(one, "Q a\n");
        assertEquals("", text(context.takeSent()), "each recorded turn answers once");
        assertEquals(1, context.misses.size(), context.misses.toString());
    }

    @Test
    void aBorrowedTurnRecordedElsewhereWithAnotherAnswerIsSaidOnStderr() throws IOException {
        Interaction first = conversation("c:HELLO\n", "s:hi\n", "c:INCR n\n", "s::1\n", "c:INCR n\n", "s::3\n");
        Interaction second = conversation("c:HELLO\n", "s:hi\n", "c:GET x\n", "s:x\n", "c:INCR n\n", "s::2\n");
        ScriptedReplay context = context(List.of(first, second), MatchRules.none());
        TcpAnswering one = TcpAnswering.clientFirst(context, context);
        TcpAnswering two = TcpAnswering.clientFirst(context, context);
        feed(one, "HELLO\n");
        feed(two, "HELLO\n");
        feed(one, "INCR n\n");
        assertEquals("hi\nhi\n:1\n", text(context.takeSent()));
        String said = stderrDuring(() -> feed(two, "INCR n\n"));
        assertEquals(":2\n", text(context.takeSent()), "its own conversation's later turn comes first");
        assertTrue(said.contains("were recorded on several connections with different answers"), said);
    }

    @Test
    void theSameTurnRecordedOnSeveralConnectionsOfAPoolAnswersInTheOrderTheServerAnsweredIt() throws IOException {
        // two connections incremented one counter in turn when recorded: 1 and 3 on the first, 2 and 4 on the second
        Interaction first = conversation("c1:HELLO\n", "s:hi\n", "c3:AUTH a\n", "s:ok\n", "c5:GET x\n", "s:X\n",
                "c7:INCR n\n", "s::1\n", "c9:INCR n\n", "s::3\n");
        Interaction second = conversation("c2:HELLO\n", "s:hi\n", "c4:AUTH b\n", "s:ok\n", "c6:GET y\n", "s:Y\n",
                "c8:INCR n\n", "s::2\n", "c10:INCR n\n", "s::4\n");
        ScriptedReplay context = context(List.of(first, second), MatchRules.none());
        TcpAnswering one = TcpAnswering.clientFirst(context, context);
        TcpAnswering two = TcpAnswering.clientFirst(context, context);
        feed(one, "HELLO\nAUTH a\n");
        feed(two, "HELLO\nAUTH b\n");
        feed(one, "GET y\n"); // a pool's: each connection runs whichever query comes to it
        feed(two, "GET x\n");
        assertEquals("hi\nok\nhi\nok\nY\nX\n", text(context.takeSent()));
        String said = stderrDuring(() -> {
            for (String expected : List.of(":1\n", ":2\n", ":3\n")) {
                feed(one, "INCR n\n"); // the pool lends the first connection three times
                assertEquals(expected, text(context.takeSent()));
            }
            feed(two, "INCR n\n");
            assertEquals(":4\n", text(context.takeSent()));
        });
        assertEquals(List.of(), context.misses);
        assertEquals("", said, "the cassette says the order: nothing to warn of");
    }

    @Test
    void aConnectionThatKeepsToItsOwnConversationIsAnsweredInTheServersOrderToo() throws IOException {
        // after the same handshake each connection took the next value of a sequence: the second's came first
        Interaction first = conversation("c1:HELLO\n", "s:hi\n", "c4:NEXTVAL\n", "s::8\n");
        Interaction second = conversation("c2:HELLO\n", "s:hi\n", "c3:NEXTVAL\n", "s::7\n");
        ScriptedReplay context = context(List.of(first, second), MatchRules.none());
        TcpAnswering one = TcpAnswering.clientFirst(context, context);
        TcpAnswering two = TcpAnswering.clientFirst(context, context);
        feed(one, "HELLO\n");
        feed(two, "HELLO\n");
        feed(one, "NEXTVAL\n");
        feed(two, "NEXTVAL\n");
        assertEquals("hi\nhi\n:7\n:8\n", text(context.takeSent()), "values in the order the server gave them");
        assertEquals(List.of(), context.misses);
    }

    @Test
    void theSameTurnWithTheSameAnswerOnAnotherConnectionLeavesTheConnectionItsOwn() throws IOException {
        Interaction first = conversation("c1:HELLO\n", "s:hi\n", "c4:PING\n", "s:PONG\n", "c5:GET a\n", "s:A\n");
        Interaction second = conversation("c2:HELLO\n", "s:hi\n", "c3:PING\n", "s:PONG\n", "c6:GET b\n", "s:B\n");
        ScriptedReplay context = context(List.of(first, second), MatchRules.none());
        TcpAnswering one = TcpAnswering.clientFirst(context, context);
        TcpAnswering two = TcpAnswering.clientFirst(context, context);
        feed(one, "HELLO\n");
        feed(two, "HELLO\n");
        feed(one, "PING\n");
        feed(two, "PING\n");
        feed(one, "GET a\n");
        feed(two, "GET b\n");
        assertEquals("hi\nhi\nPONG\nPONG\nA\nB\n", text(context.takeSent()));
        assertEquals(List.of(), context.misses);
    }

    @Test
    void withNoHandshakeAConnectionMayOpenWithATurnRecordedLaterOnAnother() throws IOException {
        // a pool of a protocol with no handshake: each connection opened with whichever command came first
        Interaction first = conversation("c1:INCR a\n", "s::1\n", "c3:INCR b\n", "s::1\n");
        Interaction second = conversation("c2:INCR c\n", "s::1\n", "c4:INCR a\n", "s::2\n");
        ScriptedReplay context = context(List.of(first, second), MatchRules.none());
        TcpAnswering one = TcpAnswering.clientFirst(context, context);
        TcpAnswering two = TcpAnswering.clientFirst(context, context);
        feed(one, "INCR b\n");
        assertEquals(":1\n", text(context.takeSent()), "recorded on the first connection after its opening");
        feed(two, "INCR a\n");
        feed(two, "INCR a\n");
        feed(one, "INCR c\n");
        assertEquals(":1\n:2\n:1\n", text(context.takeSent()));
        assertEquals(List.of(), context.misses);
    }

    @Test
    void aConnectionsOpeningTurnIsNeverAnsweredFromAnotherConversation() throws IOException {
        Interaction login = conversation("c:LOGIN x\n", "s:ok\n", "c:LOGIN y\n", "s:ok again\n");
        ScriptedReplay context = context(List.of(login), MatchRules.none());
        TcpAnswering answering = TcpAnswering.clientFirst(context, context);

        feed(answering, "LOGIN y\n");

        assertEquals("", text(context.takeSent()));
        assertEquals(1, context.misses.size(), "a conversation that no recorded one begins is a miss");
    }

    @Test
    void aClientThatStopsPartwayThroughATurnIsAMissOnceItWentQuiet() throws IOException {
        Interaction get = conversation("c:HELLO\n", "s:hi\n", "c:GET abc\n", "s:x\n");
        ScriptedReplay context = context(List.of(get), MatchRules.none());
        TcpAnswering answering = TcpAnswering.clientFirst(context, context);
        feed(answering, "HELLO\n");
        assertEquals(false, answering.stalled(), "nothing waits: the client is between turns");

        feed(answering, "GET a");

        assertTrue(answering.stalled());
        assertEquals(List.of("client turn 2 on the conversation with localhost:6379: the client sent 'GET a' (5 bytes) "
                + "and then nothing for a second, and the recorded turn goes on: 'bc\\n' (3 bytes)"), context.misses);
        assertTrue(answering.closing());
    }

    @Test
    void withThePaceKeptAServerTurnIsDueNoSoonerThanItCameAfterTheClientsTurn() throws IOException {
        List<Message> turns = List.of(Message.of(Message.Side.CLIENT, 0, Message.Kind.DATA, bytes("SUBSCRIBE\n")),
                Message.of(Message.Side.SERVER, 0, Message.Kind.DATA, bytes("ok\n")),
                Message.of(Message.Side.SERVER, 40, Message.Kind.DATA, bytes("news\n")));
        Interaction pushes = new Interaction(Instant.EPOCH, new Server("localhost", 6379, "127.0.0.1", "", null),
                Interaction.TCP, Interaction.tcpRequest("localhost", 6379), RecordedResponse.conversation(turns), "");
        ScriptedReplay paced = context(List.of(pushes), MatchRules.none());
        paced.keepsPace = true;
        ScriptedReplay fast = context(List.of(pushes), MatchRules.none());

        feed(TcpAnswering.clientFirst(paced, paced), "SUBSCRIBE\n");
        feed(TcpAnswering.clientFirst(fast, fast), "SUBSCRIBE\n");

        assertEquals(List.of(true, false), paced.due, "the push was due 40 ms after the client's turn");
        assertEquals(List.of(true, true), fast.due);
        assertEquals("ok\nnews\n", text(paced.takeSent()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDivergenceNamesTheTurnTheByteAndBothValues() throws IOException {
        Interaction set = conversation("c:HELLO\n", "s:hi\n", "c:SET k ada\n", "s:OK\n");
        ScriptedReplay context = context(List.of(set), MatchRules.none());
        TcpAnswering answering = TcpAnswering.clientFirst(context, context);

        feed(answering, "HELLO\nSET k bob\n");

        assertEquals(List.of("client turn 2 on the conversation with localhost:6379: it differs from the recorded "
                + "turn at byte 6: sent 'bob\\n' (4 bytes), recorded 'ada\\n' (4 bytes)"), context.misses);
        assertTrue(answering.closing());
    }

    @Test
    void aFirstTurnNoConversationBeginsWithIsAMissNamingTheNearest() throws IOException {
        ScriptedReplay context = context(List.of(conversation("c:GET a\n", "s:x\n"),
                conversation("c:GET abc\n", "s:y\n")), MatchRules.none());

        feed(TcpAnswering.clientFirst(context, context), "GET abd\n");

        assertEquals(List.of("conversation with localhost:6379 that begins 'GET abd\\n' (8 bytes): the nearest "
                + "recorded one differs at byte 6: sent 'd\\n' (2 bytes), recorded 'c\\n' (2 bytes)"), context.misses);
    }

    @Test
    void freeBytesAndFreePatternsMayHoldOtherValues() throws IOException {
        MatchRules rules = TestRules.everywhere("free-bytes", "2:3-6", "free-pattern", "ts=[0-9]+");
        Interaction stamped = conversation("c:AT ts=1700000000 GO\n", "s:ok\n", "c:ID 1234\n", "s:done\n");
        ScriptedReplay context = context(List.of(stamped), rules);
        TcpAnswering answering = TcpAnswering.clientFirst(context, context);

        feed(answering, "AT ts=1800000000123 GO\n");
        assertEquals("ok\n", text(context.takeSent()), "a longer number, as the pattern allows");
        feed(answering, "ID 9876\n");
        assertEquals("done\n", text(context.takeSent()), "bytes 3 to 6 of turn 2 are free");
        assertEquals(List.of(), context.misses);
    }

    /** A recorded conversation: "c:" turns the client sent, "s:" the server's ("s:" alone: the server's end). */
    /**
     * A conversation of {@code turns}: {@code c:BYTES} the client's, {@code s:BYTES} the server's ({@code s:} alone its
     * end); {@code cN:BYTES} a client turn that was the Nth the server answered (format 6's order).
     */
    private static Interaction conversation(String... turns) {
        List<Message> messages = new ArrayList<>();
        for (String turn : turns) {
            Message.Side side = turn.startsWith("c") ? Message.Side.CLIENT : Message.Side.SERVER;
            int colon = turn.indexOf(':');
            long order = colon > 1 ? Long.parseLong(turn.substring(1, colon)) : 0;
            String bytes = turn.substring(colon + 1);
            messages.add(side == Message.Side.SERVER && bytes.isEmpty()
                    ? Message.of(side, 0, Message.Kind.END, new byte[0])
                    : Message.of(side, 0, Message.Kind.DATA, bytes.getBytes(StandardCharsets.UTF_8)).withOrder(order));
        }
        return new Interaction(Instant.EPOCH, new Server("localhost", 6379, "127.0.0.1", "", null), Interaction.TCP,
                Interaction.tcpRequest("localhost", 6379), RecordedResponse.conversation(messages), "");
    }

    /** Replay steps that may throw. */
    private interface Steps {
        void run() throws IOException;
    }

    /** What {@code steps} wrote on stderr. */
    private static String stderrDuring(Steps steps) throws IOException {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            steps.run();
        } finally {
            System.setErr(stderr);
        }
        return said.toString(StandardCharsets.UTF_8);
    }

    private ScriptedReplay context(List<Interaction> conversations, MatchRules rules) {
        return new ScriptedReplay(conversations, rules, bodies);
    }

    private static void feed(TcpAnswering answering, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        answering.feed(bytes, 0, bytes.length);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
