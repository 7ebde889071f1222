package netrec.cassette.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests laid out as Kafka's protocol guide has them, the versions a 4.x client sends. */
class KafkaRequestsTest {
    @Test
    void aProduceRequestsCrcTimestampsAndTimestampDeltasAreFree() {
        byte[] request = produce(9, 1_765_000_000_000L, 0x1234abcd, "k1", "v1");
        boolean[] free = new boolean[request.length];

        assertTrue(KafkaRequests.markVolatile(request, free));

        int batch = batchStart(request);
        List<Integer> marked = marked(free);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expected.add(batch + 17 + i); // the CRC
        }
        for (int i = 0; i < 16; i++) {
            expected.add(batch + 27 + i); // the first and largest timestamps
        }
        expected.add(batch + 61 + 1 + 1); // the record's timestamp delta, after its length and attributes
        assertEquals(expected, marked);
    }

    @Test
    void aProduceRequestSentAnotherTimeMatchesTheRecordedOne() {
        TurnMatch recorded = new TurnMatch(produce(9, 1_765_000_000_000L, 0x1234abcd, "k1", "v1"), 3, List.of(),
                List.of());
        byte[] later = produce(9, 1_765_000_123_456L, 0x7eadbeef, "k1", "v1");
        assertEquals(TurnMatch.State.MATCHED, recorded.compare(later, later.length));
        byte[] otherValue = produce(9, 1_765_000_123_456L, 0x7eadbeef, "k1", "v2");
        assertEquals(TurnMatch.State.DIVERGED, recorded.compare(otherValue, otherValue.length));
    }

    @Test
    void createTopicsTimeLeftIsFree() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(2); // one topic
        compactString(body, "orders");
        int32(body, 1); // partitions
        body.writeBytes(new byte[] {0, 1}); // replication factor
        body.write(1); // no assignments
        body.write(1); // no configs
        body.write(0); // the topic's tagged fields
        int timeoutAt = body.size();
        int32(body, 29_874);
        body.write(0); // validate only
        body.write(0); // tagged fields
        byte[] request = request(19, 7, body.toByteArray());
        boolean[] free = new boolean[request.length];

        assertTrue(KafkaRequests.markVolatile(request, free));

        int at = request.length - body.size() + timeoutAt;
        assertEquals(List.of(at, at + 1, at + 2, at + 3), marked(free));
    }

    @Test
    void version13NamesItsTopicByIdAndABatchOfManyRecordsHasEachDeltaFree() {
        byte[] request = produce(13, 1_765_000_000_000L, 5, "k", "v", 3);
        boolean[] free = new boolean[request.length];

        assertTrue(KafkaRequests.markVolatile(request, free));

        int batch = batchStart(request);
        assertEquals(4 + 16 + 3, marked(free).size(), "CRC, two timestamps, a delta for each of three records");
        assertTrue(free[batch + 17] && free[batch + 27] && free[batch + 61 + 2], marked(free).toString());
    }

    @Test
    void aRecordOfNegativeLengthOrTaggedFieldsPastTheEndStopTheReadingAtOnce() {
        byte[] request = produce(9, 1L, 1, "k", "v");
        int batch = batchStart(request);
        request[batch + 61] = 1; // the first record's length, zigzag: -1
        boolean[] free = new boolean[request.length];
        assertTrue(KafkaRequests.markVolatile(request, free), "the batch's own fields are still free");
        assertFalse(free[batch + 61 + 2]);

        byte[] tags = produce(9, 1L, 1, "k", "v");
        tags[29] = 0x7f; // the header's tagged fields: 127 of them, in a request far shorter
        assertFalse(KafkaRequests.markVolatile(tags, new boolean[tags.length]));
    }

    @Test
    void otherProtocolsAndCutRequestsFreeNothing() {
        byte[] produce = produce(9, 1L, 1, "k", "v");
        byte[] cut = java.util.Arrays.copyOf(produce, produce.length - 3);
        byte[] postgresStartup = {0, 0, 0, 9, 0, 3, 0, 0, 0};
        byte[] redis = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
        for (byte[] turn : List.of(cut, postgresStartup, redis, new byte[0])) {
            assertFalse(KafkaRequests.markVolatile(turn, new boolean[turn.length]));
        }
    }

    private static byte[] produce(int version, long timestamp, int crc, String key, String value) {
        return produce(version, timestamp, crc, key, value, 1);
    }

    /**
     * A Produce request (flexible, version 9+; a topic id from 13) of {@code count} records to partition 0 of
     * "orders", the n-th record n ms after the first.
     */
    private static byte[] produce(int version, long timestamp, int crc, String key, String value, int count) {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (int n = 0; n < count; n++) {
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            record.write(0); // attributes
            record.write(n * 2); // timestamp delta, zigzag
            record.write(n * 2); // offset delta, zigzag
            record.write(key.length() * 2);
            record.writeBytes(key.getBytes(StandardCharsets.US_ASCII));
            record.write(value.length() * 2);
            record.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
            record.write(0); // headers
            records.write(record.size() * 2);
            records.writeBytes(record.toByteArray());
        }
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        int64(batch, 0); // base offset
        int32(batch, 49 + records.size()); // batch length: from the leader epoch on
        int32(batch, -1); // partition leader epoch
        batch.write(2); // magic
        int32(batch, crc);
        batch.writeBytes(new byte[] {0, 0}); // attributes: no compression
        int32(batch, 0); // last offset delta
        int64(batch, timestamp);
        int64(batch, timestamp);
        int64(batch, 7); // producer id
        batch.writeBytes(new byte[] {0, 0}); // producer epoch
        int32(batch, 0); // base sequence
        int32(batch, count);
        batch.writeBytes(records.toByteArray());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0); // no transactional id
        body.writeBytes(new byte[] {-1, -1}); // acks all
        int32(body, 30_000);
        body.write(2); // one topic
        if (version >= 13) {
            body.writeBytes(new byte[16]); // its id
        } else {
            compactString(body, "orders");
        }
        body.write(2); // one partition
        int32(body, 0);
        body.write(batch.size() + 1);
        body.writeBytes(batch.toByteArray());
        body.write(0); // the partition's tagged fields
        body.write(0); // the topic's
        body.write(0); // the request's
        return request(0, version, body.toByteArray());
    }

    private static int batchStart(byte[] request) {
        for (int i = 0; i + 17 < request.length; i++) {
            if (request[i + 16] == 2 && request[i + 12] == -1 && request[i + 15] == -1) {
                return i;
            }
        }
        throw new AssertionError("no batch");
    }

    private static byte[] request(int apiKey, int version, byte[] body) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {0, (byte) apiKey, 0, (byte) version});
        int32(header, 5); // correlation id
        byte[] clientId = "netrec-producer".getBytes(StandardCharsets.US_ASCII);
        header.writeBytes(new byte[] {0, (byte) clientId.length});
        header.writeBytes(clientId);
        header.write(0); // tagged fields
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        int32(request, header.size() + body.length);
        request.writeBytes(header.toByteArray());
        request.writeBytes(body);
        return request.toByteArray();
    }

    private static void compactString(ByteArrayOutputStream out, String text) {
        out.write(text.length() + 1);
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void int32(ByteArrayOutputStream out, int value) {
        out.writeBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    private static void int64(ByteArrayOutputStream out, long value) {
        int32(out, (int) (value >>> 32));
        int32(out, (int) value);
    }

    private static List<Integer> marked(boolean[] free) {
        List<Integer> marked = new ArrayList<>();
        for (int i = 0; i < free.length; i++) {
            if (free[i]) {
                marked.add(i);
            }
        }
        return marked;
    }
}
