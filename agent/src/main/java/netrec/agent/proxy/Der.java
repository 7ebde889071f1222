package netrec.agent.proxy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The few DER values an X.509 certificate is made of (ITU-T X.690), each returned whole: tag, length, content. Enough
 * to write the certificates of a {@link RunAuthority}; nothing here parses.
 */
final class Der {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    private Der() {
    }

    static byte[] sequence(byte[]... members) {
        return value(0x30, concat(members));
    }

    static byte[] set(byte[]... members) {
        return value(0x31, concat(members));
    }

    static byte[] integer(BigInteger number) {
        return value(0x02, number.toByteArray());
    }

    static byte[] bool(boolean truth) {
        return value(0x01, new byte[] {(byte) (truth ? 0xff : 0)});
    }

    static byte[] octets(byte[] content) {
        return value(0x04, content);
    }

    /** A BIT STRING of whole bytes. */
    static byte[] bits(byte[] content) {
        return bits(content, 0);
    }

    /** A BIT STRING whose last {@code unused} bits are not part of it. */
    static byte[] bits(byte[] content, int unused) {
        byte[] withCount = new byte[content.length + 1];
        withCount[0] = (byte) unused;
        System.arraycopy(content, 0, withCount, 1, content.length);
        return value(0x03, withCount);
    }

    static byte[] utf8(String text) {
        return value(0x0c, text.getBytes(StandardCharsets.UTF_8));
    }

    /** UTCTime, which X.509 uses for dates up to 2049. */
    static byte[] utcTime(ZonedDateTime time) {
        return value(0x17, UTC_TIME.format(time.withZoneSameInstant(ZoneOffset.UTC))
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** An object identifier written with dots, such as {@code 2.5.4.3}. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = 1;
            for (long rest = arc >>> 7; rest != 0; rest >>>= 7) {
                groups++;
            }
            for (int group = groups - 1; group >= 0; group--) {
                int seven = (int) (arc >>> (7 * group)) & 0x7f;
                content.write(group == 0 ? seven : seven | 0x80);
            }
        }
        return value(0x06, content.toByteArray());
    }

    /** {@code [number] EXPLICIT}: the value inside a context-specific constructed tag. */
    static byte[] explicit(int number, byte[] inner) {
        return value(0xa0 | number, inner);
    }

    /** {@code [number] IMPLICIT} over a primitive value: its content under a context-specific tag. */
    static byte[] implicit(int number, byte[] content) {
        return value(0x80 | number, content);
    }

    static byte[] value(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
