package netrec.runtime.names;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a DNS message (RFC 1035, section 4) that netrec reads and writes: a query's one question, and the
 * addresses of a response. Anything else a datagram holds is no DNS netrec answers, and is left alone.
 */
final class DnsMessage {
    static final int TYPE_A = 1;
    static final int TYPE_AAAA = 28;
    static final int NO_ERROR = 0;
    static final int NAME_ERROR = 3;
    private static final int CLASS_IN = 1;
    private static final int TTL = 60;

    private final int id;
    private final boolean response;
    private final boolean recursionDesired;
    private final String name;
    private final int type;
    private final int questionEnd;
    private final List<InetAddress> addresses;

    private DnsMessage(int id, boolean response, boolean recursionDesired, String name, int type, int questionEnd,
            List<InetAddress> addresses) {
        this.id = id;
        this.response = response;
        this.recursionDesired = recursionDesired;
        this.name = name;
        this.type = type;
        this.questionEnd = questionEnd;
        this.addresses = addresses;
    }

    /**
     * The message in {@code bytes}, or null when they are not a standard query or response with one question in
     * class IN (the only DNS netrec records and answers).
     */
    static DnsMessage parse(byte[] bytes) {
        try {
            return read(bytes);
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException | UnknownHostException malformed) {
            return null;
        }
    }

    private static DnsMessage read(byte[] b) throws UnknownHostException {
        if (b.length < 12) {
            return null;
        }
        int flags = u16(b, 2);
        int opcode = (flags >> 11) & 0xF;
        if (opcode != 0 || u16(b, 4) != 1) {
            return null;
        }
        boolean response = (flags & 0x8000) != 0;
        StringBuilder name = new StringBuilder();
        int at = name(b, 12, name, 0);
        int type = u16(b, at);
        if (u16(b, at + 2) != CLASS_IN) {
            return null;
        }
        int questionEnd = at + 4;
        List<InetAddress> addresses = new ArrayList<>();
        if (response && (flags & 0xF) == NO_ERROR) {
            int answers = u16(b, 6);
            at = questionEnd;
            for (int i = 0; i < answers; i++) {
                at = name(b, at, new StringBuilder(), 0);
                int answerType = u16(b, at);
                int length = u16(b, at + 8);
                int data = at + 10;
                if (answerType == TYPE_A && length == 4 || answerType == TYPE_AAAA && length == 16) {
                    byte[] address = new byte[length];
                    System.arraycopy(b, data, address, 0, length);
                    addresses.add(InetAddress.getByAddress(address));
                }
                at = data + length;
            }
        }
        return new DnsMessage(u16(b, 0), response, (flags & 0x0100) != 0,
                name.toString().toLowerCase(Locale.ROOT), type, questionEnd, addresses);
    }

    /** Reads a name at {@code at} into {@code name}, following compression pointers; returns where it ends. */
    private static int name(byte[] b, int at, StringBuilder name, int depth) {
        if (depth > 16) {
            throw new IllegalArgumentException("a loop of name pointers");
        }
        while (true) {
            int length = b[at] & 0xFF;
            if (length == 0) {
                return at + 1;
            }
            if ((length & 0xC0) == 0xC0) {
                name(b, ((length & 0x3F) << 8) | (b[at + 1] & 0xFF), name, depth + 1);
                return at + 2;
            }
            if ((length & 0xC0) != 0) {
                throw new IllegalArgumentException("a label of an unknown kind");
            }
            if (name.length() > 0) {
                name.append('.');
            }
            for (int i = 1; i <= length; i++) {
                name.append((char) (b[at + i] & 0xFF));
            }
            at += length + 1;
        }
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    /**
     * The response to {@code query} (its bytes) with {@code answers} of the type it asked for; with no addresses
     * and {@code rcode}, when that is not {@link #NO_ERROR}.
     */
    static byte[] answer(byte[] query, DnsMessage question, List<InetAddress> answers, int rcode) {
        List<byte[]> records = new ArrayList<>();
        for (InetAddress address : answers) {
            byte[] raw = address.getAddress();
            if (raw.length == 4 && question.type == TYPE_A || raw.length == 16 && question.type == TYPE_AAAA) {
                records.add(raw);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(question.questionEnd + records.size() * 28);
        out.write(query[0]);
        out.write(query[1]);
        out.write(0x80 | (question.recursionDesired ? 0x01 : 0));
        out.write(0x80 | rcode);
        write16(out, 1);
        write16(out, rcode == NO_ERROR ? records.size() : 0);
        write16(out, 0);
        write16(out, 0);
        out.write(query, 12, question.questionEnd - 12);
        if (rcode == NO_ERROR) {
            for (byte[] address : records) {
                write16(out, 0xC00C);
                write16(out, question.type);
                write16(out, CLASS_IN);
                write16(out, 0);
                write16(out, TTL);
                write16(out, address.length);
                out.write(address, 0, address.length);
            }
        }
        return out.toByteArray();
    }

    private static void write16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }

    int id() {
        return id;
    }

    boolean isResponse() {
        return response;
    }

    /** The name asked about, lowercase, without the final dot. */
    String name() {
        return name;
    }

    /** The type asked for: {@link #TYPE_A}, {@link #TYPE_AAAA} or another. */
    int type() {
        return type;
    }

    /** A response's A and AAAA addresses, in order; empty for a query. */
    List<InetAddress> addresses() {
        return addresses;
    }

    /** The question as a person reads it: {@code A example.org}. */
    String question() {
        return (type == TYPE_A ? "A" : type == TYPE_AAAA ? "AAAA" : "type " + type) + " " + name;
    }
}
