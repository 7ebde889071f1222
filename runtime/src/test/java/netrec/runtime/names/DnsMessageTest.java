package netrec.runtime.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DNS messages as netrec reads and writes them: a query's question, an answer's addresses, names compressed. */
class DnsMessageTest {
    /** A query for the A record of shop.netrec.test, id 0x1234, recursion desired. */
    private static final byte[] QUERY = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
        4, 's', 'h', 'o', 'p', 6, 'n', 'e', 't', 'r', 'e', 'c', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1};

    @Test
    void aQuerysQuestionIsRead() {
        DnsMessage query = DnsMessage.parse(QUERY);
        assertEquals(0x1234, query.id());
        assertFalse(query.isResponse());
        assertEquals("A shop.netrec.test", query.question());
    }

    @Test
    void anAnswerWrittenForAQueryReadsBackWithItsAddressesOfTheTypeAsked() throws Exception {
        DnsMessage query = DnsMessage.parse(QUERY);
        byte[] answer = DnsMessage.answer(QUERY, query, List.of(InetAddress.getByName("10.1.2.3"),
                InetAddress.getByName("::1"), InetAddress.getByName("10.1.2.4")), DnsMessage.NO_ERROR);

        DnsMessage read = DnsMessage.parse(answer);
        assertTrue(read.isResponse());
        assertEquals(0x1234, read.id());
        assertEquals("shop.netrec.test", read.name());
        assertEquals(List.of(InetAddress.getByName("10.1.2.3"), InetAddress.getByName("10.1.2.4")), read.addresses());
    }

    @Test
    void noSuchNameHasNoAnswers() {
        byte[] answer = DnsMessage.answer(QUERY, DnsMessage.parse(QUERY), List.of(), DnsMessage.NAME_ERROR);
        assertEquals(DnsMessage.NAME_ERROR, answer[3] & 0x0F);
        assertEquals(List.of(), DnsMessage.parse(answer).addresses());
    }

    @Test
    void whatIsNoStandardQueryIsNotDns() {
        assertNull(DnsMessage.parse("hello".getBytes()));
        byte[] notification = QUERY.clone();
        notification[2] = 0x20;
        assertNull(DnsMessage.parse(notification), "opcode 4 (notify) is not a query");
        byte[] pointerLoop = QUERY.clone();
        pointerLoop[12] = (byte) 0xC0;
        pointerLoop[13] = 12;
        assertNull(DnsMessage.parse(pointerLoop));
    }
}
