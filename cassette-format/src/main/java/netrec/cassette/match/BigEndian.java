package netrec.cassette.match;

/** Big-endian integers in the binary protocols netrec reads (PostgreSQL's, Kafka's): network byte order. */
public final class BigEndian {
    private BigEndian() {
    }

    /** The signed 16-bit integer at {@code at}. */
    public static int int16(byte[] bytes, int at) {
        return (short) ((bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff);
    }

    /** The 32-bit integer at {@code at}. */
    public static int int32(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                | bytes[at + 3] & 0xff;
    }

    /** {@code value}'s four bytes, for writing. */
    public static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
