package netrec.it.support;

import java.nio.charset.StandardCharsets;

/**
 * The requests and response bodies of a {@link GeneratedCassette}, in the JDK alone so that a client under test can
 * check what it was answered: interaction {@code i} asks for {@link #path}{@code (i)}; every {@code every}-th one is
 * answered {@code bodyBytes} pseudo-random bytes of its own (a body file), the others a line of XML (inline text).
 */
public final class GeneratedBodies {
    private GeneratedBodies() {
    }

    public static String path(int i) {
        return "/maven2/org/generated/a" + i + "/1.0/a" + i + "-1.0.pom";
    }

    public static boolean stored(int i, int every) {
        return every > 0 && i % every == 0;
    }

    public static byte[] body(int i, int every, int bodyBytes) {
        if (!stored(i, every)) {
            return ("<project><artifactId>a" + i + "</artifactId><version>1.0</version></project>\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[bodyBytes];
        long state = i * 0x9E3779B97F4A7C15L + 1;
        for (int b = 0; b < bytes.length; b++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            bytes[b] = (byte) state;
        }
        return bytes;
    }
}
