package netrec.cassette.match;

import netrec.cassette.Message;

/** A few bytes as a person reads them in a miss: quoted text when they are text, else hex; cut when long. */
public final class Preview {
    private static final int TEXT_LIMIT = 80;
    private static final int HEX_LIMIT = 32;

    private Preview() {
    }

    public static String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    /** {@code length} bytes from {@code offset}, with their size. */
    public static String of(byte[] bytes, int offset, int length) {
        byte[] shown = java.util.Arrays.copyOfRange(bytes, offset, offset + Math.min(length, HEX_LIMIT * 4));
        String text = Message.readable(shown);
        String size = " (" + length + " bytes)";
        if (text != null) {
            String escaped = text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
            return "'" + (escaped.length() > TEXT_LIMIT ? escaped.substring(0, TEXT_LIMIT) + "..." : escaped) + "'"
                    + size;
        }
        StringBuilder hex = new StringBuilder("hex ");
        for (int i = 0; i < Math.min(length, HEX_LIMIT); i++) {
            hex.append(String.format("%02x", bytes[offset + i] & 0xFF));
        }
        return hex + (length > HEX_LIMIT ? "..." : "") + size;
    }
}
