package netrec.cassette.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnMatchTest {
    private static final String RECORDED = "*2\r\n$4\r\nAUTH\r\n${redacted}\r\n*1\r\n$4\r\nPING\r\n";

    @Test
    void aRedactedPasswordMatchesAnyPasswordOfAnyLength() {
        for (String password : List.of("secret", "another-much-longer-one", "x")) {
            byte[] sent = bytes("*2\r\n$4\r\nAUTH\r\n$" + password.length() + "\r\n" + password
                    + "\r\n*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nQUIT\r\n");
            TurnMatch match = turn();
            assertEquals(TurnMatch.State.MATCHED, match.compare(sent, sent.length), password);
            assertEquals(sent.length - "*1\r\n$4\r\nQUIT\r\n".length(), match.length(), "the turn's share only");
        }
    }

    @Test
    void aPasswordStillArrivingWaitsAndAnotherCommandDiverges() {
        byte[] partial = bytes("*2\r\n$4\r\nAUTH\r\n$6\r\nsec");
        assertEquals(TurnMatch.State.NEED_MORE, turn().compare(partial, partial.length));
        byte[] other = bytes("*2\r\n$4\r\nECHO\r\n$6\r\nsecret\r\n*1\r\n$4\r\nPING\r\n");
        assertEquals(TurnMatch.State.DIVERGED, turn().compare(other, other.length));
    }

    @Test
    void aRedactedLineValueMatchesAnyValueToTheEndOfItsLine() {
        TurnMatch pass = new TurnMatch(bytes("PASS <redacted by netrec>\r\n"), 2, List.of(), List.of());
        for (String password : List.of("hunter2", "", "a much, much longer one")) {
            byte[] sent = bytes("PASS " + password + "\r\n");
            assertEquals(TurnMatch.State.MATCHED, pass.compare(sent, sent.length), password);
        }
        byte[] user = bytes("USER anonymous\r\n");
        assertEquals(TurnMatch.State.DIVERGED, pass.compare(user, user.length));
        byte[] arriving = bytes("PASS hun");
        assertEquals(TurnMatch.State.NEED_MORE, pass.compare(arriving, arriving.length));
    }

    @Test
    void aLongTurnWithFreeBytesAndManyPiecesMatchesWithoutRecursingAsDeepAsItIsLong() {
        // 5,000 blocks of 40 bytes, each a time the pattern frees and letters of which one byte is free
        StringBuilder recordedText = new StringBuilder();
        StringBuilder sentText = new StringBuilder();
        List<FreeBytes> free = new java.util.ArrayList<>();
        for (int block = 0; block < 5_000; block++) {
            recordedText.append("ts=").append(String.format("%05d", block)).append(';')
                    .append("abcdefghijklmnopqrstuvwxyzabcde");
            sentText.append("ts=").append(String.format("%07d", block)).append(';')
                    .append("abcdefghijklmnop#rstuvwxyzabcde");
        }
        free.add(FreeBytes.parse("25-25")); // the letter after p
        byte[] recorded = bytes(recordedText.toString());
        byte[] sent = bytes(sentText.toString());
        for (int i = 40; i < recorded.length; i += 40) {
            free.add(FreeBytes.parse((i + 25) + "-" + (i + 25)));
        }
        TurnMatch turn = new TurnMatch(recorded, 1, free, List.of(java.util.regex.Pattern.compile("ts=[0-9]+")));
        assertEquals(TurnMatch.State.MATCHED, turn.compare(sent, sent.length));
        assertEquals(sent.length, turn.length());
    }

    private static TurnMatch turn() {
        return new TurnMatch(bytes(RECORDED), 1, List.of(), List.of());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
