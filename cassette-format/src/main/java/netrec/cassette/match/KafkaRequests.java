package netrec.cassette.match;

/**
 * The bytes of Kafka requests that change from run to run while the request means the same: in a Produce request, each
 * record batch's CRC, its first and largest timestamps and each record's timestamp delta (the producer stamps records
 * with the time it sends them; a delta is a varint, so one that needs more bytes than recorded, a record sent 64 ms or
 * more after its batch's first where it was sent sooner, still differs); in a CreateTopics or DeleteTopics request, the
 * time left before the admin client's call times out. Replay takes any value there ({@link #markVolatile}), so a Kafka
 * client replays with no rule of the user's. Everything else of a request (its correlation id, client id, topics, keys
 * and values) must be as recorded.
 *
 * <p>A client turn is taken for Kafka requests only when it is a whole number of them, each a 4-byte size and a
 * header whose API key and version Kafka has; a turn cut elsewhere, or any other protocol, frees nothing. The
 * layouts are those of Kafka's protocol guide: requests with a flexible version (Produce 9+, CreateTopics 5+,
 * DeleteTopics 4+) use compact strings and arrays (unsigned varints) and tagged fields, the others 16- and 32-bit
 * lengths; record batches are magic 2 (Kafka 0.11 and later).
 */
final class KafkaRequests {
    private static final int PRODUCE = 0;
    private static final int CREATE_TOPICS = 19;
    private static final int DELETE_TOPICS = 20;
    /** Record batch fields, from the batch's first byte. */
    private static final int BATCH_MAGIC = 16;
    private static final int BATCH_CRC = 17;
    private static final int BATCH_ATTRIBUTES = 21;
    private static final int BATCH_BASE_TIMESTAMP = 27;
    private static final int BATCH_RECORDS = 61;
    private static final int COMPRESSION = 0x07;

    private final byte[] turn;
    private final boolean[] free;
    private final int end;
    private int at;
    private boolean marked;

    private KafkaRequests(byte[] turn, boolean[] free, int start, int end) {
        this.turn = turn;
        this.free = free;
        this.at = start;
        this.end = end;
    }

    /**
     * Marks in {@code free} the bytes of {@code turn}'s Kafka requests that change from run to run; true when it
     * marked any. Nothing is marked when the turn is not a whole number of Kafka requests.
     */
    static boolean markVolatile(byte[] turn, boolean[] free) {
        if (!wholeRequests(turn)) {
            return false;
        }
        boolean marked = false;
        for (int start = 0; start < turn.length; ) {
            int size = BigEndian.int32(turn, start);
            KafkaRequests request = new KafkaRequests(turn, free, start + 4, start + 4 + size);
            try {
                request.request();
            } catch (IndexOutOfBoundsException | IllegalStateException notAsExpected) {
                // a request laid out otherwise than this reads it: what was marked of it stays marked
            }
            marked |= request.marked;
            start += 4 + size;
        }
        return marked;
    }

    /** True when {@code turn} is one or more size-prefixed requests, each with a header Kafka could have sent. */
    private static boolean wholeRequests(byte[] turn) {
        int start = 0;
        while (start < turn.length) {
            if (start + 14 > turn.length) {
                return false;
            }
            int size = BigEndian.int32(turn, start);
            int apiKey = BigEndian.int16(turn, start + 4);
            int apiVersion = BigEndian.int16(turn, start + 6);
            int clientId = BigEndian.int16(turn, start + 12);
            if (size < 10 || size > turn.length - start - 4 || apiKey < 0 || apiKey > 100 || apiVersion < 0
                    || apiVersion > 30 || clientId < -1 || 10 + Math.max(clientId, 0) > size) {
                return false;
            }
            start += 4 + size;
        }
        return start == turn.length && turn.length > 0;
    }

    private void request() {
        int apiKey = BigEndian.int16(turn, at);
        int version = BigEndian.int16(turn, at + 2);
        at += 8; // key, version, correlation id
        int clientId = BigEndian.int16(turn, at);
        at += 2 + Math.max(clientId, 0);
        boolean flexible = apiKey == PRODUCE ? version >= 9 : apiKey == CREATE_TOPICS ? version >= 5
                : apiKey == DELETE_TOPICS && version >= 4;
        if (flexible) {
            taggedFields();
        }
        if (apiKey == PRODUCE && version >= 3) {
            produce(version, flexible);
        } else if (apiKey == CREATE_TOPICS) {
            createTopics(flexible);
        } else if (apiKey == DELETE_TOPICS) {
            deleteTopics(version, flexible);
        }
    }

    private void produce(int version, boolean flexible) {
        string(flexible); // transactional id
        at += 2 + 4; // acks, timeout (the producer's setting)
        int topics = arrayLength(flexible);
        for (int t = 0; t < topics; t++) {
            if (version >= 13) {
                at += 16; // topic id
            } else {
                string(flexible);
            }
            int partitions = arrayLength(flexible);
            for (int p = 0; p < partitions; p++) {
                at += 4; // partition index
                long length = flexible ? unsignedVarint() - 1 : BigEndian.int32(turn, advance(4));
                if (length > end - at) {
                    throw new IllegalStateException("records longer than their request");
                }
                if (length > 0) {
                    recordBatches(at, at + (int) length);
                    at += (int) length;
                }
                if (flexible) {
                    taggedFields();
                }
            }
            if (flexible) {
                taggedFields();
            }
        }
    }

    /** Marks the volatile fields of the record batches in {@code [from, to)}. */
    private void recordBatches(int from, int to) {
        int batch = from;
        while (batch + BATCH_RECORDS <= to) {
            int size = 12 + BigEndian.int32(turn, batch + 8);
            if (turn[batch + BATCH_MAGIC] != 2 || size < BATCH_RECORDS || batch + size > to) {
                return;
            }
            mark(batch + BATCH_CRC, 4);
            mark(batch + BATCH_BASE_TIMESTAMP, 16); // the first timestamp and the largest
            if ((BigEndian.int16(turn, batch + BATCH_ATTRIBUTES) & COMPRESSION) == 0) {
                records(batch + BATCH_RECORDS, batch + size);
            }
            batch += size;
        }
    }

    /** Marks each record's timestamp delta among the uncompressed records in {@code [from, to)}. */
    private void records(int from, int to) {
        int saved = at;
        at = from;
        while (at < to) {
            long length = zigzag(unsignedVarint());
            if (length <= 0 || length > to - at) {
                break; // not a record this reads: nothing more is marked
            }
            int next = at + (int) length;
            at += 1; // attributes
            int delta = at;
            unsignedVarint();
            mark(delta, at - delta);
            at = next;
        }
        at = saved;
    }

    private void createTopics(boolean flexible) {
        int topics = arrayLength(flexible);
        for (int t = 0; t < topics; t++) {
            string(flexible); // name
            at += 4 + 2; // partitions, replication factor
            int assignments = arrayLength(flexible);
            for (int a = 0; a < assignments; a++) {
                at += 4; // partition index
                at += 4 * Math.max(arrayLength(flexible), 0); // broker ids
                if (flexible) {
                    taggedFields();
                }
            }
            int configs = arrayLength(flexible);
            for (int c = 0; c < configs; c++) {
                string(flexible);
                string(flexible);
                if (flexible) {
                    taggedFields();
                }
            }
            if (flexible) {
                taggedFields();
            }
        }
        mark(at, 4); // timeout: what is left of the admin call's time
    }

    private void deleteTopics(int version, boolean flexible) {
        int topics = arrayLength(flexible);
        for (int t = 0; t < topics; t++) {
            string(flexible);
            if (version >= 6) {
                at += 16; // topic id
                taggedFields();
            }
        }
        mark(at, 4);
    }

    private void mark(int from, int length) {
        if (from < 0 || from + length > end) {
            throw new IllegalStateException("past the request");
        }
        for (int i = from; i < from + length; i++) {
            free[i] = true;
        }
        marked = true;
    }

    /** Skips a (nullable) string: a compact one's unsigned varint length + 1, or a 16-bit length (-1: null). */
    private void string(boolean compact) {
        long length = compact ? unsignedVarint() - 1 : BigEndian.int16(turn, advance(2));
        if (length > end - at) {
            throw new IllegalStateException("a string longer than its request");
        }
        at += (int) Math.max(length, 0);
    }

    /** An array's length: a compact one's unsigned varint + 1, or 32 bits (-1: null, as none). */
    private int arrayLength(boolean compact) {
        long length = compact ? unsignedVarint() - 1 : BigEndian.int32(turn, advance(4));
        if (length > end - at) {
            throw new IllegalStateException("an array longer than its request");
        }
        return (int) length;
    }

    private void taggedFields() {
        long count = unsignedVarint();
        if (count > end - at) {
            throw new IllegalStateException("more tagged fields than bytes");
        }
        for (long i = 0; i < count; i++) {
            unsignedVarint(); // tag
            long size = unsignedVarint();
            if (size > end - at) {
                throw new IllegalStateException("a tagged field longer than its request");
            }
            at += (int) size;
        }
    }

    private long unsignedVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = turn[advance(1)];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("a varint over 10 bytes");
    }

    private static long zigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** Moves past {@code n} bytes, returning where they began. */
    private int advance(int n) {
        int from = at;
        at += n;
        if (at > end) {
            throw new IllegalStateException("past the request");
        }
        return from;
    }
}
