package netrec.tools.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The messages of a gRPC body as {@code show} prints them: each length-prefixed message decoded as protobuf without
 * its schema, one field per line by number, nested messages indented. A length-delimited field is shown as a nested
 * message when its bytes parse as one, else as text when they are UTF-8, else in hex; a varint as its unsigned
 * value, fixed-width fields as hex. Without the schema, a string that happens to parse as a message is shown as one.
 */
final class GrpcMessages {
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH = 2;
    private static final int WIRE_FIXED32 = 5;
    private static final int DEEPEST = 16;

    private GrpcMessages() {
    }

    /** True for a gRPC body's content type ({@code application/grpc}, {@code application/grpc+proto}). */
    static boolean isGrpc(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.trim().toLowerCase(Locale.ROOT);
        return type.equals("application/grpc") || type.startsWith("application/grpc;")
                || type.startsWith("application/grpc+proto");
    }

    /** The body's messages, each line ready to print; a body that is not length-prefixed messages says so. */
    static List<String> describe(byte[] body) {
        List<String> lines = new ArrayList<>();
        int at = 0;
        int n = 0;
        while (at < body.length) {
            if (body.length - at < 5) {
                lines.add("(" + (body.length - at) + " bytes after the last message, too few for a message header)");
                break;
            }
            boolean compressed = body[at] != 0;
            long length = ((body[at + 1] & 0xffL) << 24) | ((body[at + 2] & 0xff) << 16)
                    | ((body[at + 3] & 0xff) << 8) | (body[at + 4] & 0xff);
            at += 5;
            n++;
            if (length > body.length - at) {
                lines.add("message " + n + ": says " + length + " bytes, and only " + (body.length - at) + " follow");
                break;
            }
            lines.add("message " + n + " (" + length + " bytes" + (compressed ? ", compressed: not decoded)" : ")"));
            if (!compressed) {
                List<String> fields = new ArrayList<>();
                if (!fields(body, at, at + (int) length, "  ", fields, 0)) {
                    fields.clear();
                    fields.add("  (not protobuf) " + hex(body, at, at + (int) length));
                }
                lines.addAll(fields);
            }
            at += (int) length;
        }
        return lines;
    }

    /** Decodes {@code bytes[from, to)} as protobuf fields into {@code lines}; false when they are not protobuf. */
    private static boolean fields(byte[] bytes, int from, int to, String indent, List<String> lines, int depth) {
        int[] at = {from};
        while (at[0] < to) {
            long key = varint(bytes, at, to);
            int wire = (int) (key & 7);
            long number = key >>> 3;
            if (key < 0 || number == 0 || number > 536_870_911L) {
                return false;
            }
            String name = indent + number + ": ";
            switch (wire) {
                case WIRE_VARINT: {
                    long value = varint(bytes, at, to);
                    if (value == -1 && at[0] > to) {
                        return false;
                    }
                    lines.add(name + Long.toUnsignedString(value));
                    break;
                }
                case WIRE_FIXED64:
                case WIRE_FIXED32: {
                    int width = wire == WIRE_FIXED64 ? 8 : 4;
                    if (to - at[0] < width) {
                        return false;
                    }
                    lines.add(name + "0x" + hex(bytes, at[0], at[0] + width).replace(" ", ""));
                    at[0] += width;
                    break;
                }
                case WIRE_LENGTH: {
                    long length = varint(bytes, at, to);
                    if (length < 0 || length > to - at[0]) {
                        return false;
                    }
                    int start = at[0];
                    int end = start + (int) length;
                    lines.add(name + lengthDelimited(bytes, start, end, indent, depth));
                    at[0] = end;
                    break;
                }
                default:
                    return false;
            }
        }
        return at[0] == to;
    }

    /** A length-delimited value: a nested message, text, or hex. */
    private static String lengthDelimited(byte[] bytes, int start, int end, String indent, int depth) {
        List<String> nested = new ArrayList<>();
        if (end > start && depth < DEEPEST && fields(bytes, start, end, indent + "  ", nested, depth + 1)) {
            return "{\n" + String.join("\n", nested) + "\n" + indent + "}";
        }
        String text = utf8(bytes, start, end);
        if (text != null) {
            return quoted(text);
        }
        return "bytes " + hex(bytes, start, end);
    }

    /** Reads a varint at {@code at[0]}, moving it on; -1 with {@code at[0]} past {@code to} when cut short. */
    private static long varint(byte[] bytes, int[] at, int to) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= to) {
                at[0] = to + 1;
                return -1;
            }
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        at[0] = to + 1;
        return -1;
    }

    private static String utf8(byte[] bytes, int start, int end) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                    return null;
                }
            }
            return text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + "\"";
    }

    private static String hex(byte[] bytes, int start, int end) {
        StringBuilder hex = new StringBuilder();
        for (int i = start; i < end; i++) {
            hex.append(i == start ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
        }
        return hex.toString();
    }
}
