package netrec.runtime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedisPasswordsTest {
    @Test
    void theAuthPasswordIsTakenOutWithItsLength() {
        assertEquals("*2\r\n$4\r\nAUTH\r\n${redacted}\r\n", out("*2\r\n$4\r\nAUTH\r\n$8\r\nhunter22\r\n"));
        assertEquals("*3\r\n$4\r\nauth\r\n$3\r\nbob\r\n${redacted}\r\n",
                out("*3\r\n$4\r\nauth\r\n$3\r\nbob\r\n$8\r\nhunter22\r\n"));
    }

    @Test
    void helloKeepsItsUserAndTheCommandsAroundIt() {
        String hello = "*7\r\n$5\r\nHELLO\r\n$1\r\n3\r\n$4\r\nAUTH\r\n$7\r\ndefault\r\n$8\r\nhunter22\r\n$7\r\nSETNAME"
                + "\r\n$3\r\napp\r\n";
        assertEquals("*1\r\n$4\r\nPING\r\n" + hello.replace("$8\r\nhunter22\r\n", "${redacted}\r\n")
                + "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", out("*1\r\n$4\r\nPING\r\n" + hello + "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"));
    }

    @Test
    void aPasswordFoundIsTakenOutThoughWhatFollowsIsCutOrNotResp() {
        assertEquals("*2\r\n$4\r\nAUTH\r\n${redacted}\r\n*2\r\n$3\r\nGET\r\n$5\r\nab",
                out("*2\r\n$4\r\nAUTH\r\n$8\r\nhunter22\r\n*2\r\n$3\r\nGET\r\n$5\r\nab"));
        assertEquals("*2\r\n$4\r\nAUTH\r\n${redacted}\r\nPING\r\n",
                out("*2\r\n$4\r\nAUTH\r\n$8\r\nhunter22\r\nPING\r\n"));
    }

    @Test
    void aCommandOfManyArgumentsCostsNoMoreThanItsBytes() {
        assertEquals("*999999999\r\n$1\r\nx\r\n", out("*999999999\r\n$1\r\nx\r\n"));
        assertEquals("*1\r\n$2147483647\r\nx\r\n", out("*1\r\n$2147483647\r\nx\r\n"));
    }

    @Test
    void aTurnWithoutPasswordsOrNotRespIsKeptAsItIs() {
        for (String turn : new String[] {"*2\r\n$3\r\nGET\r\n$4\r\nAUTH\r\n", "AUTH hunter22\r\n", "*2\r\n$4\r\nAUTH\r\n$9\r\nhunter22\r\n",
            "*2\r\n$4\r\nAUTH\r\n$8\r\nhunter2", "", "*x\r\n"}) {
            byte[] bytes = turn.getBytes(StandardCharsets.ISO_8859_1);
            assertSame(bytes, RedisPasswords.out(bytes), turn);
        }
    }

    private static String out(String turn) {
        return new String(RedisPasswords.out(turn.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }
}
