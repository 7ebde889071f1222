package netrec.cassette;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The bytes of a request or response body, exactly as they crossed the wire after transfer decoding: a chunked
 * body is stored de-chunked, a {@code Content-Encoding: gzip} body stays gzip-compressed, byte for byte.
 *
 * <p>A body is one of three things. {@linkplain #empty() Empty}: no body bytes at all (a GET, a HEAD response, a
 * 204); the YAML leaves the {@code body} key out. {@linkplain #text(String) Text}: short UTF-8 text kept inline in the
 * YAML so a diff shows it. {@linkplain #stored(String, long) Stored}: any other body, kept once beside the YAML in
 * {@code bodies/<sha256>} and referred to by its SHA-256 and size; identical bodies share one file.
 */
public final class Body {
    private static final Body EMPTY = new Body(null, null, 0);

    private final String text;
    private final String sha256;
    private final long size;

    private Body(String text, String sha256, long size) {
        this.text = text;
        this.sha256 = sha256;
        this.size = size;
    }

    public static Body empty() {
        return EMPTY;
    }

    /** A body kept inline; {@code text} is the whole body decoded as UTF-8. */
    public static Body text(String text) {
        Objects.requireNonNull(text, "text");
        return text.isEmpty() ? EMPTY : new Body(text, null, text.getBytes(StandardCharsets.UTF_8).length);
    }

    /** A body kept in the cassette's body store under its lower-case hex SHA-256. */
    public static Body stored(String sha256, long size) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a stored body needs a 64-digit lower-case hex SHA-256, not " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("body size must not be negative: " + size);
        }
        return new Body(null, sha256, size);
    }

    public boolean isEmpty() {
        return text == null && sha256 == null;
    }

    public boolean isText() {
        return text != null;
    }

    public boolean isStored() {
        return sha256 != null;
    }

    /** The inline text; only for {@link #isText()} bodies. */
    public String text() {
        if (text == null) {
            throw new IllegalStateException("body is not inline text");
        }
        return text;
    }

    /** The content hash naming the body file; only for {@link #isStored()} bodies. */
    public String sha256() {
        if (sha256 == null) {
            throw new IllegalStateException("body is not stored in a file");
        }
        return sha256;
    }

    /** Size in bytes of the body as served to the client. */
    public long size() {
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Body && Objects.equals(text, ((Body) o).text)
                && Objects.equals(sha256, ((Body) o).sha256) && size == ((Body) o).size;
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, sha256, size);
    }

    @Override
    public String toString() {
        return isEmpty() ? "empty" : isText() ? "text(" + size + " bytes)" : "stored(" + sha256 + ", " + size + " bytes)";
    }
}
